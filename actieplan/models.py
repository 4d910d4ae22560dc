from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanbod.choices import LifeDomain, TargetGroup
from partners.choices import Pillar

from .choices import (
    ACTIVE_BUILD_STATUSES,
    ActionResult,
    ActionStatus,
    BuildStatus,
    PackKind,
    PlanStatus,
    evidence_year_of,
)

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


class ActionPlan(models.Model):
    """The plan of one network for one calendar year, owned by its steering group."""

    network = models.ForeignKey(
        "partners.Network",
        on_delete=models.CASCADE,
        related_name="action_plans",
        verbose_name=_("network"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    multi_year_goals = models.TextField(
        _("multi-year plan of the local government"),
        blank=True,
        help_text=_(
            "The goals of the meerjarenplan this plan serves, one per line, "
            "so each goal below can point to one."
        ),
    )
    adopted_at = models.DateTimeField(_("adopted on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="unique_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("actieplan:plan_detail", kwargs={"pk": self.pk})

    def multi_year_goal_list(self) -> list[str]:
        return [
            line.strip("-• ").strip() for line in self.multi_year_goals.splitlines() if line.strip()
        ]


class Goal(models.Model):
    """A concrete goal of the plan, per pillar and optionally per life domain or target group."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    pillar = models.CharField(_("pillar"), max_length=20, choices=Pillar.choices)
    life_domain = models.CharField(
        _("life domain"), max_length=20, choices=LifeDomain.choices, blank=True
    )
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, blank=True
    )
    text = models.TextField(_("goal"))
    indicator = models.TextField(
        _("indicator"), blank=True, help_text=_("How you will know the goal was reached.")
    )
    multi_year_goal = models.CharField(_("goal of the multi-year plan"), max_length=300, blank=True)
    themes = models.ManyToManyField(
        "signalen.Theme",
        blank=True,
        related_name="plan_goals",
        verbose_name=_("signal themes this goal answers"),
    )

    class Meta:
        ordering = ["pillar", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text[:80]


def months_in_order(start_month: int | None, end_month: int | None) -> bool:
    """An action's months: the last may not come before the first (either may be left open).
    The form, the service and the model's clean() all ask this; the database checks it too
    (constraint action_ends_after_start)."""
    return not (start_month and end_month and end_month < start_month)


class Action(models.Model):
    """What the partners will do for a goal; gets its result at the year's end."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("goal")
    )
    text = models.TextField(_("action"))
    partners = models.ManyToManyField(
        "partners.Organisation",
        blank=True,
        related_name="plan_actions",
        verbose_name=_("responsible partners"),
    )
    budget = models.DecimalField(
        _("budget (euro)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    # Kept beside the budget so the plan shows planned against spent, per action and in total.
    spent = models.DecimalField(
        _("spent so far (euro)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    timing = models.CharField(
        _("timing"), max_length=200, blank=True, help_text=_("E.g. 'every school holiday'.")
    )
    start_month = models.PositiveSmallIntegerField(
        _("from month"), null=True, blank=True, validators=MONTH_VALIDATORS
    )
    end_month = models.PositiveSmallIntegerField(
        _("until month"), null=True, blank=True, validators=MONTH_VALIDATORS
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    result = models.CharField(_("result"), max_length=10, choices=ActionResult.choices, blank=True)
    result_note = models.TextField(_("what it changed"), blank=True)
    result_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["goal", "start_month", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_month__isnull=True)
                | models.Q(end_month__isnull=True)
                | models.Q(end_month__gte=models.F("start_month")),
                name="action_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        if not months_in_order(self.start_month, self.end_month):
            raise ValidationError({"end_month": _("The last month comes before the first.")})


class EvidencePack(models.Model):
    """One build of the evidence for a network's year: figures, a PDF and a DOCX.

    Every build is its own row with its own files. Only the row marked current is
    shown; a finished build takes that mark from the previous one in one transaction,
    so a build that fails or is killed half-way leaves the previous pack as it was.
    """

    network = models.ForeignKey(
        "partners.Network",
        on_delete=models.CASCADE,
        related_name="evidence_packs",
        verbose_name=_("network"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=PackKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    is_current = models.BooleanField(default=False, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Moves with every step: a running build that stopped moving lost its worker.
    progress_at = models.DateTimeField(null=True, blank=True)
    built_at = models.DateTimeField(_("built on"), null=True, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    pdf = models.FileField(upload_to="evidence/", blank=True)
    docx = models.FileField(upload_to="evidence/", blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("evidence pack")
        verbose_name_plural = _("evidence packs")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year", "kind"],
                condition=models.Q(is_current=True),
                name="one_current_evidence_pack",
            ),
            # One build at a time per pack: a second request joins the waiting one.
            models.UniqueConstraint(
                fields=["network", "year", "kind"],
                condition=models.Q(status__in=sorted(ACTIVE_BUILD_STATUSES)),
                name="one_active_evidence_build",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="evidence_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} — {self.network}"

    def get_absolute_url(self) -> str:
        return reverse("actieplan:pack_detail", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_BUILD_STATUSES

    @property
    def evidence_year(self) -> int:
        return evidence_year_of(year=self.year, kind=self.kind)
