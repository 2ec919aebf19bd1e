"""The read-only headless API: stories with author, category, dates, body and renditions."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from .factories import ImageFactory, NewsArticlePageFactory, il2_story

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/?type=news.NewsArticlePage&fields=*"


@pytest.fixture
def article(news_index):
    return il2_story(news_index)


def test_article_in_the_api(client, article):
    response = client.get(LIST)
    assert response.status_code == 200
    item = next(i for i in response.json()["items"] if i["id"] == article.pk)
    assert item["title"] == "IL-2 therapy"
    assert item["summary"] == "Massey offers IL-2."
    assert item["authors"] == [
        {"name": "Melissa Mitchell", "slug": "melissa-mitchell", "role": "Communications"}
    ]
    assert item["category"] == {"name": "Clinical news", "slug": "clinical-news"}
    assert item["posted_at"].startswith("2015-05-11T16:00:00")
    assert item["last_published_at"] is None or item["last_published_at"]
    assert item["lead_image_alt"] == "Portrait of Giao Phan, M.D."
    assert item["lead_image_small"]["width"] == 600 and item["lead_image_small"]["height"] == 400
    assert item["lead_image_large"]["url"].startswith("/media/images/")
    assert item["body"][0]["type"] == "paragraph"
    assert item["meta"]["html_url"].endswith("/news/il2/")


def test_detail_endpoint(client, article):
    detail = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert detail["authors"][0]["name"] == "Melissa Mitchell"
    assert detail["category"]["name"] == "Clinical news"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, article, method):
    response = getattr(client, method)(f"/api/v2/pages/{article.pk}/")
    assert response.status_code == 405


def test_signed_in_staff_still_get_only_public_pages(client, article, news_index):
    from django.contrib.auth import get_user_model

    private = NewsArticlePageFactory(parent=news_index, title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    ids = [item["id"] for item in client.get(LIST).json()["items"]]
    assert article.pk in ids and private.pk not in ids
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


@pytest.mark.parametrize("bad", ["?limit=abc", "?offset=-1", "?order=nonsense", "?fields=nope"])
def test_bad_parameters_are_client_errors(client, article, bad):
    assert client.get("/api/v2/pages/" + bad).status_code == 400


@pytest.fixture
def searchable(news_index):
    """Stories with the word "interleukin": one readers may see, and one each that is expired,
    private and a draft (all hidden), beside a story without the word."""
    word = "Interleukin"
    stories = {
        "visible": NewsArticlePageFactory(parent=news_index, title=f"{word} trial opens"),
        "expired": NewsArticlePageFactory(
            parent=news_index,
            title=f"{word} event last spring",
            expire_at=timezone.now() - timedelta(hours=1),
        ),
        "private": NewsArticlePageFactory(parent=news_index, title=f"{word} staff memo"),
        "draft": NewsArticlePageFactory(parent=news_index, title=f"{word} draft", live=False),
        "other": NewsArticlePageFactory(parent=news_index, title="Gala raises funds"),
    }
    PageViewRestriction.objects.create(page=stories["private"], restriction_type="login")
    return stories


@pytest.mark.parametrize(
    "types", ["", "&type=news.NewsArticlePage", "&type=news.NewsArticlePage,news.NewsIndexPage"]
)
def test_search_finds_what_readers_may_see_with_or_without_a_type(client, searchable, types):
    response = client.get(f"/api/v2/pages/?search=interleukin{types}")
    assert response.status_code == 200, response.json()
    assert [item["id"] for item in response.json()["items"]] == [searchable["visible"].pk]
    assert response.json()["meta"]["total_count"] == 1


@pytest.mark.parametrize("query", ['"interleukin', "interleukin)", "INTERLEUKIN"])
def test_search_reads_the_words_of_any_query(client, searchable, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200, response.json()
    assert [item["id"] for item in response.json()["items"]] == [searchable["visible"].pk]


@pytest.mark.parametrize("query", [" ", "\t", '"', "()"])
def test_a_search_without_words_finds_nothing(client, searchable, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize(
    "query, message",
    [
        ("search=interleukin&search_operator=xor", "search_operator must be 'and' or 'or'"),
        ("type=news.NewsArticlePage&last_published_at=yesterday", "invalid format"),
        ("type=news.NewsArticlePage&first_published_at=2026-13-45", "invalid date"),
        ("site=nowhere.example", "site doesn't exist"),
        ("site=localhost:http", "site must be a host name"),
        ("locale=xx", "locale doesn't exist"),
        ("search=interleukin&order=nonsense", "cannot order by 'nonsense'"),
        ("type=nope.Nope", "type doesn't exist"),
        ("child_of=abc", "child_of must be a positive integer"),
    ],
)
def test_bad_parameters_are_explained(client, searchable, query, message):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_finding_by_an_id_that_is_not_a_number_is_explained(client, article):
    response = client.get("/api/v2/pages/find/?id=abc")
    assert response.status_code == 400
    assert response.json()["message"] == "id must be a positive integer"


def test_image_search_reads_words_too(client, article):
    assert client.get("/api/v2/images/", {"search": '"portrait'}).status_code == 200
    response = client.get("/api/v2/images/?created_at=soon")
    assert response.status_code == 400 and response.json()["message"]


def test_lead_image_alt_is_the_story_s_description_not_the_image_title(client, news_index):
    image = ImageFactory(title="IMG_4031.jpg")
    described = NewsArticlePageFactory(
        parent=news_index, lead_image=image, lead_image_alt="Nurses at the infusion center"
    )
    decorative = NewsArticlePageFactory(
        parent=news_index, lead_image=image, lead_image_alt="", lead_image_decorative=True
    )
    items = {item["id"]: item for item in client.get(LIST).json()["items"]}
    for size in ("lead_image_small", "lead_image_large"):
        assert items[described.pk][size]["alt"] == "Nurses at the infusion center"
        assert items[decorative.pk][size]["alt"] == ""
        assert items[described.pk][size]["full_url"] == (
            "http://testserver" + items[described.pk][size]["url"]
        )
    detail = client.get(f"/api/v2/pages/{described.pk}/").json()
    assert detail["lead_image_small"]["alt"] == "Nurses at the infusion center"


def test_a_story_without_a_lead_image_has_none_in_the_api(client, news_index):
    story = NewsArticlePageFactory(parent=news_index, lead_image=None, lead_image_alt="")
    item = next(i for i in client.get(LIST).json()["items"] if i["id"] == story.pk)
    assert item["lead_image_small"] is None and item["lead_image_large"] is None
