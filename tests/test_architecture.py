"""The layout in docs/architecture.md: each app imports only the apps below it."""

import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def layered_apps():
    [contract] = CONFIG["contracts"]
    return {app.strip() for layer in contract["layers"] for app in layer.split("|")}


def test_every_app_imports_only_the_apps_below_it():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 - the checker installed with the test tools
        [str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_app_of_the_project_has_a_place_in_the_layers():
    """A new app outside the layers would be free to import anything."""
    ours = {app for app in settings.INSTALLED_APPS if (ROOT / app / "__init__.py").exists()}
    assert ours, "no project apps found"
    assert ours - {"cms"} <= layered_apps(), sorted(ours - layered_apps())
    assert set(CONFIG["root_packages"]) == layered_apps()


def test_the_documented_layers_are_the_checked_layers():
    """docs/architecture.md names each app; the order there is the order checked."""
    doc = (ROOT / "docs" / "architecture.md").read_text()
    for app in layered_apps():
        assert f"`{app}/`" in doc, f"docs/architecture.md does not describe {app}/"
