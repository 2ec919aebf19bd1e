"""The site's public address, for every absolute link it gives out.

The sitemap, robots.txt, the feeds, the API, canonical links, share tags, structured data and
the editors' notification emails all name the site by its full address. They take it from
``base_url()``:

- in development (``PUBLIC_URL_FROM_REQUEST``, cms.settings.dev), the address the request came
  to, so `make run` on any host and port links to itself;
- everywhere else, the configured ``WAGTAILADMIN_BASE_URL``. The Host header is whatever the
  sender wrote, so in production it never becomes a link (or a cached page carrying one).

Wagtail builds some of these links itself, from its WAGTAILADMIN_BASE_URL and
WAGTAILAPI_BASE_URL settings and without being handed the request (notification emails, the
API's detail_url). For development those settings are ``following_requests()``: a value that
reads as the address of the request being answered.
"""

from contextvars import ContextVar

from django.conf import settings
from django.utils.functional import lazy

_current_request = ContextVar("current_request", default=None)


class CurrentRequestMiddleware:
    """Remembers the request being answered, for links built where no request is passed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _address_of(request):
    return f"{request.scheme}://{request.get_host()}"


def base_url(request=None):
    """``scheme://host[:port]`` of the site, without a trailing slash."""
    if settings.PUBLIC_URL_FROM_REQUEST:
        request = request or _current_request.get()
        if request is not None:
            return _address_of(request)
    return str(settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def local_path(path):
    """``path`` as a path on this site. A request's path can begin with more than one slash
    (``/text//evil.example/``), and a browser reads ``//evil.example/`` (or ``/\\evil.example/``)
    as an address on another host: leading slashes and backslashes become one slash."""
    return "/" + path.lstrip("/\\")


def absolute(url, request=None):
    """``url`` as a full address: a path on the site's address, however many slashes it starts
    with; a full address (a storage's, a CDN's, a MEDIA_URL set to ``//cdn.example/``) as given."""
    if not url or not url.startswith(("/", "\\")) or url.startswith(_elsewhere()):
        return url
    return base_url(request) + local_path(url)


def _elsewhere():
    """Configured media and static addresses that are on another host without a scheme."""
    return tuple(
        prefix
        for prefix in (settings.MEDIA_URL, settings.STATIC_URL)
        if prefix and str(prefix).startswith("//")
    )


def on_public_address(url_parts, request=None):
    """Wagtail's ``(site_id, root_url, page_path)`` for a page, with the site's public address
    in place of the Site record's host name and port."""
    if url_parts is None or url_parts[1] is None:
        return url_parts
    site_id, _site_record_root, page_path = url_parts
    return site_id, base_url(request), page_path


def following_requests(fallback):
    """A base-URL setting that reads as the address of the request being answered, or as
    ``fallback`` outside a request (a management command). Development and test settings only.

    It is a lazy string: Wagtail reads these settings as text (``str()``, ``+``, templates),
    which it supports. ``urljoin()`` refuses it, which only Wagtail's HTML notification emails
    would do; they are off (WAGTAILADMIN_NOTIFICATION_USE_HTML).
    """

    def current():
        request = _current_request.get()
        return _address_of(request) if request is not None else fallback

    return lazy(current, str)()
