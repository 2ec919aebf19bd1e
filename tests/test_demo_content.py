"""The demo content: the IL-2 article as the seed shows it, and a realistic archive."""

import shutil
import subprocess

from django.core.management import call_command

import pytest

from core.models import AlertBanner, SiteSettings
from news.models import Author, Category, NewsArticlePage

from .conftest import build_site_tree
from .helpers import assert_in_order, soup, visible_text

IL2_SLUG = "massey-becomes-the-only-medical-provider-in-richmond-to-offer-interleukin-2-therapy"
IL2_TITLE = "Massey becomes the only medical provider in Richmond to offer Interleukin-2 therapy"
QUOTE_START = "IL-2 has a bad reputation because it can cause a lot of side effects"

# The seed's pieces, in the seed's order (../shared/seed/il2-therapy-article.txt).
SEED_ORDER = [
    "COVID-19: For information related to COVID-19 "
    "(formerly referred to as “novel coronavirus”), visit",
    "VCU Massey Cancer Center",
    IL2_TITLE,
    "[View Image]",
    "Giao Phan, M.D.",
    "VCU Massey Cancer Center is now offering FDA-approved Interleukin-2 (IL-2) therapy",
    QUOTE_START,
    "Since Dr. Phan arrived at Massey in 2014",
    "To learn more about IL-2 therapy, please contact Dr. Phan at (804) 828-9325 or email",
    "Written by: Melissa Mitchell",
    "Posted on: May 11, 2015",
    "Category: Clinical news",
    "View graphic version",
]


@pytest.fixture
def demo(db, capsys):
    call_command("load_demo_content")
    return capsys.readouterr().out


def test_il2_text_only_page_reads_as_the_seed(client, demo):
    response = client.get(f"/text/news/{IL2_SLUG}/")
    assert response.status_code == 200
    assert_in_order(visible_text(response), SEED_ORDER)
    html = soup(response)
    assert html.find("a", string="(804) 828-9325")["href"] == "tel:+18048289325"
    assert html.select_one(".block-quote blockquote").get_text().startswith(f"“{QUOTE_START}")
    assert not html.find("img")


def test_il2_graphic_page_has_the_portrait_and_the_text_only_link(client, demo):
    html = soup(client.get(f"/news/{IL2_SLUG}/"))
    portrait = html.select_one(".article__lead img")
    assert portrait["alt"] == "Portrait of Giao Phan, M.D."
    assert html.select_one(".article__lead figcaption").get_text(strip=True) == "Giao Phan, M.D."
    assert html.find("a", string="Text-only version")["href"] == f"/text/news/{IL2_SLUG}/"


def reachable_links(client, url):
    """Links on a listing and on the pages after it, as a reader paging through sees them."""
    links = []
    while url:
        html = soup(client.get(url))
        links += [a["href"] for a in html.find_all("a", href=True)]
        next_page = html.find("a", rel="next")
        url = url.split("?")[0] + next_page["href"] if next_page else None
    return links


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_il2_is_reachable_from_home_and_news(client, demo, prefix):
    article_url = f"{prefix}/news/{IL2_SLUG}/"
    home_links = [a["href"] for a in soup(client.get(f"{prefix}/")).find_all("a", href=True)]
    assert article_url in home_links, "featured on the home page"
    assert article_url in reachable_links(client, f"{prefix}/news/")


def test_il2_is_modelled_field_by_field(demo):
    article = NewsArticlePage.objects.get(slug=IL2_SLUG)
    assert [a.name for a in article.authors] == ["Melissa Mitchell"]
    assert article.category.name == "Clinical news"
    assert article.lead_image_caption == "Giao Phan, M.D."
    kinds = [block.block_type for block in article.body]
    assert kinds.count("pull_quote") == 1 and kinds[-1] == "contact"
    contact = article.body[-1].value.details()
    assert (contact.name, contact.phone) == ("Dr. Phan", "(804) 828-9325")
    assert contact.email.endswith("@example.org")


def test_archive_is_realistic(demo):
    articles = NewsArticlePage.objects.live()
    assert articles.count() >= 21
    assert Category.objects.filter(articles__in=articles).distinct().count() >= 4
    assert Author.objects.filter(article_links__page__in=articles).distinct().count() >= 3
    years = {a.posted_at.year for a in articles}
    assert len(years) >= 5
    assert all(a.lead_image_id and a.lead_image_alt for a in articles)
    assert len({a.lead_image_id for a in articles}) == articles.count(), "each has its own image"
    assert SiteSettings.objects.get().organisation_name == "VCU Massey Cancer Center"
    banner = AlertBanner.objects.current().get()
    assert banner.title == "COVID-19"
    assert banner.live_revision == banner.latest_revision, "published from a revision"


def test_loading_twice_changes_nothing(demo, capsys):
    counts = NewsArticlePage.objects.count(), AlertBanner.objects.count()
    call_command("load_demo_content")
    assert "nothing changed" in capsys.readouterr().out
    assert (NewsArticlePage.objects.count(), AlertBanner.objects.count()) == counts


def test_no_accounts_outside_development(demo):
    from django.contrib.auth import get_user_model

    # Test settings, like production, leave DEMO_ACCOUNTS_ENABLED off.
    assert not get_user_model().objects.exists()
    assert "Demo accounts skipped" in demo


def test_demo_accounts_under_development_settings(db, settings, capsys):
    from django.contrib.auth import get_user_model

    settings.DEMO_ACCOUNTS_ENABLED = True
    call_command("load_demo_content")
    users = get_user_model().objects
    admin = users.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")
    editor, writer = users.get(username="editor"), users.get(username="writer")
    assert [g.name for g in editor.groups.all()] == ["Editors"] and not editor.is_superuser
    assert [g.name for g in writer.groups.all()] == ["Communications staff"]
    assert writer.check_password("writer")
    output = capsys.readouterr().out
    assert "Demo sign-ins at /admin/" in output
    assert "writer   Communications staff" in output


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_w3m_dump_shows_the_seed_in_order(live_server):
    w3m = shutil.which("w3m")
    assert w3m, "w3m is installed by make test (Debian package w3m)"
    build_site_tree()  # live-server tests start from a flushed database
    call_command("load_demo_content")
    dump = subprocess.run(  # noqa: S603 - fixed program, local URL
        [w3m, "-dump", f"{live_server.url}/text/news/{IL2_SLUG}/"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    assert_in_order(" ".join(dump.split()), SEED_ORDER)


def test_il2_appears_on_every_reader_surface(client, demo):
    import feedparser

    article_path = f"/news/{IL2_SLUG}/"

    def links(url):
        return [a["href"] for a in soup(client.get(url)).find_all("a", href=True)]

    assert article_path in reachable_links(client, "/news/category/clinical-news/")
    assert article_path in links("/news/2015/05/")
    # The site-wide feeds carry the newest 20 stories; the 2015 story is in its category's.
    for kind in ("rss", "atom"):
        feed = feedparser.parse(client.get(f"/feeds/category/clinical-news/{kind}/").content)
        assert not feed.bozo and feed.version in ("rss20", "atom10")
        assert any(entry.link.endswith(article_path) for entry in feed.entries), kind
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"{article_path}</loc>" in sitemap
    assert article_path in links("/search/?q=interleukin")
    api = client.get("/api/v2/pages/?type=news.NewsArticlePage&fields=*&search=interleukin")
    item = next(i for i in api.json()["items"] if i["meta"]["slug"] == IL2_SLUG)
    assert item["authors"][0]["name"] == "Melissa Mitchell"
    assert item["category"]["name"] == "Clinical news"
