"""Every public page type the gate checks, in both views. A new page type joins by one entry.

Every page of the quality site shows the three alert banners (info, warning and urgent) at
once, so each entry is also "a page with the banner in each severity".
"""

from dataclasses import dataclass

import pytest

# The demo's story modelled on the seed article, and tests.quality.content's showcase story.
IL2_SLUG = "massey-becomes-the-only-medical-provider-in-richmond-to-offer-interleukin-2-therapy"
SHOWCASE_SLUG = "what-to-expect-at-your-first-infusion-visit"

VIEWS = {"graphic": "", "text": "/text"}


@dataclass(frozen=True)
class PageType:
    name: str
    # What it is in pages.surfaces' terms: a page type's label or an address's name (None for
    # the page Django shows when nothing matches).
    route: str | None
    path: str
    # The pages most readers land on also get Lighthouse and the layout checks.
    key_page: bool = False


PAGE_TYPES = [
    PageType("home", "home.HomePage", "/", key_page=True),
    PageType("news index", "news.NewsIndexPage", "/news/", key_page=True),
    PageType("news index, later page", "news.NewsIndexPage", "/news/?page=2"),
    PageType("article", "news.NewsArticlePage", f"/news/{IL2_SLUG}/", key_page=True),
    PageType("article with every block type", "news.NewsArticlePage", f"/news/{SHOWCASE_SLUG}/"),
    PageType("category archive", "news.NewsIndexPage:category", "/news/category/clinical-news/"),
    PageType("author archive", "news.NewsIndexPage:author", "/news/author/melissa-mitchell/"),
    PageType("year archive", "news.NewsIndexPage:year", "/news/2015/"),
    PageType("month archive", "news.NewsIndexPage:month", "/news/2015/05/"),
    PageType("search results", "search", "/search/?q=therapy"),
    PageType("search without matches", "search", "/search/?q=zebrafish"),
    PageType("search with a bad date", "search", "/search/?q=therapy&date_from=nonsense"),
    PageType("page not found", None, "/no-such-page/"),
]


def in_both_views(page_types):
    """pytest parameters: each page type's path in the graphic view and in the text-only view."""
    return [
        pytest.param(prefix + page_type.path, id=f"{page_type.name} ({view})")
        for page_type in page_types
        for view, prefix in VIEWS.items()
    ]


ALL_PAGES = in_both_views(PAGE_TYPES)
KEY_PAGES = in_both_views([page_type for page_type in PAGE_TYPES if page_type.key_page])
