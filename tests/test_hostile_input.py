"""Every public address and every API parameter, crossed with hostile input: never a server
error, never a payload echoed.

A new public surface joins the sweep by adding one line to SURFACES; the API's parameters are
read from its viewsets, so a new filter or field is swept without a line. The module prints its
count of requests and of server errors when it finishes ("hostile input sweep: ...").
"""

import contextlib
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.db import OperationalError, connection
from django.urls import Resolver404, resolve

from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.models import Page

import pytest
import wagtail_factories

from core import public_url
from news.api import PublicImagesAPIViewSet, PublicPagesAPIViewSet
from news.models import NewsArticlePage
from operations.errors import server_error

from .editorial import newsroom
from .factories import (
    AuthorFactory,
    CategoryFactory,
    ImageFactory,
    NewsArticlePageFactory,
    eastern,
)
from .helpers import soup
from .test_admin import article_form

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'

# Values for a page number, a slug, a year, an identifier: anything a reader or a bot can type.
HOSTILE = {
    "zero": "0",
    "negative": "-1",
    "word": "abc",
    "float": "1.5",
    "exponent": "1e99",
    "400 digits": "9" * 400,
    "5,000 digits": "9" * 5000,  # more than Python's int() reads from a string
    "superscript digit": "²",  # a digit to str.isdigit(), not to int()
    "empty": "",
    "space": " ",
    "nul byte": "\x00",
    "unicode": "ünïcödé 中文 🩺",
    "right-to-left": "\u202etxt.exe",
    "sql": "1' OR '1'='1' --",
    "html": SCRIPT,
    "attribute": ATTRIBUTE,
    "path traversal": "../../etc/passwd",
    "long": "x" * 10_000,
    # Another host, as a site filter or the start of a path.
    "unknown host": "evil.example",
    "host and huge port": "evil.example:99999999999999999999",
    "scheme-relative address": "//evil.example/",
    # The syntax of SQLite's FTS5 and PostgreSQL's tsquery, where a search box's words go.
    "lone quote": '"',
    "open phrase": '"cancer care',
    "star": "*",
    "prefix": "canc*",
    "near": "NEAR(cancer care, 2)",
    "trailing and": "cancer AND",
    "leading or": "OR cancer",
    "not": "NOT cancer",
    "minus": "-cancer",
    "caret": "^cancer",
    "column": "title:cancer",
    "parentheses": "((cancer) OR (care",
    "tsquery operators": "cancer & !care | <-> :*",
    "backslash": "\\",
}

# One line per surface: what it is in pages.surfaces' terms, and its address with "{}" where
# the hostile value goes, URL-quoted. The API's query parameters are swept below, from its
# viewsets.
SURFACES = {
    "news index page": ("news.NewsIndexPage", "/news/?page={}"),
    "article slug": ("news.NewsArticlePage", "/news/{}/"),
    "category archive": ("news.NewsIndexPage:category", "/news/category/{}/"),
    "category archive page": (
        "news.NewsIndexPage:category",
        "/news/category/clinical-news/?page={}",
    ),
    "author archive": ("news.NewsIndexPage:author", "/news/author/{}/"),
    "author archive page": ("news.NewsIndexPage:author", "/news/author/melissa-mitchell/?page={}"),
    "year archive": ("news.NewsIndexPage:year", "/news/{}/"),
    "month archive": ("news.NewsIndexPage:month", "/news/2015/{}/"),
    "month archive page": ("news.NewsIndexPage:month", "/news/2015/05/?page={}"),
    "search query": ("search", "/search/?q={}"),
    "search page": ("search", "/search/?q=therapy&page={}"),
    "search category": ("search", "/search/?q=therapy&category={}"),
    "search dates": ("search", "/search/?q=therapy&date_from={}&date_to={}"),
    "home query": ("home.HomePage", "/?page={}"),
    "rss feed": ("news_feed_rss", "/feeds/rss/?page={}"),
    "atom feed": ("news_feed_atom", "/feeds/atom/?{}"),
    "category feed": ("category_feed_rss", "/feeds/category/{}/rss/"),
    "category atom feed": ("category_feed_atom", "/feeds/category/{}/atom/"),
    "sitemap index": ("sitemap", "/sitemap.xml?p={}"),
    "sitemap section": ("sitemap_section", "/sitemap-{}.xml"),
    # seo.sitemaps.SITEMAPS has one section, "pages": /sitemap-pages.xml is a real page.
    "sitemap page": ("sitemap_section", "/sitemap-pages.xml?p={}"),
    "robots": ("robots_txt", "/robots.txt?{}"),
    "api page detail": ("wagtailapi:pages:detail", "/api/v2/pages/{}/"),
    "api image detail": ("wagtailapi:images:detail", "/api/v2/images/{}/"),
    # Not mounted (documents are not in the API): stays a 404 whatever follows.
    "api document detail": (None, "/api/v2/documents/{}/"),
    "document": ("wagtaildocs_serve", "/documents/{}/report.pdf"),
    "document name": ("wagtaildocs_serve", "/documents/1/{}"),
    # Wagtail's sign-in for private pages, where a "next" address is the classic open redirect.
    "private page sign-in": ("wagtailcore_login", "/_util/login/?next={}"),
}
# Reader pages have a text-only twin that parses the same input.
TEXT_TWINS = {
    f"{name} (text-only)": "/text" + template
    for name, (_route, template) in SURFACES.items()
    if template.startswith(("/news/", "/search/", "/?"))
}
ALL_SURFACES = {**{name: template for name, (_route, template) in SURFACES.items()}, **TEXT_TWINS}

