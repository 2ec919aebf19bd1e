"""Every page type's markup, in both views, is valid HTML by the Nu HTML Checker."""

import urllib.error
import urllib.request

import pytest

from .gates import VNU_JAR, html_errors
from .pages import ALL_PAGES

pytestmark = pytest.mark.browser


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 and 400 pages are pages too
        return error.read()


def test_every_page_is_valid_html(quality_site):
    assert VNU_JAR.exists(), "make test installs the Nu HTML Checker (npm ci)"
    documents = {param.id: fetch(quality_site + param.values[0]) for param in ALL_PAGES}
    assert all(b"<h1" in html for html in documents.values()), "each page rendered"
    assert html_errors(documents) == []
