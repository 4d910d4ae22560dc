"""Dates with a day in the grammar of the page's language: "4 грудня", not "4 Грудень".

Django's `E` is the alternative month name of a locale: the genitive of Slavic languages
(uk, ru, pl), exactly what a day needs. Where a locale's `E` is only a capitalised copy
(fr: "Décembre"), the usual `F` is right, so `E` is used only where it is a real case.
"""

from django import template
from django.utils import dateformat
from django.utils.translation import get_language

register = template.Library()

GENITIVE_MONTH_LANGUAGES = frozenset({"uk", "ru", "pl", "cs", "sk", "hr", "be"})


def _format(value, day_format: str) -> str:
    if value in (None, ""):
        return ""
    language = (get_language() or "nl").split("-")[0]
    month = "E" if language in GENITIVE_MONTH_LANGUAGES else "F"
    return dateformat.format(value, day_format.replace("F", month))


@register.filter(expects_localtime=True)
def day_month(value, with_weekday: str = "") -> str:
    """'4 December', or with "weekday" 'Friday 4 December'."""
    return _format(value, "l j F" if with_weekday else "j F")


@register.filter(expects_localtime=True)
def day_month_year(value, with_weekday: str = "") -> str:
    """'4 December 2026', or with "weekday" 'Friday 4 December 2026'."""
    return _format(value, "l j F Y" if with_weekday else "j F Y")
