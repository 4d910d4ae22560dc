import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import (
    NETWORK_ROLES,
    ORGANISATION_ROLES,
    AgreementKind,
    AgreementStatus,
    GroupKind,
    Pillar,
    Role,
    Weekday,
)
from .documents import agreement_document_path, agreement_document_storage


class Municipality(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Deelgemeente(models.Model):
    """A former municipality, now part of a merged one: how residents name where they live."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="deelgemeenten"
    )
    name = models.CharField(_("name"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=4, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sub-municipality")
        verbose_name_plural = _("sub-municipalities")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_deelgemeente")
        ]

    def __str__(self) -> str:
        return f"{self.postcode} {self.name}"


class Network(models.Model):
    """A Huis van het Kind: a local network of organisations for family support."""

    # The stable identity in open data (HSDS `id`): never changes, unlike the slug.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in web addresses"), unique=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="networks", verbose_name=_("municipalities")
    )
    organiser = models.ForeignKey(
        "Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_networks",
        verbose_name=_("organiser"),
        help_text=_("Usually the local government."),
    )
    intro = models.TextField(_("short text"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    opening_hours = models.TextField(
        _("opening hours of the contact point"),
        blank=True,
        help_text=_("In plain words, e.g. 'Monday to Friday 9:00-12:00'."),
    )
    logo = models.ImageField(_("logo"), upload_to="networks/", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network_home", kwargs={"network_slug": self.slug})

    @property
    def is_intermunicipal(self) -> bool:
        return self.municipalities.count() > 1


class OrganisationType(models.Model):
    """Kind & Gezin, kinderopvang, CLB, CAW, OCMW/Sociaal Huis, … — editable by staff."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    is_social_house = models.BooleanField(
        _("is a Sociaal Huis / OCMW"),
        default=False,
        help_text=_("Main guide of families to the right help (toeleider)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A partner organisation of one or more networks."""

    # The stable identity in open data (HSDS `id`): never changes, unlike the slug.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), unique=True, max_length=120)
    type = models.ForeignKey(
        OrganisationType,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("type"),
    )
    pillars = ArrayField(
        models.CharField(max_length=20, choices=Pillar.choices),
        default=list,
        blank=True,
        verbose_name=_("pillars"),
    )
    networks = models.ManyToManyField(
        Network, related_name="organisations", verbose_name=_("networks")
    )
    description = models.TextField(_("what we do"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail of the contact person"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name

    def get_pillars_display(self) -> list[str]:
        return [Pillar(value).label for value in self.pillars]


class Membership(models.Model):
    """A user's role in a network (coordinator, viewer) or organisation (editor, worker, viewer)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("network"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the organisation's social workers were told of this role (referral-reading roles only).
    colleagues_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(network__isnull=False, organisation__isnull=True)
                    | models.Q(network__isnull=True, organisation__isnull=False)
                ),
                name="membership_in_network_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "network"],
                name="unique_network_role",
                condition=models.Q(network__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                name="unique_organisation_role",
                condition=models.Q(organisation__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.network or self.organisation}"

    def clean(self) -> None:
        if self.network_id and self.role not in NETWORK_ROLES:
            raise ValidationError({"role": _("This role belongs to an organisation.")})
        if self.organisation_id and self.role not in ORGANISATION_ROLES:
            raise ValidationError({"role": _("This role belongs to a network.")})
        if bool(self.network_id) == bool(self.organisation_id):
            raise ValidationError(_("Choose a network or an organisation, not both."))


class Location(models.Model):
    """A place where families can go: the Huis van het Kind itself or a partner's site."""

    # The stable identity in open data (HSDS `id`): never changes, unlike the slug.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Set when the place came from UiTdatabank: the place's `@id` UUID.
    uitdatabank_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("run by"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="locations", verbose_name=_("network")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), unique=True, max_length=120)
    street = models.CharField(_("street and number"), max_length=150)
    postcode = models.CharField(_("postcode"), max_length=4)
    city = models.CharField(_("city"), max_length=100)
    deelgemeente = models.ForeignKey(
        Deelgemeente,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("sub-municipality"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    parking = models.BooleanField(_("parking nearby"), default=False)
    public_transport = models.BooleanField(_("near public transport"), default=False)
    changing_table = models.BooleanField(_("changing table"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    closed_in_school_holidays = models.BooleanField(
        _("closed during school holidays"), default=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [models.Index(fields=["network", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    def get_absolute_url(self) -> str:
        return reverse("partners:location_detail", kwargs={"slug": self.slug})

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class WeeklySlot(models.Model):
    """A time on one weekday that comes back every week: an offer's weekly time
    (aanbod.RecurringSchedule), a location's opening hours, a partner's zitdag.

    It ends after it starts on the same day: clean() says so in the form, the database
    refuses it (each table's `<app>_<model>_ends_after_starts` check).
    """

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        abstract = True
        ordering = ["weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")),
                name="%(app_label)s_%(class)s_ends_after_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.starts is not None and self.ends is not None and self.ends <= self.starts:
            raise ValidationError({"ends": _("The end time must be after the start time.")})


class OpeningPeriod(WeeklySlot):
    """Opening hours on one weekday; several per day for a lunch break."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="opening_periods")
    starts = models.TimeField(_("opens"))
    ends = models.TimeField(_("closes"))

    class Meta(WeeklySlot.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")


class ClosedDay(models.Model):
    """A day a location is closed on top of Belgian public holidays (e.g. a bridge day)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=150, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="unique_closed_day")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.reason}"


class SchoolHoliday(models.Model):
    """A school holiday period (Flemish school calendar), editable by staff."""

    name = models.CharField(_("name"), max_length=100)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("school holiday")
        verbose_name_plural = _("school holidays")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="school_holiday_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start:%d/%m} – {self.end:%d/%m/%Y})"


class Zitdag(WeeklySlot):
    """Office hours a partner holds at a location (e.g. Groeipakket every 2nd Tuesday)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="zitdagen")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="zitdagen", verbose_name=_("partner")
    )
    note = models.CharField(
        _("note"),
        max_length=150,
        blank=True,
        help_text=_("E.g. 'every second Tuesday' or 'by appointment'."),
    )

    class Meta(WeeklySlot.Meta):
        verbose_name = _("office day (zitdag)")
        verbose_name_plural = _("office days (zitdagen)")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_weekday_display()} {self.starts:%H:%M}"


class Agreement(models.Model):
    """A convenant or samenwerkingsovereenkomst between the network and partners."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("network")
    )
    partners = models.ManyToManyField(
        Organisation, related_name="agreements", verbose_name=_("partners")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgreementKind.choices, default=AgreementKind.COOPERATION
    )
    subject = models.CharField(_("subject"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), db_index=True)
    document = models.FileField(
        _("document"),
        upload_to=agreement_document_path,
        storage=agreement_document_storage,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE
    )
    reminded_60_days_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_14_days_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["end"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="agreement_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class Group(models.Model):
    """The stuurgroep or a werkgroep of a network."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="groups", verbose_name=_("network")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=GroupKind.choices)
    name = models.CharField(_("name"), max_length=150)
    purpose = models.TextField(_("what this group does"), blank=True)
    member_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hvhk_groups",
        verbose_name=_("members (people)"),
    )
    member_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="hvhk_groups",
        verbose_name=_("members (organisations)"),
        help_text=_("Everyone with a role in these organisations can read the group."),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:group_detail", kwargs={"pk": self.pk})


class Meeting(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("group")
    )
    date = models.DateField(_("date"), db_index=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(
        _("decisions"),
        blank=True,
        help_text=_("One decision per line, so partners find them without another meeting."),
    )
    agenda_sent_at = models.DateTimeField(_("agenda sent"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.group} — {self.date:%d/%m/%Y}"

    def decision_list(self) -> list[str]:
        return [line.strip("-• ").strip() for line in self.decisions.splitlines() if line.strip()]


class DecisionQuerySet(models.QuerySet):
    def open_actions(self) -> "DecisionQuerySet":
        """Decisions that became an action with an owner and a due date, not done yet."""
        return self.filter(owner__isnull=False, due_date__isnull=False, done_at__isnull=True)


class Decision(models.Model):
    """One decision of a meeting; when someone must act on it, an owned action with a due date.

    The owner gets a reminder before the due date (partners.meetings, beat
    "decision-action-reminders"); `reminded_at` is the claim that sends it once.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decision_rows", verbose_name=_("meeting")
    )
    text = models.TextField(_("decision"))
    action = models.TextField(_("what must be done"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decision_actions",
        verbose_name=_("who does it"),
    )
    due_date = models.DateField(_("done by"), null=True, blank=True, db_index=True)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__date", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # An action has an owner and a due date, or it is no action (just a decision).
            models.CheckConstraint(
                condition=models.Q(owner__isnull=True, due_date__isnull=True)
                | models.Q(owner__isnull=False, due_date__isnull=False),
                name="decision_action_has_owner_and_due_date",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_action(self) -> bool:
        return self.owner_id is not None and self.due_date is not None
