"""Forms of signals: short, in plain words, and checked for personal data before saving."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from aanbod.choices import AgeGroup, LifeDomain, TargetGroup
from huisvanhetkind.antispam import HoneypotFormMixin
from huisvanhetkind.public_forms import PublicFormMixin

from .choices import Barrier, Frequency, SignalKind, ThemeStatus
from .privacy import personal_data_findings

SIGNAL_TEXT_MAX = 2000


class PersonalDataCheckMixin(forms.Form):
    """Flags likely names, phone numbers and e-mail addresses in `text` before saving.

    The giver removes them, or ticks `not_personal` to say what was flagged is
    not personal data (a street, an organisation …). `findings` is what the page shows.
    """

    not_personal = forms.BooleanField(
        label=_("What is marked is not personal data (for example the name of a place)."),
        required=False,
    )
    personal_data_error = _(
        "This looks like personal data. Remove it, or tick the box below if it is not."
    )

    def __init__(self, *args, known_words=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known_words = list(known_words)
        self.findings = []

    def clean(self):
        cleaned = super().clean()
        self.findings = personal_data_findings(
            cleaned.get("text", ""), known_words=self.known_words
        )
        if self.findings and not cleaned.get("not_personal"):
            self.add_error("text", self.personal_data_error)
        return cleaned

    def visible_fields(self):
        # The confirmation box only appears once something was flagged.
        fields = super().visible_fields()
        if self.findings:
            return fields
        return [field for field in fields if field.name != "not_personal"]


class StaffSignalForm(PersonalDataCheckMixin, forms.Form):
    """A professional's signal: the questions that matter, nothing more (under a minute)."""

    network = forms.ModelChoiceField(label=_("Network"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(
        label=_("What did you notice?"),
        choices=SignalKind.choices,
        widget=forms.RadioSelect,
        initial=SignalKind.NEED,
    )
    barrier = forms.ChoiceField(
        label=_("Which barrier?"),
        choices=Barrier.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Only for a barrier."),
    )
    text = forms.CharField(
        label=_("Describe it in a few words"),
        max_length=SIGNAL_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "No personal data: no names, phone numbers, e-mail addresses or anything that "
            "points to one family."
        ),
    )
    life_domains = forms.MultipleChoiceField(
        label=_("Life domain"),
        choices=LifeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    age_groups = forms.MultipleChoiceField(
        label=_("Age of the children"),
        choices=AgeGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=[
            choice
            for choice in TargetGroup.choices
            if choice[0] not in (TargetGroup.PROFESSIONALS, TargetGroup.VOLUNTEERS)
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    place = forms.ChoiceField(label=_("Where"), required=False)
    frequency = forms.ChoiceField(
        label=_("How often do you see this?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    field_order = [
        "network",
        "kind",
        "barrier",
        "text",
        "not_personal",
        "life_domains",
        "age_groups",
        "target_groups",
        "place",
        "frequency",
    ]

    def __init__(self, *args, networks, municipalities, deelgemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        if len(networks) == 1:
            self.fields["network"].initial = networks[0].pk
            self.fields["network"].widget = forms.HiddenInput()
        self.fields["place"].choices = place_choices(municipalities, deelgemeenten)
        self._places = {f"m{m.pk}": (m, None) for m in municipalities} | {
            f"d{d.pk}": (d.municipality, d) for d in deelgemeenten
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == SignalKind.BARRIER and not cleaned.get("barrier"):
            self.add_error("barrier", _("Choose the barrier."))
        return cleaned

    def details(self) -> dict:
        data = self.cleaned_data
        municipality, deelgemeente = self._places.get(data.get("place") or "", (None, None))
        return {
            "network": data["network"],
            "kind": data["kind"],
            "barrier": data.get("barrier", ""),
            "text": data["text"],
            "life_domains": data["life_domains"],
            "age_groups": data["age_groups"],
            "target_groups": data["target_groups"],
            "municipality": municipality,
            "deelgemeente": deelgemeente,
            "frequency": data.get("frequency", ""),
            "language": get_language() or settings.LANGUAGE_CODE,
        }


def place_choices(municipalities, deelgemeenten) -> list:
    """One list: each municipality as a whole, then its deelgemeenten."""
    choices: list = [("", _("Not about one place"))]
    for municipality in municipalities:
        group = [
            (
                f"m{municipality.pk}",
                _("%(name)s (whole municipality)") % {"name": municipality.name},
            )
        ]
        group += [
            (f"d{d.pk}", d.name) for d in deelgemeenten if d.municipality_id == municipality.pk
        ]
        choices.append((municipality.name, group))
    return choices


# Barriers in a family's words.
FAMILY_BARRIERS = [
    (Barrier.LANGUAGE, _("I do not understand the language")),
    (Barrier.COST, _("It costs too much")),
    (Barrier.OPENING_HOURS, _("The hours do not suit me")),
    (Barrier.WAITING_LIST, _("I have to wait too long")),
    (Barrier.DIGITAL_ONLY, _("It is only online")),
    (Barrier.DISTANCE, _("It is too far away")),
    (Barrier.OTHER, _("Something else")),
]


class FamilySignalForm(HoneypotFormMixin, PersonalDataCheckMixin, PublicFormMixin, forms.Form):
    """What a family tells us: what they miss, what is hard. No account, no name."""

    text = forms.CharField(
        label=_("What do you miss? What is difficult?"),
        max_length=SIGNAL_TEXT_MAX,
        error_messages={"required": _("Write in a few words what you miss or what is difficult")},
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Please do not write names or phone numbers."),
    )
    barrier = forms.ChoiceField(
        label=_("What makes it hard?"),
        choices=FAMILY_BARRIERS,
        widget=forms.RadioSelect,
        required=False,
    )
    age_groups = forms.MultipleChoiceField(
        label=_("How old are your children?"),
        choices=AgeGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Where do you live?"),
        queryset=None,
        required=False,
        empty_label=_("I prefer not to say"),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (if you want to hear what we do with it)"),
        required=False,
        error_messages={"invalid": _("Fill in an e-mail address like name@example.be")},
        help_text=_("We only use it to tell you what we did with your signal."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    personal_data_error = _(
        "It looks like you wrote a name, a phone number or an e-mail address. "
        "Please remove it. Is it not personal? Then tick the box below."
    )
    field_order = ["text", "not_personal", "barrier", "age_groups", "municipality", "email"]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["not_personal"].label = _("It is not personal (for example a street name).")

    def details(self) -> dict:
        data = self.cleaned_data
        barrier = data.get("barrier", "")
        return {
            "text": data["text"],
            "kind": SignalKind.BARRIER if barrier else SignalKind.NEED,
            "barrier": barrier,
            "age_groups": data["age_groups"],
            "municipality": data.get("municipality"),
            "contact_email": data.get("email", ""),
            "language": get_language() or settings.LANGUAGE_CODE,
        }


class BundleForm(forms.Form):
    """Tick signals, then put them in an open theme or a new one."""

    signals = forms.ModelMultipleChoiceField(
        label=_("Signals"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    theme = forms.ModelChoiceField(
        label=_("Add to theme"), queryset=None, required=False, empty_label=_("— a new theme —")
    )
    new_title = forms.CharField(label=_("Or a new theme, called"), max_length=200, required=False)

    def __init__(self, *args, signals, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = signals
        self.fields["theme"].queryset = themes

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("theme") and not cleaned.get("new_title", "").strip():
            self.add_error("new_title", _("Choose a theme or give the new theme a title."))
        if cleaned.get("theme") and cleaned.get("new_title", "").strip():
            self.add_error("new_title", _("Choose a theme or a new title, not both."))
        return cleaned


class ThemeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed for “answered” and “not taken up”."),
    )

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(value, ThemeStatus(value).label) for value in allowed]


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("Feedback to the signal givers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "In plain words: what was done with these signals. Families who left an e-mail "
            "address get it by mail; professionals see it under “My signals”."
        ),
    )


class SurveyForm(HoneypotFormMixin, forms.Form):
    """One optional text field per question of the survey, in the visitor's language."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {f"q{question.pk}": question for question in questions}
        for name, question in self.questions.items():
            self.fields[name] = forms.CharField(
                label=question.text,
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name, "").strip() for name in self.questions):
            raise forms.ValidationError(_("Answer at least one question."))
        return cleaned

    def answers(self) -> dict:
        return {
            question: self.cleaned_data.get(name, "") for name, question in self.questions.items()
        }


class AnswerToSignalForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Put in theme"), queryset=None, required=False, empty_label=_("— not yet —")
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
