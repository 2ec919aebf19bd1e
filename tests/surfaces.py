"""Every public surface a story can appear on: the embargo sweep's registry.

A new surface joins the sweep (tests/test_embargo.py) by adding one entry here. HTML surfaces
get their text-only twin checked too, without a second entry. A story's images and documents are
in MEDIA_SURFACES.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.apps import apps
from django.utils import timezone

from wagtail.documents import get_document_model

import feedparser

from .helpers import visible_text


def page_shows(response, article):
    return response.status_code == 200 and article.title in visible_text(response)


@dataclass(frozen=True)
class Surface:
    name: str
    # What it is in pages.surfaces' terms: a page type's label, or an address's name. None for
    # media files, which no URL pattern of the product names (the sweep routes /media/).
    route: str | None
    url: Callable  # article -> the address to fetch
    shows: Callable = page_shows  # (response, article) -> does a reader see the story?
    html: bool = True


def local_posted(article):
    return timezone.localtime(article.posted_at)


HTML_SURFACES = [
    Surface("article page", "news.NewsArticlePage", lambda article: f"/news/{article.slug}/"),
    Surface("home page", "home.HomePage", lambda article: "/"),
    Surface("news index", "news.NewsIndexPage", lambda article: "/news/"),
    Surface(
        "category archive",
        "news.NewsIndexPage:category",
        lambda article: f"/news/category/{article.category.slug}/",
    ),
    Surface(
        "author archive",
        "news.NewsIndexPage:author",
        lambda article: f"/news/author/{article.authors[0].slug}/",
    ),
    Surface(
        "year archive",
        "news.NewsIndexPage:year",
        lambda article: f"/news/{local_posted(article):%Y}/",
    ),
    Surface(
        "month archive",
        "news.NewsIndexPage:month",
        lambda article: f"/news/{local_posted(article):%Y/%m}/",
    ),
    Surface("search results", "search", lambda article: f"/search/?q={article.title.split()[-1]}"),
    # Another story in the same category, whose "Related stories" could list this one.
    Surface(
        "related stories",
        "news.NewsArticlePage",
        lambda article: f"/news/{article.slug}-neighbour/",
    ),
]


def feed_shows(response, article):
    entries = feedparser.parse(response.content).entries
    return any(entry.link.endswith(f"/news/{article.slug}/") for entry in entries)


def sitemap_shows(response, article):
    return f"/news/{article.slug}/</loc>" in response.content.decode()


def api_list_shows(response, article):
    return any(item["id"] == article.pk for item in response.json().get("items", []))


def api_detail_shows(response, article):
    return response.status_code == 200 and response.json().get("id") == article.pk


def redirects_to(detail_path):
    """The API's find: a redirect to the detail of what it found, or a 404."""

    def shows(response, article):
        location = urlsplit(response.get("Location", ""))
        return response.status_code == 302 and location.path.endswith(detail_path(article))

    return shows


OTHER_SURFACES = [
    Surface(
        "API list",
        "wagtailapi:pages:listing",
        lambda article: "/api/v2/pages/?type=news.NewsArticlePage",
        api_list_shows,
        html=False,
    ),
    Surface(
        "API detail",
        "wagtailapi:pages:detail",
        lambda article: f"/api/v2/pages/{article.pk}/",
        api_detail_shows,
        html=False,
    ),
    Surface(
        "API find",
        "wagtailapi:pages:find",
        lambda article: f"/api/v2/pages/find/?html_path=/news/{article.slug}/",
        redirects_to(lambda article: f"/api/v2/pages/{article.pk}/"),
        html=False,
    ),
    Surface("sitemap", "sitemap", lambda article: "/sitemap.xml", sitemap_shows, html=False),
    Surface(
        "sitemap section",
        "sitemap_section",
        lambda article: "/sitemap-pages.xml",
        sitemap_shows,
        html=False,
    ),
    Surface("RSS feed", "news_feed_rss", lambda article: "/feeds/rss/", feed_shows, html=False),
    Surface("Atom feed", "news_feed_atom", lambda article: "/feeds/atom/", feed_shows, html=False),
    Surface(
        "category RSS feed",
        "category_feed_rss",
        lambda article: f"/feeds/category/{article.category.slug}/rss/",
        feed_shows,
        html=False,
    ),
    Surface(
        "category Atom feed",
        "category_feed_atom",
        lambda article: f"/feeds/category/{article.category.slug}/atom/",
        feed_shows,
        html=False,
    ),
]


