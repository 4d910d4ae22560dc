"""Offers from a spreadsheet (CSV or XLSX) -> offer rows (opendata/offer_import.py).

The columns (first row; only `slug` is always needed, `title` and `summary` for a new
offer; an absent column leaves that field as it is) are documented in docs/opendata.md:
slug, title, summary, description, how_to_join (each also as title_fr, summary_en, …),
life_domains, access_type, cost, price_text, kansentarief, phone, email, url, keywords,
languages, age_from_months, age_to_months, location (the slug of one of the network's
locations). Codes or their Dutch/English names are both accepted.
"""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from aanbod.choices import AccessType, Cost, Language, LifeDomain
from huisvanhetkind.spreadsheets import formula_unescape

from .offer_import import TRANSLATED, OfferRow, Preview

MAX_ROWS = 20_000
TRUE = {"1", "ja", "yes", "true", "waar", "x"}
FALSE = {"", "0", "nee", "no", "false", "onwaar"}


class Refused(ValueError):
    """The file as a whole cannot be read."""


def read_rows(data: bytes, name: str) -> list[dict[str, str]]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as error:
            raise Refused(_("This is not an XLSX file we can read.")) from error
        values = [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        values = list(csv.reader(io.StringIO(text), dialect))
    if not values:
        raise Refused(_("The file is empty."))
    headers = [header.strip().lower() for header in values[0]]
    if "slug" not in headers:
        raise Refused(_("The first row must name the columns, with at least 'slug'."))
    if len(values) - 1 > MAX_ROWS:
        raise Refused(_("At most %(n)d rows at a time.") % {"n": MAX_ROWS})
    return [
        {
            header: formula_unescape(value).strip()
            for header, value in zip(headers, row, strict=False)
        }
        for row in values[1:]
        if any(value.strip() for value in row)
    ]


def _choice(value: str, choices, column: str) -> str:
    known = {str(choice.value): choice.value for choice in choices}
    for code in ("nl", "en"):
        with override(code):
            known |= {str(choice.label).lower(): choice.value for choice in choices}
    key = value.strip().lower()
    if key not in known:
        raise ValueError(
            _("%(column)s: unknown value %(value)s") % {"column": column, "value": value}
        )
    return known[key]


def _choices(value: str, choices, column: str) -> list[str]:
    return [_choice(part, choices, column) for part in value.split(",") if part.strip()]


def spreadsheet_preview(data: bytes, name: str) -> Preview:
    rows = read_rows(data, name)
    preview = Preview(rows=[], errors=[], notes=[])
    seen: set[str] = set()
    for line, values in enumerate(rows, start=2):
        problems = []
        try:
            row = _row(values, line, problems)
        except ValueError as error:
            problems.append(str(error))
            row = None
        if row is not None and row.key in seen:
            problems.append(_("this slug is twice in the file"))
        if problems:
            preview.errors += [
                _("Row %(n)d: %(error)s") % {"n": line, "error": p} for p in problems
            ]
        elif row is not None:
            seen.add(row.key)
            preview.rows.append(row)
    return preview


def _row(values: dict[str, str], line: int, problems: list[str]) -> OfferRow | None:
    slug = slugify(values.get("slug", ""))
    if not slug:
        problems.append(_("slug is empty"))
        return None
    row = OfferRow(key=slug, line=line)
    languages = [code for code, _name in settings.LANGUAGES]
    for name in TRANSLATED:
        texts = {}
        for code in languages:
            column = name if code == "nl" else f"{name}_{code}"
            if column in values:
                texts[code] = values[column]
        if texts:
            row.texts[name] = texts
    fields = row.fields
    steps = [
        ("life_domains", lambda v: _choices(v, LifeDomain, "life_domains")),
        ("access_type", lambda v: _choice(v, AccessType, "access_type")),
        ("cost", lambda v: _choice(v, Cost, "cost")),
        ("languages", lambda v: _choices(v, Language, "languages")),
        ("price_text", lambda v: v[:150]),
        ("keywords", lambda v: v[:300]),
        ("phone", lambda v: v[:30]),
    ]
    for column, clean in steps:
        if column in values:
            try:
                fields[column] = clean(values[column])
            except ValueError as error:
                problems.append(str(error))
    if "kansentarief" in values:
        flag = values["kansentarief"].lower()
        if flag not in TRUE | FALSE:
            problems.append(_("kansentarief: write ja or nee"))
        fields["kansentarief"] = flag in TRUE
    if values.get("email"):
        try:
            validate_email(values["email"])
            fields["email"] = values["email"]
        except ValidationError:
            problems.append(_("email: not an e-mail address"))
    if values.get("url"):
        try:
            URLValidator()(values["url"])
            fields["url"] = values["url"]
        except ValidationError:
            problems.append(_("url: not a web address (https://…)"))
    if "age_from_months" in values or "age_to_months" in values:
        try:
            low = int(values["age_from_months"]) if values.get("age_from_months") else None
            high = int(values["age_to_months"]) if values.get("age_to_months") else None
        except ValueError:
            problems.append(_("ages: write whole numbers of months"))
        else:
            if low is not None and high is not None and high <= low:
                problems.append(_("ages: the upper age must be above the lower"))
            row.ages = [low, high]
    row.location_slug = values.get("location", "")
    return row