# Each API endpoint: its viewset, the model whose fields filter it, and a query it is read with.
API_ENDPOINTS = {
    "pages": (PublicPagesAPIViewSet, Page, "/api/v2/pages/", ""),
    # With a page type, the listing filters on that type's own fields, through other code.
    "stories": (
        PublicPagesAPIViewSet,
        NewsArticlePage,
        "/api/v2/pages/",
        "type=news.NewsArticlePage&",
    ),
    "images": (PublicImagesAPIViewSet, get_image_model(), "/api/v2/images/", ""),
    "documents": (DocumentsAPIViewSet, get_document_model(), "/api/v2/documents/", ""),
}


def api_parameters(endpoint):
    """Every parameter the endpoint reads: its operations and each field it filters on."""
    viewset, model, _path, _query = API_ENDPOINTS[endpoint]
    fields = viewset.get_available_fields(model, db_fields_only=True)
    return sorted(viewset.known_query_parameters.union(fields) - {"_"})  # "_": cache-busting


def api_templates(endpoint):
    """Each parameter alone, beside a search (search filters and orders by other code), and
    each find parameter."""
    viewset, _model, path, query = API_ENDPOINTS[endpoint]
    for parameter in api_parameters(endpoint):
        yield f"{path}?{query}{parameter}={{}}"
        if parameter != "search":
            yield f"{path}?{query}search=cancer&{parameter}={{}}"
    for parameter in sorted(viewset.find_query_parameters):
        yield f"{path}find/?{parameter}={{}}"


def swept_routes():
    """What the sweep reaches, in pages.surfaces' terms: its surfaces' routes, and the API
    addresses its parameters go to, as the URL resolver names them."""
    routes = {route for route, _template in SURFACES.values() if route}
    for endpoint in API_ENDPOINTS:
        for template in api_templates(endpoint):
            with contextlib.suppress(Resolver404):  # an endpoint the API does not mount
                routes.add(resolve(urlsplit(template).path).view_name)
    return routes


def planned_requests():
    surfaces = len(ALL_SURFACES) * len(HOSTILE)
    api = sum(len(list(api_templates(endpoint))) for endpoint in API_ENDPOINTS) * len(HOSTILE)
    return surfaces + api


class Tally:
    requests = 0
    server_errors = 0


@pytest.fixture(scope="module")
def tally(request):
    """Counts the sweep's requests and prints them, for the record, when the module ends."""
    counted = Tally()
    yield counted
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None or not counted.requests:
        return
    with capture.global_and_fixture_disabled():  # what capsys.disabled() does, module-wide
        reporter.write_sep(
            "-",
            f"hostile input sweep ({connection.vendor}): {counted.requests} requests, "
            f"{counted.server_errors} 5xx",
        )