def lead_image_listed(response, article):
    return any(item["id"] == article.lead_image_id for item in response.json().get("items", []))


def lead_image_detail_shows(response, article):
    return response.status_code == 200 and response.json().get("id") == article.lead_image_id


def story_document(article):
    """The document the story's body links to."""
    for block in article.body.raw_data:
        link = re.search(r'<a linktype="document" id="(\d+)"', str(block["value"]))
        if link:
            return get_document_model().objects.get(pk=link[1])
    raise LookupError(f"{article.title} links to no document")


def served(response):
    return b"".join(response.streaming_content) if response.status_code == 200 else None


def lead_image_file_shows(response, article):
    with article.lead_image.open_file() as original:
        return served(response) == original.read()


def rendition_shows(response, article):
    return served(response) is not None and response["Content-Type"].startswith("image/")


def document_shows(response, article):
    document = story_document(article)
    with document.open_file() as file:
        return served(response) == file.read()


# The story's lead image and the document its body links to, wherever the site hands them out.
# Files are served as `make run` serves them (SERVE_MEDIA); the sweep routes /media/ for them.
MEDIA_SURFACES = [
    Surface(
        "images API list",
        "wagtailapi:images:listing",
        lambda article: "/api/v2/images/",
        lead_image_listed,
        html=False,
    ),
    Surface(
        "images API search",
        "wagtailapi:images:listing",
        lambda article: f"/api/v2/images/?search={article.lead_image.title.split()[-1]}",
        lead_image_listed,
        html=False,
    ),
    Surface(
        "images API detail",
        "wagtailapi:images:detail",
        lambda article: f"/api/v2/images/{article.lead_image_id}/",
        lead_image_detail_shows,
        html=False,
    ),
    Surface(
        "images API find",
        "wagtailapi:images:find",
        lambda article: f"/api/v2/images/find/?id={article.lead_image_id}",
        redirects_to(lambda article: f"/api/v2/images/{article.lead_image_id}/"),
        html=False,
    ),
    Surface(
        "original image file",
        None,
        lambda article: article.lead_image.file.url,
        lead_image_file_shows,
        html=False,
    ),
    Surface(
        "image rendition",
        None,
        lambda article: article.lead_image.get_rendition("width-400").url,
        rendition_shows,
        html=False,
    ),
    Surface(
        "document",
        "wagtaildocs_serve",
        lambda article: story_document(article).url,
        document_shows,
        html=False,
    ),
]


def text_twin(surface):
    return Surface(
        f"{surface.name} (text-only)",
        surface.route,
        lambda article, url=surface.url: "/text" + url(article),
        surface.shows,
    )


PUBLIC_SURFACES = [
    *HTML_SURFACES,
    *[text_twin(surface) for surface in HTML_SURFACES if surface.html],
    *OTHER_SURFACES,
]

# What the embargo sweep covers: the story on every surface, and its media. (The page cache's
# tests take PUBLIC_SURFACES alone: files are not pages it keeps.)
EMBARGO_SURFACES = [*PUBLIC_SURFACES, *MEDIA_SURFACES]


def _page_factories():
    from .factories import HomePageFactory, NewsArticlePageFactory, NewsIndexPageFactory

    return {
        "home.HomePage": HomePageFactory,
        "news.NewsIndexPage": NewsIndexPageFactory,
        "news.NewsArticlePage": NewsArticlePageFactory,
    }


# A factory for each public page type (pages.surfaces.public_page_types), by model label;
# tests/test_surface_registry.py fails when a page type has none.
PAGE_FACTORIES = _page_factories()


# A title as communications staff write them: accents, a dash, longer than a line.
PAGE_TITLE = "Sprechstunde für Angehörige — Öffnungszeiten und Anfahrt zur Klinik in São Paulo"


def page_of_type(label, site_tree):
    """A live page of this type in the test site: the tree's own where the type allows only one
    (the home page, the news index), otherwise a new one under the first page that may hold it."""
    model = apps.get_model(label)
    for page in site_tree:
        if type(page) is model:
            return page
    parent = next(page for page in site_tree if model.can_create_at(page))
    return PAGE_FACTORIES[label](parent=parent, title=PAGE_TITLE)
