import pytest

from .site import running_site


@pytest.fixture(scope="session")
def quality_site():
    """Base URL of the served site the gate reads (built once per run, read only)."""
    with running_site() as url:
        yield url
