"""What a phone downloads for each key page, in both views, and the text-only view's share.

    .venv/bin/python bench/weight.py        (after make test has installed Chromium)

Counted in Chromium at 390 px wide, scrolled to the end: the HTML, stylesheets, scripts, pictures
and icons, bodies and headers, as a reader on a weak connection pays for them. The HTML alone is
the bytes column of bench/run.py. tests/quality/test_page_weight.py holds the story's ratio.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

from tests.quality.gates import CHROMIUM, CHROMIUM_ARGS, page_weight  # noqa: E402
from tests.quality.pages import PAGE_TYPES  # noqa: E402
from tests.quality.site import running_site  # noqa: E402


def main():
    columns = ("graphic bytes", "req", "text bytes", "req", "text ÷ graphic")
    print(f"{'page':12} " + " ".join(f"{column:>14}" for column in columns))
    with running_site(gate_content=False) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_type in (page_type for page_type in PAGE_TYPES if page_type.key_page):
            graphic, graphic_requests = page_weight(browser, url + page_type.path)
            text, text_requests = page_weight(browser, url + "/text" + page_type.path)
            print(
                f"{page_type.name:12} {graphic:14,} {graphic_requests:14} {text:14,}"
                f" {text_requests:14} {text / graphic:14.2f}"
            )
        browser.close()


if __name__ == "__main__":
    main()
