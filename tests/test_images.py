"""Responsive images: AVIF and WebP with a JPEG fallback, no layout shift, focal points kept."""

import pytest

from .factories import ImageFactory, NewsArticlePageFactory
from .helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(news_index):
    return NewsArticlePageFactory.create_batch(3, parent=news_index)


def test_lead_image_loads_eagerly_and_teasers_lazily(client, stories):
    article = soup(client.get(stories[0].url))
    lead = article.select_one(".article__lead img")
    assert lead["loading"] == "eager" and lead["fetchpriority"] == "high"
    listing = soup(client.get("/news/"))
    teaser_images = listing.select(".teaser img")
    assert len(teaser_images) == 3
    assert all(img["loading"] == "lazy" for img in teaser_images)


def test_every_image_has_dimensions_and_all_three_formats(client, stories):
    for url in ("/", "/news/", stories[0].url):
        for picture in soup(client.get(url)).select("main picture"):
            img = picture.find("img")
            assert int(img["width"]) > 0 and int(img["height"]) > 0, url
            assert img.has_attr("alt"), url
            types = [source["type"] for source in picture.find_all("source")]
            assert types == ["image/avif", "image/webp"], url
            for source in picture.find_all("source"):
                assert all(part.strip().endswith("w") for part in source["srcset"].split(","))


def test_crops_follow_the_focal_point(client, news_index):
    wide = ImageFactory(file__width=2000, file__height=500)
    article = NewsArticlePageFactory(parent=news_index, lead_image=wide)
    before = soup(client.get(article.url)).select_one(".article__lead img")["src"]
    wide.focal_point_x, wide.focal_point_y = 1800, 250
    wide.focal_point_width, wide.focal_point_height = 100, 100
    wide.save()
    after = soup(client.get(article.url)).select_one(".article__lead img")["src"]
    assert before != after, "a new focal point gives a new crop"
    rendition = wide.get_rendition("fill-480x320|format-jpeg")
    assert rendition.focal_point_key and rendition.url == after


def test_decorative_image_has_empty_alt(client, news_index):
    article = NewsArticlePageFactory(
        parent=news_index, lead_image_alt="", lead_image_decorative=True
    )
    assert soup(client.get(article.url)).select_one(".article__lead img")["alt"] == ""
