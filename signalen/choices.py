"""Kinds, sources and states of signals and themes: English values, translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalSource(models.TextChoices):
    STAFF = "staff", _("A professional")
    FAMILY = "family", _("A family")
    REFERRAL_DECLINED = "referral_declined", _("A declined referral")
    SEARCH_EMPTY = "search_empty", _("A search that found nothing")
    SURVEY = "survey", _("A needs survey")


class SignalKind(models.TextChoices):
    NEED = "need", _("A need")
    GAP = "gap", _("A gap in the offer")
    BARRIER = "barrier", _("A barrier")


class Barrier(models.TextChoices):
    LANGUAGE = "language", _("Language")
    COST = "cost", _("Cost")
    OPENING_HOURS = "opening_hours", _("Opening hours")
    WAITING_LIST = "waiting_list", _("Waiting list")
    DIGITAL_ONLY = "digital_only", _("Only online")
    DISTANCE = "distance", _("Distance")
    OTHER = "other", _("Something else")


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    SOMETIMES = "sometimes", _("Sometimes")
    OFTEN = "often", _("Often")


class ThemeStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_ANALYSIS = "in_analysis", _("In analysis")
    ON_AGENDA = "on_agenda", _("On the agenda of the steering group")
    IN_ACTION_PLAN = "in_action_plan", _("Taken into the action plan")
    ANSWERED = "answered", _("Answered")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


# Status -> the statuses it may move to. The services check this table; the
# last three are outcomes and stay final (a new theme is opened instead).
THEME_TRANSITIONS: dict[str, set[str]] = {
    ThemeStatus.NEW: {ThemeStatus.IN_ANALYSIS, ThemeStatus.ANSWERED, ThemeStatus.NOT_TAKEN_UP},
    ThemeStatus.IN_ANALYSIS: {
        ThemeStatus.ON_AGENDA,
        ThemeStatus.ANSWERED,
        ThemeStatus.NOT_TAKEN_UP,
    },
    ThemeStatus.ON_AGENDA: {
        ThemeStatus.IN_ACTION_PLAN,
        ThemeStatus.ANSWERED,
        ThemeStatus.NOT_TAKEN_UP,
    },
    ThemeStatus.IN_ACTION_PLAN: {ThemeStatus.ANSWERED},
    ThemeStatus.ANSWERED: set(),
    ThemeStatus.NOT_TAKEN_UP: set(),
}

# Outcomes a coordinator must explain: the reason is what the signal givers read.
STATUSES_NEEDING_REASON = {ThemeStatus.ANSWERED, ThemeStatus.NOT_TAKEN_UP}
OPEN_THEME_STATUSES = {
    ThemeStatus.NEW,
    ThemeStatus.IN_ANALYSIS,
    ThemeStatus.ON_AGENDA,
    ThemeStatus.IN_ACTION_PLAN,
}
