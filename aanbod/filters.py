"""The search form: turns any GET query string into a clean query and filters.

A search page must never fail on what is in its address: unknown parameters are ignored,
unknown values of a filter are dropped (the rest of the filter still applies), numbers out
of range are dropped, and the text is cut to a sane length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import AccessType, AgeGroup, CostFilter, Language, LifeDomain, Moment
from .search.parsing import WHEN_TODAY, WHEN_TOMORROW
from .search.text import MAX_QUERY_CHARS

MAX_PAGE = 1000
MAX_IDS = 30
MIN_AGE_MONTHS, MAX_AGE_MONTHS = -9, 360

SORT_SOONEST, SORT_NEAREST, SORT_TITLE = "soonest", "nearest", "az"
SORT_CHOICES = [
    ("", _("Best match")),
    (SORT_SOONEST, _("Soonest")),
    (SORT_NEAREST, _("Nearest")),
    (SORT_TITLE, _("A to Z")),
]
WHEN_CHOICES = [(WHEN_TODAY, _("Today")), (WHEN_TOMORROW, _("Tomorrow"))]


class LenientChoiceField(forms.ChoiceField):
    """One value of a fixed list, or '' for anything else (a bad URL is not an error)."""

    def clean(self, value):
        value = str(value or "")
        return value if value in {str(key) for key, _label in self.choices} else ""


@dataclass(frozen=True)
class OfferFilters:
    """Filters of a search. Values within a group are OR-ed; groups are AND-ed."""

    ages: tuple[str, ...] = ()
    age_months: int | None = None
    municipalities: tuple[int, ...] = ()
    deelgemeenten: tuple[int, ...] = ()
    life_domains: tuple[str, ...] = ()
    access_types: tuple[str, ...] = ()
    costs: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    moments: tuple[str, ...] = ()
    networks: tuple[int, ...] = field(default=())
    open_now: bool = False
    # A date window from a time word ("vandaag", "morgen"): see aanbod.search.parsing.
    when: str = ""
    # How to order the results (SORT_CHOICES); '' is the default for the question
    # (relevance with words, soonest without). Carried here so every caller of
    # parse_search gets it.
    sort: str = ""


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the valid choices and silently drops the rest (a bad URL is not an error)."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        valid = {str(key) for key, _label in self.choices}
        return list(dict.fromkeys(str(item) for item in (value or []) if str(item) in valid))


class IdListField(forms.Field):
    widget = forms.MultipleHiddenInput

    def clean(self, value):
        ids = []
        for item in value or []:
            item = str(item).strip()
            if item.isdigit() and len(item) < 18 and int(item) > 0:
                ids.append(int(item))
        return list(dict.fromkeys(ids))[:MAX_IDS]


class LenientIntegerField(forms.IntegerField):
    def clean(self, value):
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            return None
        if self.min_value is not None and number < self.min_value:
            return None
        if self.max_value is not None and number > self.max_value:
            return None
        return number


class OfferSearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=None)
    age = LenientMultipleChoiceField(label=_("Age"), choices=AgeGroup.choices, required=False)
    age_months = LenientIntegerField(
        label=_("Age of my child in months"),
        required=False,
        min_value=MIN_AGE_MONTHS,
        max_value=MAX_AGE_MONTHS,
    )
    municipality = IdListField(label=_("Municipality"), required=False)
    deelgemeente = IdListField(label=_("Sub-municipality"), required=False)
    network = IdListField(label=_("Network"), required=False)
    open = forms.BooleanField(label=_("Happening now"), required=False)
    domain = LenientMultipleChoiceField(
        label=_("Topic"), choices=LifeDomain.choices, required=False
    )
    access = LenientMultipleChoiceField(
        label=_("How to take part"), choices=AccessType.choices, required=False
    )
    cost = LenientMultipleChoiceField(label=_("Cost"), choices=CostFilter.choices, required=False)
    language = LenientMultipleChoiceField(
        label=_("Language"), choices=Language.choices, required=False
    )
    moment = LenientMultipleChoiceField(label=_("When"), choices=Moment.choices, required=False)
    page = LenientIntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    when = LenientChoiceField(label=_("When"), choices=WHEN_CHOICES, required=False)
    sort = LenientChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    def clean_q(self) -> str:
        text = (self.cleaned_data.get("q") or "")[:MAX_QUERY_CHARS]
        # NUL bytes are refused by PostgreSQL; other control characters mean nothing here.
        return "".join(char for char in text if char.isprintable()).strip()

    def search_arguments(self) -> tuple[str, OfferFilters, int]:
        """(query, filters, page) for aanbod.search.results.offer_search; call after is_valid()."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        filters = OfferFilters(
            ages=tuple(data.get("age") or ()),
            age_months=data.get("age_months"),
            municipalities=tuple(data.get("municipality") or ()),
            deelgemeenten=tuple(data.get("deelgemeente") or ()),
            life_domains=tuple(data.get("domain") or ()),
            access_types=tuple(data.get("access") or ()),
            costs=tuple(data.get("cost") or ()),
            languages=tuple(data.get("language") or ()),
            moments=tuple(data.get("moment") or ()),
            networks=tuple(data.get("network") or ()),
            open_now=bool(data.get("open")),
            when=data.get("when") or "",
            sort=data.get("sort") or "",
        )
        return data.get("q") or "", filters, data.get("page") or 1


def parse_search(params) -> tuple[str, OfferFilters, int]:
    """Query, filters and page from a QueryDict (request.GET); never raises."""
    form = OfferSearchForm(data=params)
    form.is_valid()
    return form.search_arguments()