@pytest.fixture
def stories(news_index):
    category = CategoryFactory(name="Clinical news", slug="clinical-news")
    author = AuthorFactory(name="Melissa Mitchell", slug="melissa-mitchell")
    for day in range(1, 4):
        story = NewsArticlePageFactory(
            parent=news_index,
            title=f"Cancer care at the infusion center, part {day}",
            category=category,
            first_published_at=eastern(2015, 5, day),
            posted_at_override=eastern(2015, 5, day),
        )
        story.article_authors.create(author=author, sort_order=0)
    # Searches must reach rows in every index: SQLite only parses a search it runs on rows.
    wagtail_factories.DocumentFactory(title="Cancer care visitor guide")
    return news_index


def assert_safe(response, url, value, tally=None):
    if tally is not None:
        tally.requests += 1
        tally.server_errors += response.status_code >= 500
    assert response.status_code < 500, f"{url} -> {response.status_code}"
    if response.get("Content-Type", "").startswith("application/json"):
        return  # a JSON string is data, never markup (and nosniff keeps browsers to that)
    body = response.content.decode(errors="replace")
    for payload in (SCRIPT, ATTRIBUTE):
        if payload in value:
            assert payload not in body, f"{url} echoes the payload unescaped"


def sweep(client, templates, tally):
    """Each template with each hostile value; every failure is reported, not only the first."""
    client.raise_request_exception = False  # a server error is counted, and the sweep goes on
    failures = []
    for template in templates:
        for value in HOSTILE.values():
            url = template.format(*[quote(value, safe="")] * template.count("{}"))
            try:
                assert_safe(client.get(url), url, value, tally)
            except AssertionError as failure:
                failures.append(str(failure).splitlines()[0][:300])
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("surface", ALL_SURFACES)
def test_hostile_values_never_cause_a_server_error(client, stories, tally, surface):
    sweep(client, [ALL_SURFACES[surface]], tally)


@pytest.mark.parametrize("endpoint", API_ENDPOINTS)
def test_hostile_values_in_every_api_parameter_never_cause_a_server_error(
    client, stories, tally, endpoint
):
    sweep(client, api_templates(endpoint), tally)


def test_the_sweep_reaches_every_api_parameter_wagtail_documents():
    """The parameters of Wagtail's API documentation, each on its endpoint: if the viewsets
    stopped reading one, the sweep would stop sending it without this."""
    documented = {
        "pages": {
            "type",
            "fields",
            "order",
            "search",
            "search_operator",
            "limit",
            "offset",
            "site",
            "child_of",
            "descendant_of",
            "ancestor_of",
            "translation_of",
            "locale",
            "title",
            "slug",
            "show_in_menus",
            "first_published_at",
        },
        "stories": {"summary", "category", "tags", "lead_image_caption", "last_published_at"},
        "images": {"fields", "order", "search", "limit", "offset", "title", "width", "tags"},
        "documents": {"fields", "order", "search", "limit", "offset", "title", "tags"},
    }
    for endpoint, parameters in documented.items():
        assert parameters <= set(api_parameters(endpoint)), endpoint
    templates = {template for endpoint in API_ENDPOINTS for template in api_templates(endpoint)}
    assert "/api/v2/pages/find/?html_path={}" in templates
    assert "/api/v2/images/find/?id={}" in templates
    # The size of the sweep, so that it cannot shrink unnoticed.
    assert planned_requests() >= 6000, planned_requests()


# Dates that parse as numbers but are not in the calendar, or not in the archive.
OUT_OF_RANGE = [
    "/news/0000/",
    "/news/9999/",
    "/news/1899/",
    "/news/2015/00/",
    "/news/2015/13/",
    "/news/2015/99/",
    "/news/9999/12/",
    "/search/?date_from=2015-02-30",
    "/search/?date_from=0001-01-01&date_to=9999-12-31",
    "/search/?q=therapy&date_from=0001-01-01&date_to=9999-12-31",
    "/search/?q=therapy&date_from=9999-12-31",
    "/search/?date_from=2020-01-01&date_to=2010-01-01",
]

