import functools
import re

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext, npgettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .. import icons
from ..choices import Language
from ..search.cards import framed_cards
from ..search.panel import facet_panel

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


@register.simple_tag(takes_context=True, name="framed_cards")
def framed_cards_tag(context, cards) -> list[SafeString]:
    """The result cards in their frames (aanbod.search.cards.framed_cards)."""
    return framed_cards(cards, context)


@register.simple_tag(name="facet_panel")
def facet_panel_tag(result) -> SafeString:
    """The filter panel of a search result, kept per process (aanbod.search.panel)."""
    return facet_panel(result)


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


_ICON_NAME = re.compile(r"[a-z0-9-]+")
_SVG_OPEN_TAG = re.compile(r"<svg\b[^>]*>")


@register.simple_tag
def icon(name: str) -> SafeString:
    """A vendored pictogram as inline SVG, coloured by the text around it (currentColor).

    Always put visible text beside it: the SVG is hidden from screen readers. An unknown
    name gives nothing rather than a broken page.
    """
    return _icon_svg(name or "")


@functools.lru_cache(maxsize=64)
def _icon_svg(name: str) -> SafeString:
    if not _ICON_NAME.fullmatch(name):
        return mark_safe("")
    path = finders.find(f"{icons.ICON_DIRECTORY}/{name}.svg")
    if not path:
        return mark_safe("")
    with open(path, encoding="utf-8") as svg_file:
        svg = " ".join(svg_file.read().split())
    opening = _SVG_OPEN_TAG.search(svg).group(0)
    attributes = re.sub(r'\sclass="[^"]*"', "", opening[len("<svg") : -1]).strip()
    # The file is a vendored, reviewed asset, not user input.
    return mark_safe(
        f'<svg class="hvhk-icon" aria-hidden="true" focusable="false" {attributes}>'
        + svg[svg.index(opening) + len(opening) :]
    )


@register.filter
def domain_icon(domain: str) -> str:
    return icons.LIFE_DOMAIN_ICONS.get(domain, "")


@register.filter
def access_icon(access_type: str) -> str:
    return icons.ACCESS_TYPE_ICONS.get(access_type, "")


@register.filter
def cost_icon(cost: str) -> str:
    return icons.cost_icon(cost)


@register.filter
def fact_icon(fact: str) -> str:
    return icons.FACT_ICONS.get(fact, "")


@register.filter
def wheelchair_accessible(offer) -> bool:
    """Every place of the offer is wheelchair accessible (uses the prefetched locations)."""
    locations = list(offer.locations.all())
    return bool(locations) and all(location.wheelchair_accessible for location in locations)


# Filter groups as chips, in the order of the filter panel: (URL parameter, filters attribute).
CHIP_GROUPS = [
    ("age", "ages"),
    ("municipality", "municipalities"),
    ("deelgemeente", "deelgemeenten"),
    ("domain", "life_domains"),
    ("access", "access_types"),
    ("cost", "costs"),
    ("language", "languages"),
    ("moment", "moments"),
]


@register.simple_tag(takes_context=True)
def active_filter_chips(context) -> list[dict[str, str]]:
    """The search's chosen filters as chips: [{"label", "url"}], each URL without that one.

    Built from the cleaned filters, so a value the search ignored (a bad link) is no chip.
    Labels come from the facets; a place with no results left falls back to its group's name.
    """
    result = context["result"]
    filters = result.filters
    chips = []
    if filters.open_now:
        chips.append({"label": _("Happening now"), "url": query_without(context, "open")})
    if filters.age_months is not None:
        months = filters.age_months
        label = _("during pregnancy") if months < 0 else _years(months)
        chips.append({"label": label, "url": query_without(context, "age_months")})
    for group, attribute in CHIP_GROUPS:
        labels = {facet.value: facet.label for facet in result.facets.get(group, [])}
        for value in map(str, getattr(filters, attribute)):
            chips.append(
                {
                    "label": labels.get(value) or GROUP_NAMES[group],
                    "url": query_without(context, group, value),
                }
            )
    return chips


GROUP_NAMES = {
    "age": _lazy("Age"),
    "municipality": _lazy("Municipality"),
    "deelgemeente": _lazy("Sub-municipality"),
    "domain": _lazy("Topic"),
    "access": _lazy("How to take part"),
    "cost": _lazy("Cost"),
    "language": _lazy("Language"),
    "moment": _lazy("When"),
}


@register.simple_tag(takes_context=True)
def query_without_filters(context) -> str:
    """The current search with its words (and network) but none of its filters."""
    params = context["request"].GET.copy()
    for name in ("page", "open", "when", "age_months", *(group for group, _a in CHIP_GROUPS)):
        params.pop(name, None)
    return "?" + params.urlencode()
