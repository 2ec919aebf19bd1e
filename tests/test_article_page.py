"""The article page in the graphic view, and what readers must never see."""

from django.contrib.auth.models import AnonymousUser

from wagtail.models import PageViewRestriction

import pytest

from .factories import AuthorFactory, CategoryFactory, NewsArticlePageFactory, eastern
from .helpers import assert_in_order, soup, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return NewsArticlePageFactory(
        parent=news_index,
        title="Massey offers IL-2 therapy",
        slug="il2",
        lead_image_alt="Portrait of Giao Phan, M.D.",
        lead_image_caption="Giao Phan, M.D.",
        category=CategoryFactory(name="Clinical news"),
        authors=[AuthorFactory(name="Melissa Mitchell"), AuthorFactory(name="Sam Lee")],
        posted_at_override=eastern(2015, 5, 11, 12),
        summary="The only provider in Richmond to offer IL-2.",
    )


def test_graphic_article_shows_image_with_alt_text_and_links_to_its_text_twin(client, article):
    response = client.get("/news/il2/")
    html = soup(response)
    lead = html.select_one(".article__lead img")
    assert lead["alt"] == "Portrait of Giao Phan, M.D."
    assert lead["loading"] == "eager"
    assert lead["width"] and lead["height"]
    sources = [source["type"] for source in html.select(".article__lead source")]
    assert sources == ["image/avif", "image/webp"]
    assert ".format-jpeg." in lead["src"]
    twin = html.find("a", string=lambda s: s and "Text-only" in s)
    assert twin["href"] == "/text/news/il2/"
    assert html.find("meta", attrs={"name": "description"})["content"] == article.summary
    assert_in_order(
        visible_text(response),
        [
            "Massey offers IL-2 therapy",
            "Giao Phan, M.D.",
            "Written by: Melissa Mitchell and Sam Lee",
            "Posted on: May 11, 2015",
            "Category: Clinical news",
        ],
    )


def test_graphic_view_loads_nothing_from_elsewhere(client, article):
    html = soup(client.get("/news/il2/"))
    loaded = [link["href"] for link in html.find_all("link", rel=["stylesheet", "icon", "preload"])]
    loaded += [el.get("src", "") for el in html.find_all(["script", "img", "iframe"])]
    loaded += [el["srcset"] for el in html.find_all("source")]
    assert loaded, "the page has styles and images of its own"
    for url in loaded:
        assert not url.startswith(("http:", "https:", "//")), f"the page loads {url}"


def test_posted_on_comes_from_when_the_story_went_live(client, news_index):
    NewsArticlePageFactory(
        parent=news_index,
        slug="live",
        posted_at_override=None,
        first_published_at=eastern(2024, 3, 2, 9),
    )
    assert "Posted on: March 2, 2024" in visible_text(client.get("/news/live/"))


def test_alt_text_is_required_unless_the_image_is_decorative(news_index):
    from django.core.exceptions import ValidationError

    article = NewsArticlePageFactory.build(lead_image_alt="  ")
    article.lead_image = NewsArticlePageFactory(parent=news_index).lead_image
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "lead_image_alt" in error.value.message_dict
    article.lead_image_decorative = True
    article.clean()  # a decorative image needs no alt text
    assert article.lead_image_alt_text == ""


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_a_draft_is_served_in_neither_view_nor_listed(client, news_index, home_page, prefix):
    NewsArticlePageFactory(parent=news_index, slug="embargoed", title="Embargoed story", live=False)
    assert client.get(f"{prefix}/news/embargoed/").status_code == 404
    for listing in (f"{prefix}/", f"{prefix}/news/"):
        assert "Embargoed story" not in visible_text(client.get(listing))


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_a_private_story_is_served_in_neither_view_nor_listed(client, news_index, prefix):
    private = NewsArticlePageFactory(parent=news_index, slug="staff-only", title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(f"{prefix}/news/staff-only/")
    assert response.status_code == 302  # to the sign-in page, content withheld
    assert "Staff only" not in visible_text(client.get(f"{prefix}/news/"))
    assert private.permissions_for_user(AnonymousUser()).can_edit() is False


def test_home_shows_featured_then_latest(client, home_page, news_index):
    from home.models import HomeFeaturedArticle

    older = NewsArticlePageFactory(
        parent=news_index, title="Featured older", posted_at_override=eastern(2016, 1, 1)
    )
    newer = NewsArticlePageFactory(
        parent=news_index, title="Latest one", posted_at_override=eastern(2024, 1, 1)
    )
    draft = NewsArticlePageFactory(parent=news_index, title="Unpublished pick", live=False)
    HomeFeaturedArticle.objects.create(page=home_page, article=older, sort_order=0)
    HomeFeaturedArticle.objects.create(page=home_page, article=draft, sort_order=1)
    response = client.get("/")
    featured = [
        h.get_text(strip=True) for h in soup(response).select(".home__featured .teaser__title")
    ]
    assert featured == ["Featured older"]
    assert_in_order(
        visible_text(response), ["Featured stories", "Featured older", "Latest news", "Latest one"]
    )
    assert "Unpublished pick" not in visible_text(response)
    assert newer.url in [a["href"] for a in soup(response).find_all("a", href=True)]


def test_navigation_marks_the_current_page_and_section(client, news_index):
    NewsArticlePageFactory(parent=news_index, slug="nav")
    index_nav = soup(client.get("/news/")).select_one("nav.site-nav")
    assert index_nav.find("a", string="News")["aria-current"] == "page"
    article_nav = soup(client.get("/news/nav/")).select_one("nav.site-nav")
    assert article_nav.find("a", string="News")["aria-current"] == "true"
    assert not article_nav.find("a", string="Home").has_attr("aria-current")
