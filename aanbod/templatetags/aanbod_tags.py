from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext, npgettext
from django.utils.translation import gettext as _

from ..choices import Language

register = template.Library()


@register.filter
def age_label(offer) -> str:
    """'For whom' in the parent's words: 'from pregnancy to 3 years', 'every age'."""
    ages = offer.age_months
    if ages is None or (ages.lower is None and ages.upper is None) or ages.isempty:
        return _("every age")
    low, high = ages.lower, ages.upper
    if low is not None and low < 0 and (high is None or high <= 0):
        return _("during pregnancy")
    if high is None or high >= 12 * 30:
        start = _("from pregnancy") if low is not None and low < 0 else _start(low or 0)
        return _("%(start)s, no upper age") % {"start": start}
    # Whole phrases per start: "from" is part of each translation, never glued twice
    # ("від від народження"), and the end takes the case "up to" needs ("до 2 років").
    end = _years(high, context="age range")
    if low is not None and low < 0:
        return _("from pregnancy to %(end)s") % {"end": end}
    if not low:
        return _("from birth to %(end)s") % {"end": end}
    return _("%(start)s to %(end)s") % {"start": _years(low, context="age range"), "end": end}


def _start(months: int) -> str:
    return _("from birth") if months == 0 else _years(months)


def _years(months: int, *, context: str = "") -> str:
    def plural(singular: str, plural_: str, n: int) -> str:
        if context:
            return npgettext(context, singular, plural_, n) % {"n": n}
        return ngettext(singular, plural_, n) % {"n": n}

    if months < 24 and months % 12:
        return plural("%(n)d month", "%(n)d months", months)
    return plural("%(n)d year", "%(n)d years", months // 12)


def _falls_back(obj, field: str) -> bool:
    language = (get_language() or "nl").split("-")[0]
    return language != "nl" and not getattr(obj, f"{field}_{language}", None)


@register.filter
def fallback_lang(obj, field: str) -> str:
    """' lang="nl" dir="ltr"' when `field` shows the Dutch text because this language has none.

    django-modeltranslation falls back to Dutch silently; screen readers must know
    to read that text in Dutch, and on a right-to-left page the Dutch sentence keeps its
    full stop on the right (bidi isolation).
    """
    return mark_safe(' lang="nl" dir="ltr"') if _falls_back(obj, field) else ""


@register.filter
def fallback_text(obj, field: str) -> str:
    """The field's text for use inside a line: Dutch fallback isolated in <bdi lang="nl">."""
    text = getattr(obj, field, "") or ""
    if not _falls_back(obj, field):
        return conditional_escape(text)
    return format_html('<bdi lang="nl" dir="ltr">{}</bdi>', text)


@register.simple_tag
def in_dutch_note(obj, *fields: str) -> str:
    """A small "(in Dutch)" in the page's language, once per block, when any of `fields`
    shows its Dutch text: the reader sees why this part is not in their language."""
    if not any(_falls_back(obj, field) and getattr(obj, field, "") for field in fields):
        return ""
    return format_html('<p class="hvhk-in-dutch">({})</p>', _("in Dutch"))


@register.filter
def language_names(codes) -> str:
    labels = dict(Language.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.simple_tag(takes_context=True)
def query_without(context, group: str, value: str = "") -> str:
    """The current search URL without one filter value (or the whole group when value is '')."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value:
        params.setlist(group, [v for v in params.getlist(group) if v != value])
    else:
        params.pop(group, None)
    return "?" + params.urlencode()
