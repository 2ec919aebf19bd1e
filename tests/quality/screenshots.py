"""Screenshots of both views at phone and laptop width, for the README: `make screenshots`.

Taken from a served copy of the demo site, as `make run` shows it.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from .gates import CHROMIUM, CHROMIUM_ARGS
from .pages import IL2_SLUG, VIEWS
from .site import running_site

PAGES = {"home": "/", "article": f"/news/{IL2_SLUG}/"}
SCREENS = {"phone": (390, 844), "laptop": (1280, 800)}


def take(out_dir):
    out_dir.mkdir(parents=True, exist_ok=True)
    with running_site(gate_content=False) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for screen, (width, height) in SCREENS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in PAGES.items():
                for view, prefix in VIEWS.items():
                    page.goto(url + prefix + path)
                    target = out_dir / f"{name}-{view}-{screen}.png"
                    page.screenshot(path=target)
                    print(target)
        browser.close()


if __name__ == "__main__":
    take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
