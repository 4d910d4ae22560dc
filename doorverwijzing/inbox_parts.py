"""The inbox's lines and forms, rendered once per process for exactly what they show.

A page of the inbox is the same HTML for everyone who sees the same lines in the same
language: the rows (doorverwijzing.waiting.inbox_rows, their texts ready), the filter form
with the values asked for, the mail choice with the value chosen. Each is kept in this
process under exactly those values (as the catalogue's filter panel, aanbod.search.panel),
so there is nothing to invalidate: another step, another day's "waits N working days" or
another label is another key. Rendering them was a third of the inbox's CPU (issue 14).
What differs per request (the CSRF token, the pages' links) is rendered around them.
"""

from __future__ import annotations

import functools

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .filters import ReferralInboxFilter
from .forms import MailPreferenceForm
from .models import Referral, ReferralMailPreference
from .waiting import InboxRow

# A kept page of rows is ≈ 20 kB; forms are small.
ROW_PAGES_KEPT = 128
FORMS_KEPT = 256


def rows_html(rows: list[InboxRow], *, box: str) -> SafeString:
    """`doorverwijzing/_inbox_rows.html`: the table's body."""
    return _rows(get_language() or "", box, tuple(rows))


def filters_html(data: QueryDict, *, box: str) -> SafeString:
    """`doorverwijzing/_inbox_filters.html` with the values asked for in `data` (the
    widgets show the raw values, even those the filter then ignores)."""
    asked = tuple(data.get(name) for name in ReferralInboxFilter.base_filters)
    return _filters(get_language() or "", box, asked)


def mail_choice_html(form: MailPreferenceForm) -> SafeString:
    """`doorverwijzing/_mail_choice.html` (the choice's fieldset, not the form's token)."""
    return _mail_choice(get_language() or "", form["frequency"].value())


@functools.lru_cache(maxsize=ROW_PAGES_KEPT)
def _rows(language: str, box: str, rows: tuple[InboxRow, ...]) -> SafeString:
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
