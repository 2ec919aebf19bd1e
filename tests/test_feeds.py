"""RSS 2.0 and Atom feeds, read the way a feed reader reads them (feedparser)."""

import json
import threading

from django.db import connection

import feedparser
import pytest

from news.feeds import StoriesFeed

from .factories import (
    AuthorFactory,
    CategoryFactory,
    ImageFactory,
    NewsArticlePageFactory,
    eastern,
    paragraph,
)
from .helpers import soup

pytestmark = pytest.mark.django_db

FEEDS = {
    "/feeds/rss/": "rss20",
    "/feeds/atom/": "atom10",
    "/feeds/category/clinical-news/rss/": "rss20",
    "/feeds/category/clinical-news/atom/": "atom10",
}


@pytest.fixture
def stories(news_index):
    clinical = CategoryFactory(name="Clinical news", slug="clinical-news")
    image = ImageFactory()
    body = [
        paragraph(f'<p>See <a linktype="page" id="{news_index.pk}">all news</a>.</p>'),
        {
            "type": "image",
            "value": {"image": {"image": image.pk, "alt_text": "The ward", "decorative": False}},
        },
    ]
    il2 = NewsArticlePageFactory(
        parent=news_index,
        title="IL-2 therapy",
        slug="il2",
        summary="Massey offers IL-2.",
        lead_image_alt="Portrait of Giao Phan, M.D.",
        category=clinical,
        authors=[AuthorFactory(name="Melissa Mitchell")],
        posted_at_override=eastern(2015, 5, 11, 12),
        body=json.dumps(body),
    )
    other = NewsArticlePageFactory(parent=news_index, title="Research grant")
    return il2, other


def parse(client, url):
    """The feed as a feed reader sees it (feedparser also sanitises the HTML)."""
    response = client.get(url)
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize(("url", "version"), FEEDS.items())
def test_feeds_are_valid_and_carry_full_entries(client, stories, url, version):
    feed = parse(client, url)
    assert not feed.bozo and feed.version == version
    entry = next(e for e in feed.entries if e.title == "IL-2 therapy")
    assert entry.link == "http://testserver/news/il2/"
    assert entry.summary == "Massey offers IL-2."
    assert entry.author == "Melissa Mitchell"
    assert [tag.term for tag in entry.tags] == ["Clinical news"]
    assert entry.published_parsed[:3] == (2015, 5, 11)
    content = soup_of(entry.content[0].value)
    lead = content.find("img")
    assert lead["alt"] == "Portrait of Giao Phan, M.D."
    assert lead["src"].startswith("http://testserver/media/images/")
    assert content.find("a", string="all news")["href"] == "http://testserver/news/"
    assert content.find("img", alt="The ward")["src"].startswith("http://testserver/")
    raw = client.get(url).content.decode()
    for relative in ('src="/', 'href="/', 'srcset="/', ", /media/"):
        assert relative not in raw, f"a relative address ({relative}) in {url}"


def soup_of(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_rss_enclosure_is_the_lead_image(client, stories):
    entry = next(e for e in parse(client, "/feeds/rss/").entries if e.title == "IL-2 therapy")
    enclosure = entry.enclosures[0]
    assert enclosure.type == "image/jpeg" and enclosure.href.startswith("http://testserver/media/")
    assert int(enclosure.length) > 0


def test_category_feed_has_only_its_category(client, stories):
    titles = [e.title for e in parse(client, "/feeds/category/clinical-news/rss/").entries]
    assert titles == ["IL-2 therapy"]
    assert client.get("/feeds/category/no-such/rss/").status_code == 404


@pytest.mark.parametrize("url", ["/", "/news/", "/news/il2/", "/text/news/", "/text/news/il2/"])
def test_pages_link_to_the_feeds(client, stories, url):
    links = soup(client.get(url)).find_all("link", rel="alternate", type=True)
    assert {link["href"] for link in links} >= {"/feeds/rss/", "/feeds/atom/"}


def test_category_page_links_to_its_own_feeds(client, stories):
    links = soup(client.get("/news/category/clinical-news/")).find_all("link", rel="alternate")
    hrefs = {link["href"] for link in links}
    assert {"/feeds/category/clinical-news/rss/", "/feeds/category/clinical-news/atom/"} <= hrefs


@pytest.mark.django_db(transaction=True)  # each thread reads the stories on its own connection
def test_two_readers_fed_at_once_each_get_their_own_addresses(stories, rf):
    """Threaded workers serve two readers with the same feed object at the same moment: each
    feed's links are on the host its reader asked for."""
    both_started = threading.Barrier(2, timeout=10)

    class FeedServingTwoAtOnce(StoriesFeed):
        def get_object(self, request, slug=None):
            found = super().get_object(request, slug)
            both_started.wait()  # the other reader's request has arrived too
            return found

    feed = FeedServingTwoAtOnce()
    hosts = ["localhost", "127.0.0.1"]
    feeds = {}

    def read(host):
        feeds[host] = feed(rf.get("/feeds/rss/", HTTP_HOST=host)).content.decode()
        connection.close()

    readers = [threading.Thread(target=read, args=(host,)) for host in hosts]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    for host, other in zip(hosts, reversed(hosts), strict=True):
        parsed = feedparser.parse(feeds[host])
        links = [parsed.feed.link, *(entry.link for entry in parsed.entries)]
        assert all(link.startswith(f"http://{host}/") for link in links), (host, links)
        assert f"//{other}/" not in feeds[host]
