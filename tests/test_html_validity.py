"""Every page's markup is valid HTML, checked by the Nu HTML Checker (installed by make test)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .factories import AlertBannerFactory, NewsArticlePageFactory, il2_story

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = [
    "/",
    "/news/",
    "/news/il2/",
    "/news/category/clinical-news/",
    "/news/2015/05/",
    "/search/?q=therapy",
    "/search/?q=x&date_from=nonsense",
    "/no-such-page/",
]


def test_pages_are_valid_html_in_both_views(client, news_index, tmp_path):
    assert VNU_JAR.exists() and shutil.which("java"), "make test installs the Nu HTML Checker"
    AlertBannerFactory()
    il2_story(news_index)
    NewsArticlePageFactory.create_batch(2, parent=news_index)
    files = {}
    for url in PAGES + ["/text" + url for url in PAGES]:
        response = client.get(url)
        path = tmp_path / f"page{len(files)}.html"
        path.write_bytes(response.content)
        files[path.name] = url
    result = subprocess.run(  # noqa: S603 - the checker, on files this test wrote
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [str(tmp_path / name) for name in files],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{files[Path(m['url']).name]}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
