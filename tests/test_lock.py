"""The lock files hold what requirements*.txt ask for.

`make` installs from requirements*.lock, so a pin changed in a .txt file without `make lock`
would silently not be installed. The image installs requirements.lock and the tests run on
requirements-test.lock: every runtime package must be tested at the version that is deployed.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def normalized(name):
    """PEP 503: Django, django and django_foo / django-foo are the same package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    """{package: version} for every `name==version` line; `-r`, comments and `# via` skipped."""
    found = {}
    for line in (ROOT / path).read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[normalized(match[1])] = match[2]
    return found


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [
        ("requirements.txt", "requirements.lock"),
        ("requirements-test.txt", "requirements-test.lock"),
    ],
)
def test_every_pin_is_in_the_lock_at_the_same_version(requirements, lock):
    asked = pins(requirements)
    locked = pins(lock)
    assert asked, f"no pins read from {requirements}"
    drift = {
        name: (version, locked.get(name, "missing"))
        for name, version in asked.items()
        if locked.get(name) != version
    }
    assert drift == {}, f"{requirements} and {lock} differ (pin, lock); run `make lock`"


def test_every_deployed_package_is_tested_at_its_deployed_version():
    runtime = pins("requirements.lock")
    tested = pins("requirements-test.lock")
    drift = {
        name: (version, tested.get(name, "missing"))
        for name, version in runtime.items()
        if tested.get(name) != version
    }
    assert drift == {}, "requirements.lock and requirements-test.lock differ; run `make lock`"
