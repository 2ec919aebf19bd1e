"""Lighthouse accessibility, best-practices and SEO scores of at least 0.95 on the pages most
readers land on, in both views. (Performance depends on timing: bench/lighthouse.py prints it.)"""

import pytest

from .gates import (
    LIGHTHOUSE,
    LIGHTHOUSE_MINIMUM,
    lighthouse_scores,
    lighthouse_shortfalls,
)
from .pages import KEY_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", KEY_PAGES)
def test_lighthouse_scores_meet_the_minimum(quality_site, path):
    assert LIGHTHOUSE.exists(), "make test installs Lighthouse (npm ci)"
    scores, failing_audits = lighthouse_scores(quality_site + path)
    assert lighthouse_shortfalls(scores) == {}, (
        f"below {LIGHTHOUSE_MINIMUM}: {scores}; failing audits: {failing_audits}"
    )
