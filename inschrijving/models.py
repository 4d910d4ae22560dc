"""Registration for activities without an account, and subscriptions that grow with the child.

A partner opens a RegistrationList for one dated activity (an Occurrence: a session) or for
all dates of an offer (a series). Families register with the minimum we need: a name or
nickname, a phone number or an e-mail address, how many children and their age band. The
secret link is derived from the reference with a keyed hash: it is never stored. After
REGISTRATION_RETENTION_DAYS the personal fields are emptied; status and counts stay for
the reach figures.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ACTIVE, MessageKind, RegistrationStatus

# Age band -> the Registration field holding its number of children (same keys as
# aanbod.models.PARTICIPATION_AGE_FIELDS, so attendance maps onto participation counts).
CHILDREN_FIELDS: dict[str, str] = {
    "0-3": "children_0_3",
    "3-6": "children_3_6",
    "6-12": "children_6_12",
    "12-18": "children_12_18",
    "18+": "children_18_plus",
}


class RegistrationList(models.Model):
    """Registration turned on for one session (occurrence set) or a whole series (none)."""

    offer = models.ForeignKey(
        "aanbod.Offer",
        on_delete=models.CASCADE,
        related_name="registration_lists",
        verbose_name=_("offer"),
    )
    occurrence = models.ForeignKey(
        "aanbod.Occurrence",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registration_lists",
        verbose_name=_("date"),
        help_text=_("Empty: one registration for all dates of the offer (a series)."),
    )
    capacity = models.PositiveSmallIntegerField(_("places (families)"))
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("For example the day before at 12:00. Empty: until the activity starts."),
    )
    asks_note = models.BooleanField(_("ask for a note (for example allergies)"), default=False)
    is_open = models.BooleanField(_("open for registration"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("registration list")
        verbose_name_plural = _("registration lists")
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence"],
                condition=Q(occurrence__isnull=False),
                name="one_registration_list_per_session",
            ),
            models.UniqueConstraint(
                fields=["offer"],
                condition=Q(occurrence__isnull=True),
                name="one_registration_list_per_series",
            ),
        ]

    def __str__(self) -> str:
        if self.occurrence_id:
            return f"{self.offer} {self.occurrence}"
        return f"{self.offer} ({_('all dates')})"

    @property
    def is_series(self) -> bool:
        return self.occurrence_id is None


class Registration(models.Model):
    registration_list = models.ForeignKey(
        RegistrationList, on_delete=models.CASCADE, related_name="registrations"
    )
    # Shown on screen and to the partner ("code K7P4QX"); not a secret.
    reference = models.CharField(max_length=8, unique=True)
    # The secret link is the reference plus a keyed hash of it and this version
    # (services.registration_link_token): nothing secret is stored, and a new version
    # makes older links stop working.
    link_version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    name = models.CharField(_("name or nickname"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The e-mail address or phone number as compared: "one contact, one registration".
    contact_key = models.CharField(max_length=254, blank=True)
    language = models.CharField(max_length=5, default="nl")
    children = models.PositiveSmallIntegerField(_("children"), default=1)
    children_0_3 = models.PositiveSmallIntegerField(default=0)
    children_3_6 = models.PositiveSmallIntegerField(default=0)
    children_6_12 = models.PositiveSmallIntegerField(default=0)
    children_12_18 = models.PositiveSmallIntegerField(default=0)
    children_18_plus = models.PositiveSmallIntegerField(default=0)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Set when a partner registered the family at the desk or by phone.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["registration_list", "status"], name="registration_list_status"),
            models.Index(
                fields=["offer_expires_at"],
                condition=Q(status=RegistrationStatus.OFFERED),
                name="registration_offer_expiry",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_list", "contact_key"],
                condition=Q(status__in=ACTIVE) & ~Q(contact_key=""),
                name="one_active_registration_per_contact",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def children_by_band(self) -> dict[str, int]:
        return {band: getattr(self, field) for band, field in CHILDREN_FIELDS.items()}


class Attendance(models.Model):
    """Who came to one date: checked off by the partner; becomes the participation counts."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    occurrence = models.ForeignKey("aanbod.Occurrence", on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "occurrence"], name="one_attendance_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.occurrence_id} {self.present}"


class RegistrationMessage(models.Model):
    """One mail to a family, once: the unique constraint keeps scans and retries single."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(max_length=24, choices=MessageKind.choices)
    # What makes it one: the date reminded of, the moment a seat was offered.
    key = models.CharField(max_length=40, default="", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "key"], name="one_registration_message"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.kind} {self.key}"


# --- Offers that grow with the child (subscriptions) -------------------------------------


class Subscription(models.Model):
    """ "Keep me posted": a monthly mail about offers for the child's age now.

    Only an address, a language and a municipality; the children's birth months are their
    own rows. Unsubscribing deletes the row: the address is gone at once.
    """

    public_id = models.UUIDField(unique=True)
    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=5, default="nl")
    municipality = models.ForeignKey(
        "partners.Municipality",
        on_delete=models.PROTECT,
        related_name="subscriptions",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The first day of the last month mailed: a rerun of the monthly run skips the row.
    last_mailed_month = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        indexes = [
            models.Index(
                fields=["last_mailed_month", "id"],
                condition=Q(confirmed_at__isnull=False),
                name="subscription_due",
            )
        ]

    def __str__(self) -> str:
        return str(self.public_id)


class SubscriptionChild(models.Model):
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="children"
    )
    # The first day of the birth month; a month to come is an expected child.
    birth_month = models.DateField(_("birth month (or expected month)"))

    class Meta:
        ordering = ["birth_month"]

    def __str__(self) -> str:
        return f"{self.birth_month:%Y-%m}"


class Transition(models.Model):
    """A moment ahead in a child's life, kept by the coordinators ("2½: kleuterschool
    enrolment opens"), told in the monthly mail in the months before it."""

    network = models.ForeignKey(
        "partners.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="transitions",
        verbose_name=_("network"),
        help_text=_("Empty: for every network."),
    )
    at_month = models.SmallIntegerField(
        _("age in months"),
        help_text=_("For example 30 for 2½ years; -3 for 3 months before birth."),
    )
    title = models.CharField(_("title"), max_length=150)
    text = models.CharField(_("short explanation"), max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["at_month", "title"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return self.title
