"""The search form: turns any GET query string into a clean query and filters.

The catalogue's filters are declared once, as a django-filter FilterSet (OfferFilterSet):
each filter, its validation and the form the pages render. The matching itself is our own
SQL (full-text ranking and facet counts in aanbod.search and aanbod.facets): the FilterSet
hands its cleaned values over as OfferFilters and never filters a queryset itself.

A search page must never fail on what is in its address: unknown parameters are ignored,
unknown values of a filter are dropped (the rest of the filter still applies), numbers out
of range are dropped, and the text is cut to a sane length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import AccessType, AgeGroup, CostFilter, Language, LifeDomain, Moment
from .models import Offer
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


class LenientChoiceFilter(django_filters.Filter):
    field_class = LenientChoiceField


class LenientMultipleChoiceFilter(django_filters.Filter):
    field_class = LenientMultipleChoiceField


class IdListFilter(django_filters.Filter):
    field_class = IdListField


class LenientIntegerFilter(django_filters.Filter):
    field_class = LenientIntegerField


class CheckboxFilter(django_filters.Filter):
    """On or off (a plain checkbox), not django-filter's yes/no/unknown BooleanFilter."""

    field_class = forms.BooleanField


class SearchFormBase(forms.Form):
    """What the form adds to its fields: the search words made safe."""

    def clean_q(self) -> str:
        return search_words(self.cleaned_data.get("q"))


def search_words(text: str | None) -> str:
    text = (text or "")[:MAX_QUERY_CHARS]
    # NUL bytes are refused by PostgreSQL; other control characters mean nothing here.
    return "".join(char for char in text if char.isprintable()).strip()


class OfferFilterSet(django_filters.FilterSet):
    """Every filter of the catalogue (search, agenda, flyer): declaration and validation."""

    q = django_filters.CharFilter(label=_("What are you looking for?"), max_length=None)
    age = LenientMultipleChoiceFilter(label=_("Age"), choices=AgeGroup.choices)
    age_months = LenientIntegerFilter(
        label=_("Age of my child in months"), min_value=MIN_AGE_MONTHS, max_value=MAX_AGE_MONTHS
    )
    municipality = IdListFilter(label=_("Municipality"))
    deelgemeente = IdListFilter(label=_("Sub-municipality"))
    network = IdListFilter(label=_("Network"))
    open = CheckboxFilter(label=_("Happening now"))
    domain = LenientMultipleChoiceFilter(label=_("Topic"), choices=LifeDomain.choices)
    access = LenientMultipleChoiceFilter(label=_("How to take part"), choices=AccessType.choices)
    cost = LenientMultipleChoiceFilter(label=_("Cost"), choices=CostFilter.choices)
    language = LenientMultipleChoiceFilter(label=_("Language"), choices=Language.choices)
    moment = LenientMultipleChoiceFilter(label=_("When"), choices=Moment.choices)
    page = LenientIntegerFilter(label="", min_value=1, max_value=MAX_PAGE)
    when = LenientChoiceFilter(label=_("When"), choices=WHEN_CHOICES)
    sort = LenientChoiceFilter(label=_("Order"), choices=SORT_CHOICES)

    class Meta:
        model = Offer
        fields: list[str] = []
        form = SearchFormBase

    @classmethod
    def form_class(cls) -> type[forms.Form]:
        """The form of these filters, built once (not for every request)."""
        if "_form_class" not in cls.__dict__:
            fields = {name: declared.field for name, declared in cls.base_filters.items()}
            cls._form_class = type("OfferSearchForm", (cls._meta.form,), fields)
        return cls._form_class

    def get_form_class(self) -> type[forms.Form]:
        return self.form_class()

    def filter_queryset(self, queryset):
        raise NotImplementedError(
            "The catalogue matches in its own SQL (aanbod.search): use search_arguments()."
        )

    def search_arguments(self) -> tuple[str, OfferFilters, int]:
        """(query, filters, page) for aanbod.search.results.offer_search."""
        self.form.is_valid()
        return self.arguments_from(self.form.cleaned_data)

    @classmethod
    def cleaned_data(cls, params) -> dict:
        """What `form.is_valid()` leaves in `cleaned_data` for these parameters, from the
        class's own fields: a FilterSet and its form deep-copy every filter and field for
        each request, a tenth of a search page's time. The fields only read here."""
        form_class = cls.form_class()
        data = {}
        for name, form_field in form_class.base_fields.items():
            try:
                data[name] = form_field.clean(
                    form_field.widget.value_from_datadict(params, {}, name)
                )
            except forms.ValidationError:
                continue  # as the form does: the field is left out (a NUL byte in the words)
        if "q" in data:
            data["q"] = search_words(data["q"])
        return data

    @staticmethod
    def arguments_from(data: dict) -> tuple[str, OfferFilters, int]:
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


def OfferSearchForm(*args, **kwargs) -> forms.Form:
    """The catalogue's search form (rendered by the pages), from OfferFilterSet."""
    return OfferFilterSet.form_class()(*args, **kwargs)


def parse_search(params) -> tuple[str, OfferFilters, int]:
    """Query, filters and page from a QueryDict (request.GET); never raises."""
    return OfferFilterSet.arguments_from(OfferFilterSet.cleaned_data(params))
