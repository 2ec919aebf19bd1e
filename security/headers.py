"""Security headers Django does not set itself (Content-Security-Policy, Permissions-Policy), and
the reader's own address behind proxies, for sign-in throttling.

Reader pages get a strict policy: no inline script or style at all (the templates have none;
JSON-LD is a data block, which CSP does not execute). The Wagtail admin runs its own inline code,
so it gets a policy of its own that allows that, and nothing from other sites.

A preview is a reader page rendered for the admin (Wagtail serves it through the whole
middleware stack as a request for the page's own address, marked ``is_preview``). It keeps the
reader's policy, so the preview shows what the policy lets readers see, except that the admin's
preview panel may frame it: frame-ancestors 'self' and X-Frame-Options SAMEORIGIN. Reader
pages may be framed by nobody.
"""

from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# Embeds are limited to these providers (WAGTAILEMBEDS_FINDERS), so only they may be framed.
EMBED_FRAME_ORIGINS = (
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def policy(directives):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def build_policies(media_origins):
    shared = {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *media_origins],
        "media-src": ["'self'", *media_origins],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    public = {
        **shared,
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-src": list(EMBED_FRAME_ORIGINS),
        "frame-ancestors": ["'none'"],
    }
    admin = {
        **shared,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [*shared["img-src"], "blob:"],
        # The preview panel frames the site's own preview pages.
        "frame-src": ["'self'", *EMBED_FRAME_ORIGINS],
        "frame-ancestors": ["'self'"],
    }
    preview = {**public, "frame-ancestors": ["'self'"]}
    return policy(public), policy(preview), policy(admin)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy, self.preview_policy, self.admin_policy = build_policies(
            settings.CSP_MEDIA_ORIGINS
        )

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            # Set by Wagtail only on the request it makes itself to render a preview for a
            # signed-in editor; a reader's request for the same address has it False.
            response["Content-Security-Policy"] = self.preview_policy
            response["X-Frame-Options"] = "SAMEORIGIN"
        elif request.path.startswith(ADMIN_PREFIXES):
            response.setdefault("Content-Security-Policy", self.admin_policy)
        else:
            response.setdefault("Content-Security-Policy", self.public_policy)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def client_address(request):
    """The reader's address, for sign-in throttling.

    Behind TRUSTED_PROXY_COUNT proxies (load balancer, CDN), each appends the address it saw to
    X-Forwarded-For, so the client is that many entries from the right; anything further left
    was written by the client and cannot be trusted. With no proxies, REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
