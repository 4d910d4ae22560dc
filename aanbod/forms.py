"""Forms of "Mijn aanbod": they read and check what a partner typed; services do the writing.

Help texts are for partners at B1: short, in their words, one example where it helps.
Translated fields are edited in Dutch (the catalogue's own language), whatever the page
language: `offer_fields()` returns them with the `_nl` suffix the services expect.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partners.choices import Pillar, Weekday
from partners.opening_hours import BRUSSELS

from .choices import (
    AccessType,
    Audience,
    Availability,
    Cost,
    Language,
    LifeDomain,
    TargetGroup,
    WeekOfMonth,
)
from .models import PARTICIPATION_AGE_FIELDS, Offer

# Form fields that hold the Dutch text of a translated model field.
TRANSLATED = ("title", "summary", "description", "how_to_join", "referral_note")
PLAIN = (
    "keywords", "pillars", "life_domains", "audience", "target_groups", "for_wish_for_child",
    "access_type", "cost", "price_text", "kansentarief", "languages", "phone", "email", "url",
    "contact_person", "availability", "accessibility_notes", "image_alt", "funding_source",
    "funding_ends",
)  # fmt: skip
PREGNANCY_MONTHS = -9
MAX_AGE_YEARS = 30
# For the youngest a partner thinks in months ("baby massage, 2 to 8 months"): every month
# up to 3 years can be chosen, then whole years.
MONTHS_UP_TO = 36


def _years_label(months: int) -> str:
    if months < 0:
        return ngettext(
            "%(n)d month before the birth", "%(n)d months before the birth", -months
        ) % {"n": -months}
    if months % 12:
        return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    return ngettext("%(n)d year", "%(n)d years", months // 12) % {"n": months // 12}


def age_from_choices(current: int | None = None) -> list[tuple[str, str]]:
    """Values are months (as the model stores them); labels are what a partner thinks in."""
    choices = [
        ("", _("Every age")),
        (str(PREGNANCY_MONTHS), _("During pregnancy")),
        ("0", _("From birth")),
    ]
    choices += [(str(months), _years_label(months)) for months in range(1, MONTHS_UP_TO)]
    choices += [(str(years * 12), _years_label(years * 12)) for years in range(3, 25)]
    return _with_current(choices, current)


def age_to_choices(current: int | None = None) -> list[tuple[str, str]]:
    choices = [("", _("No upper age")), ("0", _("Until the birth"))]
    choices += [(str(months), _years_label(months)) for months in range(1, MONTHS_UP_TO)]
    choices += [
        (str(years * 12), _years_label(years * 12)) for years in range(3, MAX_AGE_YEARS + 1)
    ]
    return _with_current(choices, current)


def _with_current(choices, current):
    # An age stored in months (e.g. 18 months, set in the admin) stays choosable, so
    # saving the form never changes it unasked.
    if current is not None and str(current) not in {value for value, _label in choices}:
        choices.append((str(current), _years_label(current)))
    return choices


def _months(value: str) -> int | None:
    return int(value) if value not in ("", None) else None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def _checkboxes(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class OfferForm(forms.Form):
    """The main fields of an offer, in the order a partner thinks about them."""

    organisation = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=None,
        help_text=_("The organisation that offers this."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("The name parents know, e.g. 'Babymassage in Wilgendaal'."),
    )
    summary = forms.CharField(
        label=_("In one sentence"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What is it and for whom? Short and simple words."),
    )
    description = forms.CharField(
        label=_("More about it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happens there? What can parents expect?"),
    )
    keywords = forms.CharField(
        label=_("Search words"),
        max_length=300,
        required=False,
        help_text=_("Words parents may search for, separated by commas, e.g. 'luiers, baby'."),
    )
    pillars = _checkboxes(_("Pillars"), Pillar.choices)
    life_domains = _checkboxes(
        _("Life domains"), LifeDomain.choices, _("Tick what this offer helps with.")
    )
    audience = forms.ChoiceField(
        label=_("For"), choices=Audience.choices, widget=forms.RadioSelect, initial="families"
    )
    target_groups = _checkboxes(_("Target groups"), TargetGroup.choices)
    age_from = forms.ChoiceField(
        label=_("Age from"),
        required=False,
        choices=age_from_choices,
        help_text=_("The age of the child. Choose 'During pregnancy' for expectant parents."),
    )
    age_to = forms.ChoiceField(
        label=_("Age until"),
        required=False,
        choices=age_to_choices,
        help_text=_("'3 years' means: until the child turns 3."),
    )
    for_wish_for_child = forms.BooleanField(
        label=_("Also for people who wish for a child"), required=False
    )
    access_type = forms.ChoiceField(
        label=_("How do families take part?"), choices=AccessType.choices, widget=forms.RadioSelect
    )
    how_to_join = forms.CharField(
        label=_("How to take part, in words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. 'Just come by' or 'Call us to make an appointment'."),
    )
    referral_note = forms.CharField(
        label=_("Who can refer a family?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when families come only through a referral, e.g. 'the Sociaal Huis'."),
    )
    cost = forms.ChoiceField(
        label=_("Cost"), choices=Cost.choices, widget=forms.RadioSelect, initial="free"
    )
    price_text = forms.CharField(
        label=_("Price"),
        max_length=150,
        required=False,
        help_text=_("E.g. '2 euro per session'."),
    )
    kansentarief = forms.BooleanField(
        label=_("Reduced rate with UiTPAS (kansentarief)"), required=False
    )
    languages = _checkboxes(
        _("Languages spoken"), Language.choices, _("In which languages can families be helped?")
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Where"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when it happens at home or online."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    url = forms.URLField(
        label=_("Web link"),
        required=False,
        assume_scheme="https",
        help_text=_("E.g. a page to register."),
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    availability = forms.ChoiceField(
        label=_("Places"), choices=Availability.choices, widget=forms.RadioSelect, initial="places"
    )
    accessibility_notes = forms.CharField(
        label=_("Accessibility"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. 'Entrance without steps, room for a pram'."),
    )
    image = forms.ImageField(
        label=_("Image"),
        required=False,
        help_text=_("A photo or drawing (JPG or PNG). Choose it again if the page shows an error."),
    )
    image_alt = forms.CharField(
        label=_("What is on the image?"),
        max_length=200,
        required=False,
        help_text=_("For people who cannot see the image, e.g. 'A dad with a baby on a mat'."),
    )
    funding_source = forms.CharField(
        label=_("Funded by"),
        max_length=150,
        required=False,
        help_text=_("Only for project money, e.g. 'Kind en Gezin project subsidy'."),
    )
    funding_ends = forms.DateField(
        label=_("Funding ends on"),
        required=False,
        widget=DateInput,
        help_text=_("The coordinator is warned three months before."),
    )

    # The sections in the order a partner fills them in; the times ("When") come after the
    # first SECTIONS_BEFORE_WHEN sections (they are formsets, rendered by the template).
    FIELDSETS = [
        (
            _("What"),
            ["organisation", "title", "summary", "description", "keywords", "pillars",
             "life_domains", "image", "image_alt"],
        ),
        (_("For whom"), ["audience", "target_groups", "age_from", "age_to", "for_wish_for_child"]),
        (_("Where"), ["locations", "languages", "accessibility_notes"]),
        (
            _("Cost and how to join"),
            ["cost", "price_text", "kansentarief", "access_type", "how_to_join",
             "referral_note", "availability", "phone", "email", "url", "contact_person"],
        ),
        (_("Funding"), ["funding_source", "funding_ends"]),
    ]  # fmt: skip
    SECTIONS_BEFORE_WHEN = 2
    required_css_class = "hvhk-required"

    def __init__(self, *args, organisations, locations, offer: Offer | None = None, **kwargs):
        if offer is not None:
            kwargs.setdefault("initial", initial_from_offer(offer))
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields["locations"].queryset = locations
        if offer is not None:
            # An offer stays with its organisation.
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
            if len(organisations) == 1:
                self.fields["organisation"].initial = organisations[0]
                self.fields["organisation"].widget = forms.HiddenInput()
        ages = offer.age_months if offer is not None else None
        self.fields["age_from"].choices = age_from_choices(ages.lower if ages else None)
        self.fields["age_to"].choices = age_to_choices(ages.upper if ages else None)

    def fieldsets(self):
        for legend, names in self.FIELDSETS:
            fields = [self[name] for name in names if name in self.fields]
            visible = [field for field in fields if not field.is_hidden]
            if visible:
                yield legend, visible

    def fieldsets_before_when(self):
        return list(self.fieldsets())[: self.SECTIONS_BEFORE_WHEN]

    def fieldsets_after_when(self):
        return list(self.fieldsets())[self.SECTIONS_BEFORE_WHEN :]

    def clean(self):
        cleaned = super().clean()
        low, high = _months(cleaned.get("age_from")), _months(cleaned.get("age_to"))
        if low is not None and high is not None and high <= low:
            self.add_error("age_to", _("The end age must be after the start age."))
        cleaned["age_months"] = NumericRange(low, high)
        return cleaned

    def offer_fields(self) -> dict:
        """What the services take: Dutch texts with the `_nl` suffix, ages as a range."""
        data = self.cleaned_data
        fields = {f"{name}_nl": data[name] for name in TRANSLATED}
        fields |= {name: data[name] for name in PLAIN}
        fields["age_months"] = data["age_months"]
        image = data.get("image")
        if image:
            fields["image"] = image
        elif image is False:  # "clear" ticked
            fields["image"] = ""
        return fields


def initial_from_offer(offer: Offer) -> dict:
    initial = {name: getattr(offer, f"{name}_nl") or "" for name in TRANSLATED}
    initial |= {name: getattr(offer, name) for name in PLAIN}
    initial["image"] = offer.image
    ages = offer.age_months
    initial["age_from"] = "" if not ages or ages.lower is None else str(ages.lower)
    initial["age_to"] = "" if not ages or ages.upper is None else str(ages.upper)
    initial["locations"] = list(offer.locations.all())
    return initial


class WeeklyTimeForm(forms.Form):
    """One weekly slot, e.g. every Tuesday 9:00–11:00."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    weekday = forms.TypedChoiceField(
        label=_("Day"), coerce=int, choices=[("", "—"), *Weekday.choices]
    )
    starts = forms.TimeField(label=_("From"), widget=TimeInput)
    ends = forms.TimeField(label=_("Until"), widget=TimeInput)
    week_of_month = forms.TypedChoiceField(
        label=_("Which weeks"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Every week")), *WeekOfMonth.choices],
        help_text=_("E.g. 'First' for every first Saturday of the month."),
    )
    school_weeks_only = forms.BooleanField(label=_("Not during school holidays"), required=False)
    location = forms.ModelChoiceField(label=_("Place"), queryset=None, required=False)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The end time must be after the start time."))
        return cleaned


class DatedActivityForm(forms.Form):
    """One dated activity: an event, or one date of a series."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    starts = forms.TimeField(label=_("From"), widget=TimeInput)
    ends = forms.TimeField(label=_("Until"), widget=TimeInput)
    location = forms.ModelChoiceField(label=_("Place"), queryset=None, required=False)
    cancelled = forms.BooleanField(label=_("Cancelled"), required=False)
    note = forms.CharField(
        label=_("Note"),
        max_length=150,
        required=False,
        help_text=_("E.g. 'Sinterklaas comes by'."),
    )

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("date"), cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The end time must be after the start time."))
        elif day and starts and ends:
            # Wall-clock times in Brussels, like the weekly times.
            cleaned["starts_at"] = dt.datetime.combine(day, starts, tzinfo=BRUSSELS)
            cleaned["ends_at"] = dt.datetime.combine(day, ends, tzinfo=BRUSSELS)
        return cleaned


WeeklyTimeFormSet = forms.formset_factory(
    WeeklyTimeForm, extra=1, can_delete=True, max_num=30, validate_max=True
)
DatedActivityFormSet = forms.formset_factory(
    DatedActivityForm, extra=1, can_delete=True, max_num=100, validate_max=True
)


def weekly_initial(offer: Offer) -> list[dict]:
    return [
        {
            "id": schedule.id,
            "weekday": schedule.weekday,
            "starts": schedule.starts,
            "ends": schedule.ends,
            "week_of_month": schedule.week_of_month,
            "school_weeks_only": schedule.school_weeks_only,
            "location": schedule.location_id,
        }
        for schedule in offer.recurring_schedules.all()
    ]


def dated_initial(occurrences) -> list[dict]:
    initial = []
    for occurrence in occurrences:
        starts = occurrence.starts_at.astimezone(BRUSSELS)
        ends = occurrence.ends_at.astimezone(BRUSSELS)
        initial.append(
            {
                "id": occurrence.id,
                "date": starts.date(),
                "starts": starts.time(),
                "ends": ends.time(),
                "location": occurrence.location_id,
                "cancelled": occurrence.cancelled,
                "note": occurrence.note,
            }
        )
    return initial


def formset_items(formset, fields: tuple[str, ...]) -> list[dict]:
    """The rows a partner filled in, changed or ticked to delete, as service items."""
    items = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or (not data.get("id") and not form.has_changed()):
            continue
        item = {"id": data.get("id"), "delete": bool(data.get("DELETE"))}
        if not item["delete"]:
            item |= {name: data.get(name) for name in fields}
        items.append(item)
    return items


class AvailabilityForm(forms.Form):
    availability = forms.ChoiceField(choices=Availability.choices)


class SendBackForm(forms.Form):
    remark = forms.CharField(
        label=_("What should the partner change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The partner sees this remark on their list."),
    )


class ParticipationForm(forms.Form):
    """Anonymous counts of one activity, entered in one step."""

    occurrence = forms.ModelChoiceField(
        label=_("Which activity?"),
        queryset=None,
        required=False,
        empty_label=_("Another day (fill in the date)"),
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput,
        help_text=_("The day the activity took place."),
    )
    families = forms.IntegerField(
        label=_("How many families took part?"), min_value=0, max_value=9999
    )
    children = forms.IntegerField(
        label=_("How many children took part?"),
        min_value=0,
        max_value=9999,
        help_text=_("Count every child once. Only numbers: no names."),
    )
    children_0_3 = forms.IntegerField(
        label=_("0 to 3 years"), min_value=0, max_value=9999, required=False
    )
    children_3_6 = forms.IntegerField(
        label=_("3 to 6 years"), min_value=0, max_value=9999, required=False
    )
    children_6_12 = forms.IntegerField(
        label=_("6 to 12 years"), min_value=0, max_value=9999, required=False
    )
    children_12_18 = forms.IntegerField(
        label=_("12 to 18 years"), min_value=0, max_value=9999, required=False
    )
    children_18_plus = forms.IntegerField(
        label=_("18 years and older"), min_value=0, max_value=9999, required=False
    )

    def __init__(self, *args, occurrences, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].queryset = occurrences
        self.fields["occurrence"].label_from_instance = lambda occurrence: (
            f"{occurrence.starts_at.astimezone(BRUSSELS):%d/%m/%Y %H:%M}"
            + (f" ({occurrence.note})" if occurrence.note else "")
        )
        if not occurrences:
            del self.fields["occurrence"]

    def age_fields(self):
        return [self[field] for field in PARTICIPATION_AGE_FIELDS.values()]

    def main_fields(self):
        return [
            self[name]
            for name in ("occurrence", "date", "families", "children")
            if name in self.fields
        ]

    def clean(self):
        cleaned = super().clean()
        occurrence = cleaned.get("occurrence")
        if occurrence is not None:
            cleaned["date"] = occurrence.starts_at.astimezone(BRUSSELS).date()
        elif not cleaned.get("date") and "date" not in self.errors:
            self.add_error("date", _("Choose the activity or fill in the date."))
        return cleaned

    def children_by_age(self) -> dict[str, int]:
        data = self.cleaned_data
        return {
            group: data[field]
            for group, field in PARTICIPATION_AGE_FIELDS.items()
            if data.get(field) is not None
        }


class OfferTranslationForm(forms.Form):
    """The parent-facing texts of an offer in one other language, next to the Dutch."""

    LABELS = {
        "title": _("Title"),
        "summary": _("In one sentence"),
        "description": _("More about it"),
        "how_to_join": _("How to take part, in words"),
        "referral_note": _("Who can refer a family?"),
    }

    def __init__(self, *args, offer: Offer, language: str, **kwargs):
        kwargs.setdefault(
            "initial", {name: getattr(offer, f"{name}_{language}") or "" for name in TRANSLATED}
        )
        super().__init__(*args, **kwargs)
        self.offer, self.language = offer, language
        direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
        for name in TRANSLATED:
            max_length = Offer._meta.get_field(f"{name}_{language}").max_length
            widget = (
                forms.TextInput
                if name == "title"
                else forms.Textarea(attrs={"rows": 6 if name == "description" else 3})
            )
            self.fields[name] = forms.CharField(
                label=self.LABELS[name], required=False, max_length=max_length, widget=widget
            )
            self.fields[name].widget.attrs.update({"lang": language, "dir": direction})

    def rows(self):
        """(the Dutch text, the field in this language) per text the offer has in Dutch."""
        for name in TRANSLATED:
            dutch = getattr(self.offer, f"{name}_nl") or ""
            if dutch or self[name].value():
                yield dutch, self[name]

    def offer_fields(self) -> dict:
        return {f"{name}_{self.language}": self.cleaned_data[name] for name in TRANSLATED}
