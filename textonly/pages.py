from core.text_mode import TEXT_VIEW, text_only_mode


class TwinViewPageMixin:
    """Lets editors preview a draft in the graphic view and in the text-only view."""

    @property
    def preview_modes(self):
        return [("", "Graphic view"), (TEXT_VIEW, "Text-only view")]

    def serve_preview(self, request, mode_name):
        if mode_name != TEXT_VIEW:
            return super().serve_preview(request, mode_name)
        with text_only_mode():
            response = super().serve_preview(request, "")
            if hasattr(response, "render"):
                response.render()  # inside the mode, not lazily after it
        return response
