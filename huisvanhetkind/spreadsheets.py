"""Spreadsheet cells that cannot run: the one home of formula escaping for every export.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
programs skip before reading such a character) is read as a formula by Excel and
LibreOffice, so a partner's name like `=HYPERLINK("https://evil", "klik")` would run on the
coordinator's computer (CSV/formula injection, OWASP). We prefix those cells with `'`, which
spreadsheet programs treat as "this is text". Importing strips that prefix again, so an
export edited and imported back (phone numbers like `+32 …`) keeps its values.

django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only handles `=` (and
deletes it, turning every other cell into a string), so it is not used.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def formula_escape(value: Any) -> Any:
    """The value as a spreadsheet shows it without running it; non-text is left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return ESCAPE + value
    return value


def formula_unescape(value: Any) -> Any:
    """Undo formula_escape() on an imported cell (and only that: "'t Pleintje" stays)."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
