"""The inbox's rows and forms, rendered once per process for exactly what they show.

A page of the inbox is the same HTML for everyone who sees the same lines in the same
language on the same day: the rows (their texts from doorverwijzing.waiting.inbox_rows),
the filter form with the values asked for, the mail choice with the value chosen. Each is
kept in this process under exactly those values (as the catalogue's filter panel,
aanbod.search.panel), so there is nothing to invalidate: another step, another day's
"waits N working days" or another label is another key. Preparing and rendering them was
a third of the inbox's CPU (issue 14). What differs per request (the CSRF token, the
pages' links) is rendered around them.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .filters import ReferralInboxFilter
from .forms import MailPreferenceForm
from .models import Referral, ReferralMailPreference
from .selectors import INBOX_LINE_FIELDS
from .waiting import inbox_rows

# A kept page of rows is ≈ 20 kB; forms are small.
ROW_PAGES_KEPT = 128
FORMS_KEPT = 256


def rows_html(lines, *, box: str, today: dt.date) -> SafeString:
    """`doorverwijzing/_inbox_rows.html`: the table's body for a page of
    selectors.referral_inbox_lines (its waiting times counted up to `today`)."""
    kept = tuple(tuple(line[name] for name in INBOX_LINE_FIELDS) for line in lines)
    return _rows(get_language() or "", box, today, kept)


def filters_html(data: QueryDict, *, box: str) -> SafeString:
    """`doorverwijzing/_inbox_filters.html` with the values asked for in `data` (the
    widgets show the raw values, even those the filter then ignores)."""
    asked = tuple(data.get(name) for name in ReferralInboxFilter.base_filters)
    return _filters(get_language() or "", box, asked)


def mail_choice_html(form: MailPreferenceForm) -> SafeString:
    """`doorverwijzing/_mail_choice.html` (the choice's fieldset, not the form's token)."""
    return _mail_choice(get_language() or "", form["frequency"].value())


@functools.lru_cache(maxsize=ROW_PAGES_KEPT)
def _rows(language: str, box: str, today: dt.date, kept: tuple[tuple, ...]) -> SafeString:
    lines = [dict(zip(INBOX_LINE_FIELDS, values, strict=True)) for values in kept]
    rows = inbox_rows(lines, today=today)
    return render_to_string("doorverwijzing/_inbox_rows.html", {"rows": rows, "box": box})


@functools.lru_cache(maxsize=FORMS_KEPT)
def _filters(language: str, box: str, asked: tuple[str | None, ...]) -> SafeString:
    data = QueryDict(mutable=True)
    for name, value in zip(ReferralInboxFilter.base_filters, asked, strict=True):
        if value is not None:
            data[name] = value
    filters = ReferralInboxFilter(data, queryset=Referral.objects.none())
    return render_to_string("doorverwijzing/_inbox_filters.html", {"filters": filters, "box": box})


@functools.lru_cache(maxsize=FORMS_KEPT)
def _mail_choice(language: str, frequency: str) -> SafeString:
    form = MailPreferenceForm(instance=ReferralMailPreference(frequency=frequency))
    return render_to_string("doorverwijzing/_mail_choice.html", {"mail_form": form})
