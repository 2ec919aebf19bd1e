from core.text_mode import TEXT_URLCONF, is_text_path


class TextOnlyMiddleware:
    """Route /text/… requests through the text-only URLconf.

    Django resolves and reverses against ``request.urlconf`` for the whole request, error pages
    included, so every page and view rendered for a /text/ request is in text-only mode. The
    twins live at different paths, so any page cache keeps the two views apart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_text_path(request.path_info):
            request.urlconf = TEXT_URLCONF
        return self.get_response(request)
