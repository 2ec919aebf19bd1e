"""What search engines and social sites read: descriptions, share images, structured data."""

import datetime as dt
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core import public_url
from core.dates import iso_datetime
from core.routing import cached_ancestors
from operations import storage_faults

SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"
LOGO_SPEC = "max-512x512|format-png"


class SeoMixin:
    """Descriptions, addresses and structured data for a page; page types add their own."""

    def get_url_parts(self, request=None):
        """Wagtail's parts of this page's address, on the site's public address rather than
        the Site record's host name and port: the sitemap, the API's html_url and previews
        all read it (core.public_url)."""
        return public_url.on_public_address(super().get_url_parts(request), request)

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        intro = getattr(self, "intro", "")
        return Truncator(strip_tags(str(intro))).chars(200) if intro else ""

    def get_social_image(self):
        return None

    @cached_property
    def social_rendition(self):
        """The share image at the size social sites ask for, or None."""
        image = self.get_social_image()
        try:
            return image.get_rendition(SOCIAL_IMAGE_SPEC) if image else None
        except storage_faults.STORAGE_ERRORS as error:  # missing or unstorable: no picture
            storage_faults.picture_failed(image, error)
            return None

    @cached_property
    def breadcrumb_trail(self):
        """Home down to this page. Ancestors of a page being served are public, or it would
        not be, so only their live state is checked."""
        ancestors = cached_ancestors(self)  # routing read them on the way to this page
        if ancestors is None:
            return [*self.get_ancestors().filter(depth__gte=2).live(), self]
        return [*(ancestor for ancestor in ancestors if ancestor.live), self]

    def get_structured_data(self, request, site_settings):
        """JSON-LD objects for this page; every page has its breadcrumb trail."""
        return [breadcrumb_list(self, request)]


def absolute(request, url):
    return public_url.absolute(url, request) if url else None


def breadcrumb_list(page, request):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": "Home" if crumb.depth == 2 else crumb.title,
                "item": absolute(request, crumb.url),
            }
            for position, crumb in enumerate(page.breadcrumb_trail, start=1)
        ],
    }


def organisation(request, site_settings):
    """The cancer center, as schema.org's MedicalOrganization."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalOrganization",
        "name": site_settings.organisation_name,
        "url": absolute(request, "/"),
    }
    logo = None
    if site_settings.logo:
        try:
            logo = site_settings.logo.get_rendition(LOGO_SPEC)
        except storage_faults.STORAGE_ERRORS as error:  # missing or unstorable: no logo
            storage_faults.picture_failed(site_settings.logo, error)
    if logo:
        data["logo"] = {
            "@type": "ImageObject",
            "url": absolute(request, logo.url),
            "width": logo.width,
            "height": logo.height,
        }
    if site_settings.phone:
        data["telephone"] = site_settings.phone
    if site_settings.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": site_settings.address}
    social = [url for _name, url in site_settings.social_links]
    if social:
        data["sameAs"] = social
    return data


class StructuredDataEncoder(DjangoJSONEncoder):
    """Dates as schema.org reads them: ISO 8601, whole seconds, with the offset (core.dates)."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            return iso_datetime(o)
        return super().default(o)


def json_ld(data):
    """A <script type="application/ld+json"> element that no content can break out of."""
    text = json.dumps(data, cls=StructuredDataEncoder, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
