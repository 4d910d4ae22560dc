"""Tables that turn into cards on a phone (portal.css, .hvhk-table-cards) name every cell.

On a phone the column headers are hidden and each cell shows its data-label instead; a cell
without one would be a bare value nobody can place. Checked on the template source, so it
holds for every row, also the ones no test renders. The browser side (nothing wider than
320 px) is tests/browser/test_reflow.py.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    path
    for path in ROOT.glob("*/templates/**/*.html")
    if ".venv" not in path.parts and "hvhk-table-cards" in path.read_text()
)
# Row templates included inside such a table.
ROW_INCLUDES = [ROOT / "signalen/templates/signalen/_signal_row.html"]
# A cell is fine with a label (data-label="" for a control that has its own), a colspan
# (the "nothing here" row) or no content at all (hidden on a phone).
UNLABELLED_CELL = re.compile(r"<td(?![^>]*\b(?:data-label|colspan)=)[^>]*>(?!</td>)")


def test_the_card_tables_are_found():
    names = {path.name for path in TEMPLATES}
    assert {"inbox.html", "plan_detail.html", "_pack_body.html", "bundle.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES + ROW_INCLUDES, ids=lambda path: path.name)
def test_every_cell_of_a_card_table_has_a_label(path):
    source = path.read_text()
    assert not UNLABELLED_CELL.findall(source), path
