"""RSS 2.0 and Atom feeds of the stories: site-wide and per category."""

import copy

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from core import public_url
from core.dates import whole_seconds
from core.models import SiteSettings
from operations import storage_faults

from .absolute_urls import absolutize
from .models import Category, NewsArticlePage, NewsIndexPage

FEED_LENGTH = 20
LEAD_IMAGE_SPEC = "fill-1200x800|format-jpeg"


def names(people):
    """Join names as a byline reads: "A", "A and B", "A, B and C"."""
    names = [str(person) for person in people]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 with the full story in <content:encoded>; <description> is the summary."""

    def latest_post_date(self):
        return whole_seconds(super().latest_post_date())  # an empty feed's is now

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    """Atom with the full story in <content type="html">; <summary> is the summary."""

    def latest_post_date(self):
        return whole_seconds(super().latest_post_date())  # an empty feed's is now

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class StoriesFeed(Feed):
    """Every address in a feed is absolute, on the site's public address (core.public_url):
    Django would otherwise put the request's host in front of relative ones. Dates are in
    whole seconds (core.dates)."""

    feed_type = RssWithContent

    def __call__(self, request, *args, **kwargs):
        # One feed object is routed for every request, and get_object keeps the request on
        # it: each request works on its own copy, so threads serving two readers at once
        # cannot write one's addresses with the other's host.
        return Feed.__call__(copy.copy(self), request, *args, **kwargs)

    def get_object(self, request, slug=None):
        self.request = request
        self.site_settings = SiteSettings.for_request(request)
        return get_object_or_404(Category, slug=slug) if slug else None

    def title(self, category):
        name = self.site_settings.organisation_name
        return f"{name}: {category.name}" if category else f"{name} news"

    def absolute(self, url):
        return public_url.absolute(url, self.request)

    def link(self, category):
        index = NewsIndexPage.objects.live().first()
        if index is None:
            return self.absolute("/")
        return self.absolute(
            index.archive_url("category", category.slug) if category else index.url
        )

    def feed_url(self, category):
        return self.absolute(self.request.path)

    def description(self, category):
        if category and category.description:
            return category.description
        return f"The latest stories from {self.site_settings.organisation_name}."

    def items(self, category):
        articles = NewsArticlePage.objects.for_listing()
        if category:
            articles = articles.filter(category=category)
        return articles[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Feed readers show the description as HTML; the summary is plain text.
        return escape(article.summary)

    def item_link(self, article):
        return self.absolute(article.url)

    def item_pubdate(self, article):
        return whole_seconds(article.posted_at)

    def item_updateddate(self, article):
        return whole_seconds(article.last_published_at or article.posted_at)

    def item_author_name(self, article):
        return names(article.authors) or None

    def item_categories(self, article):
        return [article.category.name] if article.category else []

    def lead_rendition(self, article):
        if not article.lead_image:
            return None
        try:
            return article.lead_image.get_rendition(LEAD_IMAGE_SPEC)
        except storage_faults.STORAGE_ERRORS as error:  # missing or unstorable: no enclosure
            storage_faults.picture_failed(article.lead_image, error)
            return None

    def item_enclosures(self, article):
        rendition = self.lead_rendition(article)
        if rendition is None:
            return []
        try:
            size = rendition.file.size
        except OSError:  # the rendition's file is gone from storage (say, a partial restore)
            return []
        return [Enclosure(self.absolute(rendition.url), str(size), "image/jpeg")]

    def item_extra_kwargs(self, article):
        html = render_to_string(
            "news/feed_content.html",
            {"article": article, "lead": self.lead_rendition(article)},
            request=self.request,
        )
        return {"content_html": absolutize(html, public_url.base_url(self.request))}


class AtomStoriesFeed(StoriesFeed):
    feed_type = AtomWithContent

    def subtitle(self, category):
        return self.description(category)
