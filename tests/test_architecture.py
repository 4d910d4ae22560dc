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


def test_the_core_names_no_domain_app_in_its_imports():
    """Belt and braces beside the contract: not even a lazy import inside a function."""
    domain_apps = ("partners", "aanbod", "signalen", "doorverwijzing", "actieplan", "dashboards")
    offenders = []
    for path in (ROOT / "huisvanhetkind").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            words = line.split()
            is_import = len(words) >= 2 and words[0] in ("from", "import")
            if is_import and words[1].split(".")[0] in domain_apps:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
