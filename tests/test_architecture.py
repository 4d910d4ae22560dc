"""The layers of the portal hold: core → partners → aanbod → signalen/doorverwijzing →
actieplan → dashboards (the import-linter contracts in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


DOMAIN_APPS = (
    "partners",
    "aanbod",
    "signalen",
    "doorverwijzing",
    "rechten",
    "inschrijving",
    "opendata",
    "actieplan",
    "dashboards",
)
# The project's settings and URL configuration name the apps, as in every Django project.
PROJECT_FILES = ("settings", "urls.py")


def _core_modules():
    for path in (ROOT / "huisvanhetkind").rglob("*.py"):
        if not {"tests", "migrations", *PROJECT_FILES} & set(path.parts):
            yield path


def test_the_core_names_no_domain_app_in_its_imports():
    """Belt and braces beside the contract: not even a lazy import inside a function."""
    offenders = []
    for path in _core_modules():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            words = line.split()
            is_import = len(words) >= 2 and words[0] in ("from", "import")
            if is_import and words[1].split(".")[0] in DOMAIN_APPS:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_core_imports_no_domain_module_by_name():
    """Nor by a dotted name in a string (`import_module("partners.permissions")`), which the
    contract cannot see: each app registers itself into the core in its AppConfig.ready."""
    offenders = []
    for path in _core_modules():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for app in DOMAIN_APPS:
                if f'"{app}.' in line or f"'{app}." in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_every_app_with_rules_registers_them_at_start_up():
    from django.apps import apps

    from huisvanhetkind import permissions

    with_rules = [
        config.name
        for config in apps.get_app_configs()
        if (Path(config.path) / "permissions.py").exists()
    ]
    assert set(with_rules) >= {"partners", "aanbod", "doorverwijzing", "signalen", "rechten"}
    for name in with_rules:
        assert f"{name}.permissions" in sys.modules, name
    assert permissions.ACTIONS
