"""A right or support, as data the network owns; and the only trace the check leaves:
monthly counts of "worth checking" per right per deelgemeente (never an answer)."""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import RightStatus, Worry
from .rules import validate_condition

# A published right not reviewed for this long shows on the coordinator's start page.
REVIEW_EVERY_DAYS = 365


class RightQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=RightStatus.PUBLISHED)

    def not_reviewed_since(self, day: dt.date):
        """Published rights never reviewed (the starting set) or last reviewed before `day`."""
        return self.published().filter(Q(reviewed_on__lt=day) | Q(reviewed_on=None))


class Right(models.Model):
    network = models.ForeignKey(
        "partners.Network",
        on_delete=models.CASCADE,
        related_name="rights",
        verbose_name=_("network"),
    )
    key = models.SlugField(
        _("short name"), max_length=60, help_text=_("Stays the same in every language.")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(
        _("in plain words"), help_text=_("What it is and what it gives, in two or three sentences.")
    )
    # The machine-checkable part (rechten/rules.py); the rest in words below.
    condition = models.JSONField(
        _("conditions over the answers"),
        default=dict,
        blank=True,
        help_text=_(
            'E.g. {"any": [{"answer": "status", "in": ["living_wage"]}, '
            '{"answer": "income", "in": ["low"], "unsure": ["middle"]}]}. '
            "Empty: worth checking for every family."
        ),
    )
    conditions_in_words = models.TextField(
        _("conditions we cannot check"),
        blank=True,
        help_text=_("E.g. 'You live in Belgium legally' or 'your savings are small'."),
    )
    why_worth_checking = models.CharField(
        _("why it is worth checking (one sentence)"), max_length=300
    )
    why_probably_not = models.CharField(_("why probably not (one sentence)"), max_length=300)
    official_url = models.URLField(_("official information"), blank=True)
    ask_who = models.CharField(
        _("who to ask locally"),
        max_length=200,
        help_text=_("E.g. 'the Sociaal Huis' or 'your Groeipakket payer'."),
    )
    local_offers = models.ManyToManyField(
        "aanbod.Offer",
        blank=True,
        related_name="rights",
        verbose_name=_("where to go (offers)"),
        help_text=_("The offer of the catalogue in each municipality, e.g. the rechtenverkenning."),
    )
    municipalities = models.ManyToManyField(
        "partners.Municipality",
        blank=True,
        related_name="rights",
        verbose_name=_("only in these municipalities"),
        help_text=_("Empty: in every municipality of the network."),
    )
    worries = ArrayField(
        models.CharField(max_length=20, choices=Worry.choices),
        default=list,
        blank=True,
        verbose_name=_("helps with"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    status = models.CharField(
        _("status"), max_length=12, choices=RightStatus.choices, default=RightStatus.DRAFT
    )
    from_starting_set = models.BooleanField(
        _("from the starting set: to be checked by the network"), default=False, editable=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
        editable=False,
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RightQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("right or support")
        verbose_name_plural = _("rights and support")
        constraints = [
            models.UniqueConstraint(fields=["network", "key"], name="one_right_per_key_per_network")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_condition(self.condition)


class RightCheckCount(models.Model):
    """How often the check said "worth checking" for a right, per deelgemeente and month.

    The check's answers are never stored: this counter is all that remains. deelgemeente
    is empty when the family did not say where they live. Shown with the "< 5" rule.
    """

    right = models.ForeignKey(Right, on_delete=models.CASCADE, related_name="check_counts")
    deelgemeente = models.ForeignKey(
        "partners.Deelgemeente", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    month = models.DateField(help_text="The first day of the month.")
    worth_checking = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["right", "deelgemeente", "month"],
                name="one_check_count_per_right_place_month",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.right_id} {self.deelgemeente_id} {self.month:%Y-%m}: {self.worth_checking}"
