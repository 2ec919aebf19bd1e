"""The read-only headless API: stories with author, category, dates, body and renditions."""

from wagtail.models import PageViewRestriction

import pytest

from .factories import NewsArticlePageFactory, il2_story

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
