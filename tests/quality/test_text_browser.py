"""What a reader of a text browser gets: the text-only article, read by w3m."""

import shutil
import subprocess

import pytest

from .pages import IL2_SLUG

pytestmark = pytest.mark.browser


def w3m_dump(url):
    w3m = shutil.which("w3m")
    assert w3m, "make test installs w3m (Debian package)"
    return subprocess.run(  # noqa: S603 - a fixed program on a loopback URL
        [w3m, "-dump", "-cols", "80", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout


def test_text_article_reads_in_order_with_the_banners_first(quality_site):
    lines = [
        line.strip() for line in w3m_dump(f"{quality_site}/text/news/{IL2_SLUG}/").splitlines()
    ]
    content = [line for line in lines if line]
    assert content[0] == "Skip to main content"
    # Most severe first, before the site name and navigation.
    assert content[1].startswith("Weather: Clinics open at 10 a.m.")
    assert content[2].startswith("COVID-19: For information related to COVID-19")
    assert content[
        content.index("Parking: The visitor deck on Leigh Street is open again.") + 1
    ] == ("VCU Massey Cancer Center")
    text = " ".join(content)
    in_order = [
        "Massey becomes the only medical provider in Richmond to offer Interleukin-2 therapy",
        "Portrait of Giao Phan, M.D. [View Image]",
        "VCU Massey Cancer Center is now offering FDA-approved Interleukin-2",
        "“IL-2 has a bad reputation",
        "To learn more about IL-2 therapy, please contact Dr. Phan at (804) 828-9325",
        "Written by: Melissa Mitchell",
        "Posted on: May 11, 2015",
        "Category: Clinical news",
        "View graphic version",
    ]
    positions = [text.find(phrase) for phrase in in_order]
    assert -1 not in positions, [p for p, at in zip(in_order, positions, strict=True) if at < 0]
    assert positions == sorted(positions), "the story reads out of order"
    # No markup, scripts or styles leak into what a text browser shows.
    assert "<" not in text and "{" not in text