ODD_HEADERS = {
    "garbage If-Modified-Since": {"HTTP_IF_MODIFIED_SINCE": "yesterday-ish"},
    "garbage If-None-Match": {"HTTP_IF_NONE_MATCH": '"' + "x" * 5000},
    "garbage Accept-Language": {"HTTP_ACCEPT_LANGUAGE": "zz-ZZ;q=abc, *;q=-1"},
    "garbage Accept": {"HTTP_ACCEPT": "text/html;q=nan, */*;level=<script>"},
    "garbage cookie": {"HTTP_COOKIE": "sessionid=\x00; csrftoken=" + "A" * 5000},
    "garbage X-Forwarded-For": {"HTTP_X_FORWARDED_FOR": "not-an-ip, <script>"},
    "garbage Range": {"HTTP_RANGE": "bytes=99999999999-1"},
    "long user agent": {"HTTP_USER_AGENT": "A" * 20_000},
}


@pytest.mark.parametrize("url", OUT_OF_RANGE)
def test_out_of_range_dates_are_refused_not_crashed_on(client, stories, url):
    for prefix in ("", "/text"):
        response = client.get(prefix + url)
        assert response.status_code in (200, 400, 404), url
        if url.startswith("/news/"):
            assert response.status_code == 404


@pytest.mark.parametrize("name", ODD_HEADERS)
def test_odd_headers_are_ignored(client, stories, name):
    for url in ("/", "/news/", "/text/news/", "/feeds/rss/", "/sitemap.xml", "/api/v2/pages/"):
        response = client.get(url, **ODD_HEADERS[name])
        assert response.status_code < 500, f"{url} with {name} -> {response.status_code}"


def test_the_sitemap_section_the_hostile_cases_aim_at_is_a_real_sitemap(client, stories):
    response = client.get(SURFACES["sitemap page"][1].format(1))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert b"<urlset" in response.content


