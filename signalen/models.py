"""Signals and the themes they are bundled into.

A signal never holds personal data about a family. The only personal datum
is `contact_email`, which a family (or survey respondent) chose to leave for
feedback; it is used for that one mail and nothing else.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbod.choices import AgeGroup, LifeDomain, TargetGroup

from .choices import Barrier, Frequency, SignalKind, SignalSource, ThemeStatus


class Theme(models.Model):
    """Signals bundled by the coordinator (bundelen): one need, gap or barrier to act on."""

    network = models.ForeignKey(
        "partners.Network",
        on_delete=models.CASCADE,
        related_name="signal_themes",
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ThemeStatus.choices,
        default=ThemeStatus.NEW,
        db_index=True,
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    feedback = models.TextField(
        _("feedback to the signal givers"),
        blank=True,
        help_text=_(
            "What was done with these signals. Every signal giver who can be told reads this."
        ),
    )
    feedback_sent_at = models.DateTimeField(_("feedback sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title


class Signal(models.Model):
    """One need, gap or barrier someone noticed. Never personal data about a family."""

    network = models.ForeignKey(
        "partners.Network",
        on_delete=models.CASCADE,
        related_name="signals",
        verbose_name=_("network"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("theme"),
    )
    source = models.CharField(_("source"), max_length=20, choices=SignalSource.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=SignalKind.choices)
    barrier = models.CharField(_("barrier"), max_length=20, choices=Barrier.choices, blank=True)
    text = models.TextField(_("what was noticed"), blank=True)
    target_groups = ArrayField(
        models.CharField(max_length=20, choices=TargetGroup.choices),
        default=list,
        blank=True,
        verbose_name=_("target groups"),
    )
    age_groups = ArrayField(
        models.CharField(max_length=10, choices=AgeGroup.choices),
        default=list,
        blank=True,
        verbose_name=_("age groups"),
    )
    life_domains = ArrayField(
        models.CharField(max_length=20, choices=LifeDomain.choices),
        default=list,
        blank=True,
        verbose_name=_("life domains"),
    )
    municipality = models.ForeignKey(
        "partners.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    deelgemeente = models.ForeignKey(
        "partners.Deelgemeente",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sub-municipality"),
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, blank=True
    )
    # For REFERRAL_DECLINED: doorverwijzing.choices.DeclineReason, never the referral itself.
    decline_reason = models.CharField(_("reason of the decline"), max_length=15, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals_reported",
        verbose_name=_("reported by"),
    )
    contact_email = models.EmailField(_("e-mail for feedback"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="nl")
    feedback_mailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["network", "created_at"]),
            models.Index(fields=["network", "theme"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    def get_life_domains_display(self) -> list[str]:
        return [LifeDomain(value).label for value in self.life_domains if value in LifeDomain]

    def get_age_groups_display(self) -> list[str]:
        return [AgeGroup(value).label for value in self.age_groups if value in AgeGroup]

    def get_target_groups_display(self) -> list[str]:
        return [TargetGroup(value).label for value in self.target_groups if value in TargetGroup]


class SearchGap(models.Model):
    """Catalogue searches that found nothing, counted per week. No IP, no user, no session."""

    week = models.DateField(_("week (Monday)"))
    query = models.CharField(_("search words"), max_length=100)
    count = models.PositiveIntegerField(_("searches"), default=1)
    # The network whose pages the search was made on (its filter, else the site's own
    # network); empty for a search that knew no network (rows from before this field).
    network = models.ForeignKey(
        "partners.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_gaps",
        verbose_name=_("network"),
    )

    class Meta:
        ordering = ["-week", "-count"]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(
                fields=["week", "query", "network"],
                name="unique_search_gap_week_query_network",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.query} ({self.count})"


class Survey(models.Model):
    """A short needs survey (noden in kaart brengen): a few questions, anonymous answers."""

    network = models.ForeignKey(
        "partners.Network",
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("network"),
    )
    slug = models.SlugField(_("short name in web addresses"), unique=True, max_length=120)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    is_open = models.BooleanField(_("open for answers"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=300)
    # What an answer to this question becomes when the coordinator turns it into a signal.
    kind = models.CharField(
        _("answers are"), max_length=10, choices=SignalKind.choices, default=SignalKind.NEED
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class SurveyAnswer(models.Model):
    """One anonymous answer to one question; answers given together share `response_id`."""

    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    response_id = models.UUIDField(default=uuid.uuid4, db_index=True)
    text = models.TextField(_("answer"))
    language = models.CharField(_("language"), max_length=10, default="nl")
    signal = models.OneToOneField(
        Signal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_answer",
        verbose_name=_("turned into signal"),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return self.text[:60]
