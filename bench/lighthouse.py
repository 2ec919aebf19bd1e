"""Lighthouse performance on the key pages in both views: a benchmark, not a gate.

    .venv/bin/python bench/lighthouse.py        (after make test has installed Lighthouse)

The score depends on the machine's load at the moment, so it is printed, never asserted; the
accessibility, best-practices and SEO scores are gated in tests/quality/test_lighthouse.py.
Lighthouse simulates a mid-range phone on a slow 4G connection, the reader this site must suit.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

from tests.quality.gates import lighthouse_report  # noqa: E402
from tests.quality.pages import KEY_PAGES  # noqa: E402
from tests.quality.site import running_site  # noqa: E402

NBSP = "\xa0"
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}


def main():
    print(f"{'page':42} {'perf':>5} " + " ".join(f"{label:>8}" for label in METRICS.values()))
    with running_site(gate_content=False) as url:
        for param in KEY_PAGES:
            report = lighthouse_report(url + param.values[0], ["performance"])
            score = report["categories"]["performance"]["score"]
            values = [report["audits"][audit]["displayValue"] for audit in METRICS]
            metrics = " ".join(f"{value.replace(NBSP, ' '):>8}" for value in values)
            print(f"{param.id:42} {score * 100:5.0f} {metrics}")


if __name__ == "__main__":
    main()