def test_bad_page_numbers_get_a_clear_answer_not_a_silent_first_page(client, stories):
    for value in ("0", "-1", "abc", "1e99", "9" * 400):
        response = client.get(f"/news/?page={quote(value)}")
        assert response.status_code == 404, value


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/find/?html_path=%00",
        "/api/v2/pages/?search=a%00b",
        "/api/v2/images/?%00=1",
    ],
)
def test_nul_characters_in_api_parameters_are_a_400(client, stories, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "cannot contain NUL characters" in response.json()["message"]


def test_hostile_host_headers_are_refused_with_400(client, stories):
    for host in ("evil.example", "<script>", "a" * 300, "localhost\r\nX-Injected: 1"):
        response = client.get("/news/", HTTP_HOST=host)
        assert response.status_code == 400, host


# Paths that begin, after /text or not, with what a browser reads as another host's address.
# As a WSGI server hands them on: PATH_INFO decoded (%2F is a slash), query string apart.
OFF_SITE_PATHS = [
    "/text//evil.example/",
    "/text///evil.example/news/",
    "/text/%2F%2Fevil.example/",
    "/text/%5Cevil.example/",
    "/text//evil.example/search/?q=therapy",
    "//evil.example/",
    "/%5Cevil.example/",
    "///evil.example/news/",
]


def addresses_in(response):
    """Every address the page gives a browser: links, forms, images, canonical and share tags."""
    page = soup(response)
    for tag in page.find_all(True):
        for attribute in ("href", "src", "action", "content"):
            value = tag.get(attribute)
            if value and ("/" in value or "\\" in value):
                yield value


@pytest.mark.parametrize("path", OFF_SITE_PATHS)
def test_paths_naming_another_host_keep_every_link_on_this_site(client, stories, path):
    decoded, _, query = unquote(path).partition("?")
    # The test client would read "//evil.example/" as a host; a browser sends it as the path.
    response = client.get("/", data=None, PATH_INFO=decoded, QUERY_STRING=query)
    assert response.status_code < 500
    named = [value for value in addresses_in(response) if "evil.example" in value]
    assert named, "the page's own addresses (its twin, its canonical link) are among them"
    page_address = "http://testserver" + decoded
    for value in named:
        # Browsers read a backslash in an address as a slash.
        landing = urlsplit(urljoin(page_address, value.replace("\\", "/")))
        assert landing.netloc == "testserver", f"{path}: {value!r} leads to {landing.netloc}"
    twin = soup(response).find("a", string=["View graphic version", "Text-only version"])
    assert twin["href"].startswith("/") and twin["href"][1] not in "/\\"


def test_absolute_addresses_stay_on_the_site_unless_configured_elsewhere(rf, settings):
    request = rf.get("/")
    for path in ("//evil.example/", "/\\evil.example/", "///evil.example/a/"):
        assert urlsplit(public_url.absolute(path, request)).netloc == "testserver", path
    # A media address on a CDN, configured without a scheme, is the storage's, not a path.
    settings.MEDIA_URL = "//cdn.example.org/media/"
    cdn_image = "//cdn.example.org/media/images/photo.jpg"
    assert public_url.absolute(cdn_image, request) == cdn_image
    assert urlsplit(public_url.absolute("//evil.example/", request)).netloc == "testserver"


def without(form, *names):
    return {name: value for name, value in form.items() if name not in names}


# Page form posts the editor's own scripts never send, each once a server error inside Wagtail.
MALFORMED_POSTS = {
    "no block count": lambda form: without(form, "body-count"),
    "block count not a number": lambda form: {**form, "body-count": "abc"},
    "more blocks than sent": lambda form: {**form, "body-count": "5"},
    "no block type": lambda form: without(form, "body-0-type"),
    "no block order": lambda form: without(form, "body-0-order"),
    "block order not a number": lambda form: {**form, "body-0-order": "1st"},
    "no deleted flag": lambda form: without(form, "body-0-deleted"),
    "rich text not JSON": lambda form: {**form, "body-0-value": "{not json"},
    "rich text a list": lambda form: {**form, "body-0-value": "[1]"},
    "rich text blocks a number": lambda form: {**form, "body-0-value": '{"blocks": 5}'},
    "image id a word": lambda form: {**form, "lead_image": "abc"},
    "author id a word": lambda form: {**form, "article_authors-0-author": "abc"},
}


@pytest.fixture
def staff_client(client, news_index):
    staff, _editor = newsroom()
    client.force_login(staff)
    return client


@pytest.mark.parametrize("case", MALFORMED_POSTS)
def test_malformed_page_form_posts_are_a_400_and_save_nothing(staff_client, news_index, case):
    story = NewsArticlePageFactory(parent=news_index, title="Trial results", live=False)
    story.save_revision()
    revisions = story.revisions.count()
    form = MALFORMED_POSTS[case](article_form(title="Changed by the post", slug="changed"))
    add = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    edit = f"/admin/pages/{story.pk}/edit/"
    for url in (add, edit, add + "preview/", edit + "preview/"):
        response = staff_client.post(url, form)
        assert response.status_code == 400, url
        assert "This form arrived incomplete or garbled, so nothing was saved." in (
            response.content.decode()
        )
    assert story.revisions.count() == revisions
    assert NewsArticlePage.objects.get().title == "Trial results"
    assert not NewsArticlePage.objects.filter(slug="changed").exists()


def test_a_well_formed_post_still_saves(staff_client, news_index):
    story = NewsArticlePageFactory(parent=news_index, title="Trial results", live=False)
    response = staff_client.post(
        f"/admin/pages/{story.pk}/edit/", article_form(title="Trial results, updated")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.get_latest_revision_as_object().title == "Trial results, updated"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL reports syntax otherwise")
def test_a_search_syntax_error_is_a_server_error_not_an_outage(rf, db):
    ImageFactory(title="Infusion center")
    # Wagtail's search, handed a lone quote as the API once did: SQLite cannot parse it.
    with pytest.raises(OperationalError) as raised:
        list(get_image_model().objects.search('"'))
    try:
        raise raised.value
    except OperationalError:
        response = server_error(rf.get("/api/v2/images/?search=%22"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "We’ll be back shortly" not in response.content.decode()
