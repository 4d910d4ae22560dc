"""Referral data. Fields marked PERSONAL are erased on consent withdrawal and
after the retention period; everything else is the anonymous record that
keeps the network's figures.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Case, F, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    WAITING_SINCE_FIELD,
    AccessAction,
    ConsentMethod,
    ContactPreference,
    DeclineReason,
    EventKind,
    FirstContactResult,
    ForwardingBasis,
    ForwardingStatus,
    IntakeSource,
    IntakeStatus,
    MailFrequency,
    Outcome,
    ReferralStatus,
    ReminderKind,
    Urgency,
)

NO_SENSITIVE_DATA_HELP = _(
    "Only what the receiver needs. No national register number, no diagnosis, no file."
)


class Referral(models.Model):
    public_id = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReferralStatus.choices,
        default=ReferralStatus.SENT,
        db_index=True,
    )
    referring_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("referring organisation"),
    )
    referring_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="referrals_made",
        verbose_name=_("referring worker"),
    )
    receiving_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("receiving organisation"),
    )
    offer = models.ForeignKey(
        "aanbod.Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("offer"),
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    contact_preference = models.CharField(
        _("how to contact the family"), max_length=15, choices=ContactPreference.choices
    )
    language = models.CharField(_("language of the family"), max_length=10, default="nl")
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    children_ages = ArrayField(
        models.PositiveSmallIntegerField(),
        default=list,
        blank=True,
        verbose_name=_("ages of the children (years)"),
    )
    made_by_phone = models.BooleanField(_("already handed over by phone"), default=False)

    # PERSONAL: erased on withdrawal and after retention.
    family_name = models.CharField(_("name or initials"), max_length=100, blank=True)
    family_phone = models.CharField(_("phone"), max_length=30, blank=True)
    family_email = models.EmailField(_("e-mail"), blank=True)
    question = models.TextField(_("question"), blank=True, help_text=NO_SENSITIVE_DATA_HELP)
    already_done = models.TextField(
        _("what was already done"), blank=True, help_text=NO_SENSITIVE_DATA_HELP
    )
    decline_remark = models.TextField(_("remark"), blank=True)
    outcome_remark = models.TextField(_("remark"), blank=True)

    # The anonymous record.
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(db_index=True)
    # The first read by a worker of the receiving organisation: a referral nobody opened
    # escalates to the network's coordinators (doorverwijzing.reminders).
    first_opened_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(
        _("reason"), max_length=15, choices=DeclineReason.choices, blank=True
    )
    suggested_offer = models.ForeignKey(
        "aanbod.Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggested offer"),
    )
    contact_attempts = models.PositiveSmallIntegerField(default=0)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    first_contact_result = models.CharField(
        max_length=15, choices=FirstContactResult.choices, blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_FIELDS = (
        "family_name",
        "family_phone",
        "family_email",
        "question",
        "already_done",
        "decline_remark",
        "outcome_remark",
    )

    # The inbox's order, stored so an index can serve it (doorverwijzing.waiting): open
    # steps first in WAITING_SINCE_FIELD's order, then the finished ones; urgent on top;
    # the longest waiting first. Computed by PostgreSQL, never written by the code.
    action_rank = models.GeneratedField(
        expression=Case(
            *[
                When(status=status, then=Value(index))
                for index, status in enumerate(WAITING_SINCE_FIELD)
            ],
            default=Value(len(WAITING_SINCE_FIELD)),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )
    urgency_rank = models.GeneratedField(
        expression=Case(When(urgency=Urgency.URGENT, then=Value(0)), default=Value(1)),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )
    waits_since = models.GeneratedField(
        expression=Case(
            *[When(status=status, then=F(field)) for status, field in WAITING_SINCE_FIELD.items()],
            default=Value(None),
        ),
        output_field=models.DateTimeField(null=True),
        db_persist=True,
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["receiving_organisation", "status", "-sent_at"]),
            models.Index(fields=["referring_organisation", "status", "-sent_at"]),
            # The received and the sent box in the inbox's order: the first page is read
            # off the index instead of sorting every referral the organisation ever had.
            *[
                models.Index(
                    F(organisation),
                    "action_rank",
                    "urgency_rank",
                    F("waits_since").asc(nulls_last=True),
                    F("closed_at").desc(nulls_last=True),
                    F("sent_at").desc(),
                    name=f"referral_inbox_{box}_order",
                )
                for box, organisation in (
                    ("received", "receiving_organisation"),
                    ("sent", "referring_organisation"),
                )
            ],
        ]

    def __str__(self) -> str:
        return self.public_id

    def get_absolute_url(self) -> str:
        return reverse("doorverwijzing:detail", kwargs={"public_id": self.public_id})


class Consent(models.Model):
    """The family's consent: recorded before a referral can be sent."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="consent")
    given_by = models.CharField(
        _("who gave consent"), max_length=100, help_text=_("E.g. 'the mother' or 'both parents'.")
    )
    given_at = models.DateTimeField(_("when"))
    method = models.CharField(_("how"), max_length=15, choices=ConsentMethod.choices)
    share_contact_details = models.BooleanField(
        _("may share contact details with the receiving organisation"), default=True
    )
    share_question = models.BooleanField(
        _("may share the question and what was already done"), default=True
    )
    scope_note = models.CharField(_("anything else agreed"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"consent {self.referral_id}"


class TimelineEntry(models.Model):
    """A step on the referral's timeline, seen by both sides. Never personal data."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="timeline")
    # The moment of the step, given by the service that took it (its injected clock).
    at = models.DateTimeField(default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.kind}"


class AccessLogEntry(models.Model):
    """Who read or changed a referral or a family's own question (exactly one of the two).
    Append-only: the database refuses UPDATE, DELETE and TRUNCATE, and chains every row to
    the one before it (doorverwijzing/access_log.py). Never personal data: the rows stay
    when the personal data of the referral or question is erased."""

    referral = models.ForeignKey(
        Referral,
        on_delete=models.DO_NOTHING,
        related_name="access_log",
        db_constraint=True,
        null=True,
    )
    intake = models.ForeignKey(
        "IntakeRequest",
        on_delete=models.DO_NOTHING,
        related_name="access_log",
        db_constraint=True,
        null=True,
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, null=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    detail = models.CharField(max_length=100, blank=True)
    # Set by the database's insert trigger, whatever the INSERT says: the row's place in
    # the chain and sha256(previous row's chain_hash + this row's fields).
    chain_index = models.BigIntegerField(null=True, editable=False)
    chain_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["chain_index"], name="access_log_one_row_per_link"),
            models.CheckConstraint(
                condition=(
                    models.Q(referral__isnull=False, intake__isnull=True)
                    | models.Q(referral__isnull=True, intake__isnull=False)
                ),
                name="access_log_of_one_referral_or_question",
            ),
        ]

    def __str__(self) -> str:
        about = f"intake {self.intake_id}" if self.intake_id else self.referral_id
        return f"{about} {self.action} by {self.actor_id}"


class Reminder(models.Model):
    """One reminder, once: the unique constraint makes the periodic scan idempotent."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    due_date = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "kind", "due_date"], name="one_reminder_per_kind_and_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.kind} {self.due_date}"


class IntakeRequest(models.Model):
    """'Stel je vraag / bel me terug' from a family on the public site."""

    # PROTECT: deleting a network would take its questions' access log with it (append-only).
    network = models.ForeignKey(
        "partners.Network", on_delete=models.PROTECT, related_name="intake_requests"
    )
    status = models.CharField(
        max_length=12, choices=IntakeStatus.choices, default=IntakeStatus.NEW, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    language = models.CharField(_("language"), max_length=10, default="nl")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    referral = models.ForeignKey(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    # The offer page the family came from ("Stel je vraag" under "How to take part").
    offer = models.ForeignKey(
        "aanbod.Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about the offer"),
    )
    # The door the family came through: the inbox shows it (no wrong door, one contact point).
    source = models.CharField(
        _("came from"),
        max_length=20,
        choices=IntakeSource.choices,
        default=IntakeSource.QUESTION_FORM,
    )
    # PERSONAL
    name = models.CharField(_("your (first) name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    question = models.TextField(_("your question"))
    best_time = models.CharField(_("best time to call you"), max_length=100, blank=True)

    PERSONAL_FIELDS = ("name", "phone", "email", "question", "best_time")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"intake {self.pk}"


class NetworkMailClaim(models.Model):
    """One mail about a network per kind and time slot, claimed by inserting this row.

    Coalesces what a flood would multiply: the contact point hears of new questions at
    most once per INTAKE_MAIL_INTERVAL_MINUTES, a coordinator of a reached daily cap
    once a day. The unique constraint makes the claim safe between workers.
    """

    class Kind(models.TextChoices):
        NEW_QUESTIONS = "new_questions"
        INTAKE_CAP = "intake_cap"
        SIGNAL_CAP = "signal_cap"

    network = models.ForeignKey("partners.Network", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    slot = models.DateTimeField()
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "kind", "slot"], name="one_network_mail_per_kind_and_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.kind} {self.slot:%Y-%m-%d %H:%M}"


class Forwarding(models.Model):
    """A receiver that is not the right place passes the referral on (no wrong door).

    The referral stays one: same reference, same timeline, same referrer; only the
    receiving organisation changes, and with it who may read it (need-to-know). The
    family's consent covers the new receiver: recorded by the forwarder with the family,
    or asked of the referrer first (WAITING_FOR_CONSENT). Never personal data here.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="forwardings")
    from_organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("forward to"),
    )
    basis = models.CharField(_("consent"), max_length=15, choices=ForwardingBasis.choices)
    status = models.CharField(max_length=10, choices=ForwardingStatus.choices)
    reason = models.CharField(
        _("why there"),
        max_length=200,
        help_text=_("E.g. 'debt counselling is their work'. No personal data."),
    )
    across_networks = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(status="waiting"),
                name="one_open_forwarding_per_referral",
            )
        ]

    def __str__(self) -> str:
        return f"{self.referral_id} → {self.to_organisation_id} ({self.status})"


class ReferralMailEvent(models.Model):
    """A step somebody is to hear about, waiting for its mail.

    Steps for one person within REFERRAL_MAIL_COALESCE_MINUTES go out as one mail, or
    once a day for who chose the digest (doorverwijzing/mails.py). Sending claims the
    rows (mailed_at), so a mail goes out once even when two workers try.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20)
    created_at = models.DateTimeField(db_index=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="referral_mail_unsent",
                condition=models.Q(mailed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.kind} to {self.recipient_id}"


class ReferralMailPreference(models.Model):
    """How often a social worker hears about referrals: each event or a daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_mail_preference"
    )
    frequency = models.CharField(
        _("mails about referrals"),
        max_length=15,
        choices=MailFrequency.choices,
        default=MailFrequency.EACH_EVENT,
    )

    def __str__(self) -> str:
        return f"{self.user_id} {self.frequency}"
