"""The offer catalogue, close to Open Referral HSDS 3.0: service (Offer), location, schedule.

Ages are stored as a range of months (`age_months`), so "my child is 4" and "we are expecting"
are plain containment/overlap queries on one GiST-indexed column: month 0 is birth, negative
months are the pregnancy (-9..0), and an unbounded range means "every age". The wish for a
child (kinderwens) comes before any month and is a separate flag.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField, IntegerRangeField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from partners.choices import Pillar
from partners.models import WeeklySlot

from .choices import (
    AccessType,
    Audience,
    Availability,
    Cost,
    Language,
    LifeDomain,
    OfferStatus,
    TargetGroup,
    WeekOfMonth,
)
from .ways_to_act import (
    REGISTRATION_WITHOUT_WAY,
    registration_without_way,
    without_way_to_register,
)


def every_age() -> NumericRange:
    return NumericRange(None, None)


# Every six months a partner confirms that a published offer is still right; an offer not
# confirmed for this long is "stale" on the coordinator's start page.
CONFIRM_EVERY_DAYS = 182


class OfferQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=OfferStatus.PUBLISHED)

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def not_confirmed_since(self, day: dt.date):
        """Published offers last confirmed (or, never confirmed, published) before `day`."""
        return self.published().filter(
            Q(last_verified__lt=day)
            | Q(last_verified=None, published_at__date__lt=day)
            | Q(last_verified=None, published_at=None)
        )


def _in_every_language(*fields: str) -> list[str]:
    """The fields with their translated columns (modeltranslation)."""
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    return [*fields, *(f"{field}_{code}" for field in fields for code in AVAILABLE_LANGUAGES)]


def offer_long_fields(prefix: str = "") -> list[str]:
    """Columns a list of offers never shows: the search index and the long texts in every
    language. Deferred wherever offers are listed (prefix "offer__" through a relation)."""
    names = ["search_document", "search_text"]
    names += _in_every_language("description", "how_to_join", "referral_note")
    return [prefix + name for name in names]


def offer_link_fields(prefix: str = "") -> list[str]:
    """What a link to an offer shows (its title in every language, summary, slug): an
    agenda of hundreds of lines loads only these (prefix "offer__" through a relation)."""
    names = ["id", "slug", "status", *_in_every_language("title", "summary")]
    return [prefix + name for name in names]


def offer_title_in_language(prefix: str = "") -> Coalesce:
    """An offer's title in the active language, else in Dutch, as `Offer.title` reads it
    (modeltranslation's fallback), computed in SQL for a `values()` row without an Offer
    (prefix "offer__" through a relation)."""
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    language = (get_language() or "nl").split("-")[0]
    codes = [code for code in dict.fromkeys([language, "nl"]) if code in AVAILABLE_LANGUAGES]
    return Coalesce(
        *(NullIf(F(f"{prefix}title_{code}"), Value("")) for code in codes),
        F(f"{prefix}title"),
        output_field=models.CharField(),
    )


class Offer(models.Model):
    """A service or activity of a partner (HSDS: service)."""

    # The stable identity in open data (HSDS `id`): never changes, unlike the slug.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Set when the offer came from UiTdatabank: the event's `@id` UUID, the upsert key.
    uitdatabank_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("partner"),
    )
    networks = models.ManyToManyField(
        "partners.Network", related_name="offers", verbose_name=_("networks")
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("short name in web addresses"), unique=True, max_length=160)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One short sentence in plain language.")
    )
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(
        _("search words"),
        max_length=300,
        blank=True,
        help_text=_("Words parents may search for, separated by commas."),
    )
    pillars = ArrayField(
        models.CharField(max_length=20, choices=Pillar.choices), default=list, blank=True
    )
    life_domains = ArrayField(
        models.CharField(max_length=20, choices=LifeDomain.choices), default=list, blank=True
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.FAMILIES
    )
    target_groups = ArrayField(
        models.CharField(max_length=20, choices=TargetGroup.choices), default=list, blank=True
    )
    age_months = IntegerRangeField(
        _("ages in months"),
        default=every_age,
        blank=True,
        help_text=_("From birth is 0, pregnancy is -9 to 0; leave empty for every age."),
    )
    for_wish_for_child = models.BooleanField(_("also for a wish for a child"), default=False)
    access_type = models.CharField(_("how to take part"), max_length=20, choices=AccessType.choices)
    how_to_join = models.TextField(_("how to take part, in words"), blank=True)
    referral_note = models.TextField(
        _("who can refer a family"),
        blank=True,
        help_text=_("For offers only through a referral: which services can refer families."),
    )
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    price_text = models.CharField(_("price"), max_length=150, blank=True)
    kansentarief = models.BooleanField(_("reduced rate (kansentarief / UiTPAS)"), default=False)
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        default=list,
        blank=True,
        verbose_name=_("languages spoken"),
    )
    locations = models.ManyToManyField(
        "partners.Location", related_name="offers", blank=True, verbose_name=_("locations")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("web link"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    availability = models.CharField(
        _("places"), max_length=20, choices=Availability.choices, default=Availability.PLACES
    )
    accessibility_notes = models.TextField(_("accessibility"), blank=True)
    image = models.ImageField(_("image"), upload_to="offers/", blank=True)
    image_alt = models.CharField(_("text describing the image"), max_length=200, blank=True)
    funding_source = models.CharField(_("funded by"), max_length=150, blank=True)
    funding_ends = models.DateField(_("funding ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    review_remark = models.TextField(_("remark of the coordinator"), blank=True)
    last_verified = models.DateField(_("last confirmed as still right"), null=True, blank=True)
    # Set when the six-monthly "is this still right?" mail went out; cleared on confirming.
    confirmation_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Derived for search; written only by aanbod.search.index.offer_reindex (see there).
    search_document = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(default="", editable=False)
    indexed_weekdays = ArrayField(models.SmallIntegerField(), default=list, editable=False)
    indexed_evening = models.BooleanField(default=False, editable=False)
    indexed_municipality_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    indexed_deelgemeente_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    # The next dates (aanbod.schedules) as of `indexed_dates_from`, so ranking and result
    # cards read them instead of expanding weekly times per search (aanbod.search.dates).
    indexed_dates_from = models.DateTimeField(null=True, editable=False)
    indexed_next_starts = ArrayField(models.DateTimeField(), default=list, editable=False)
    indexed_next_ends = ArrayField(models.DateTimeField(), default=list, editable=False)
    # False when more dates follow the stored ones (the list was cut at its length).
    indexed_dates_complete = models.BooleanField(default=True, editable=False)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [
            models.Index(fields=["status", "organisation"], name="offer_status_org"),
            # The open-data API pages through published offers by id: an index-only scan
            # finds a deep page's ids without reading the wide rows it skips.
            models.Index(fields=["id"], condition=Q(status="published"), name="offer_published_id"),
            models.Index(fields=["access_type"], name="offer_access_type"),
            models.Index(fields=["cost", "kansentarief"], name="offer_cost"),
            models.Index(fields=["funding_ends"], name="offer_funding_ends"),
            models.Index(fields=["last_verified"], name="offer_last_verified"),
            # The coordinator's start page (aanbod.selectors.coordinator_offer_attention):
            # its first twenty read off an index in the list's order, at any catalogue size.
            models.Index(
                F("last_verified").asc(nulls_first=True),
                name="offer_published_by_verified",
                condition=Q(status=OfferStatus.PUBLISHED),
            ),
            models.Index(
                "updated_at",
                name="offer_in_review_by_updated",
                condition=Q(status=OfferStatus.IN_REVIEW),
            ),
            models.Index(
                "title_nl",
                "id",
                name="offer_no_own_way_by_title",
                condition=Q(status=OfferStatus.PUBLISHED) & without_way_to_register(),
            ),
            GinIndex(fields=["pillars"], name="offer_pillars"),
            GinIndex(fields=["life_domains"], name="offer_life_domains"),
            GinIndex(fields=["target_groups"], name="offer_target_groups"),
            GinIndex(fields=["languages"], name="offer_languages"),
            GinIndex(fields=["indexed_weekdays"], name="offer_weekdays"),
            GinIndex(fields=["indexed_municipality_ids"], name="offer_municipalities"),
            GinIndex(fields=["indexed_deelgemeente_ids"], name="offer_deelgemeenten"),
            GistIndex(fields=["age_months"], name="offer_age_months"),
            GinIndex(fields=["search_document"], name="offer_search_document"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="offer_search_trgm"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("aanbod:offer_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.access_type == AccessType.REFERRAL_ONLY and not self.referral_note:
            raise ValidationError(
                {"referral_note": _("Say which services can refer a family to this offer.")}
            )
        if self.status in (OfferStatus.IN_REVIEW, OfferStatus.PUBLISHED) and (
            registration_without_way(self)
        ):
            raise ValidationError({"how_to_join": REGISTRATION_WITHOUT_WAY})
        if self.image and not self.image_alt:
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )

    @property
    def default_networks(self):
        """The networks an offer joins when nobody chose: all of its organisation's. The
        service, the admin and the permission rules for an unsaved offer ask this."""
        return self.organisation.networks.all()

    @property
    def is_published(self) -> bool:
        return self.status == OfferStatus.PUBLISHED

    def needs_confirmation(self, today: dt.date) -> bool:
        """Published and not confirmed for CONFIRM_EVERY_DAYS (same rule as not_confirmed_since)."""
        if self.status != OfferStatus.PUBLISHED:
            return False
        if self.confirmation_requested_at is not None:
            return True
        last = self.last_verified or (self.published_at.date() if self.published_at else None)
        return last is None or last < today - dt.timedelta(days=CONFIRM_EVERY_DAYS)


class RecurringSchedule(WeeklySlot):
    """A weekly slot (HSDS: schedule), e.g. every Tuesday 9:00–11:00 during the school year."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="recurring_schedules")
    week_of_month = models.SmallIntegerField(
        _("only in week"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("E.g. 'first' for every first Saturday of the month."),
    )
    school_weeks_only = models.BooleanField(_("not during school holidays"), default=False)
    valid_from = models.DateField(_("first day"), null=True, blank=True)
    valid_until = models.DateField(_("last day"), null=True, blank=True)
    location = models.ForeignKey(
        "partners.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location"),
    )

    class Meta(WeeklySlot.Meta):
        verbose_name = _("weekly time")
        verbose_name_plural = _("weekly times")


class ScheduleException(models.Model):
    """One date on which a weekly slot does not take place (or at other hours)."""

    schedule = models.ForeignKey(
        RecurringSchedule, on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField(_("date"))
    cancelled = models.BooleanField(_("cancelled"), default=True)
    starts = models.TimeField(_("other start"), null=True, blank=True)
    ends = models.TimeField(_("other end"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=150, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "date"], name="unique_schedule_exception")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}"


class Occurrence(models.Model):
    """A dated activity: an event, or one date of a series."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="occurrences")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.ForeignKey(
        "partners.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location"),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    note = models.CharField(_("note"), max_length=150, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        indexes = [
            models.Index(fields=["starts_at"], name="occurrence_starts_at"),
            models.Index(fields=["offer", "starts_at"], name="occurrence_offer_starts_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="occurrence_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%d/%m/%Y %H:%M}"


class Synonym(models.Model):
    """Words that mean the same to parents ("pampers" and "luiers"); used both ways in search."""

    term = models.CharField(_("word"), max_length=60)
    expands_to = models.CharField(
        _("also search for"), max_length=120, help_text=_("One word or a few words.")
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        constraints = [
            models.UniqueConstraint(fields=["term", "expands_to"], name="unique_synonym")
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.expands_to}"

    def clean(self) -> None:
        # Stored the way queries are compared (lower case, no accents), so lookups are exact.
        from .search.text import normalise

        self.term = normalise(self.term).strip()
        self.expands_to = normalise(self.expands_to).strip()
        if not self.term or not self.expands_to:
            raise ValidationError(_("Fill in both words."))
        if self.term == self.expands_to:
            raise ValidationError(_("The two words are the same."))


class NeedWord(models.Model):
    """A parent's word for a need, in any language, and what it means in the catalogue.

    "تدليك الرضع" (baby massage) meets a Dutch catalogue this way: the word or short phrase
    adds the catalogue's Dutch words, or a whole life domain, to the search, as a Dutch
    synonym does. Reference data for every network, kept by the coordinators.
    """

    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    word = models.CharField(
        _("word or phrase"),
        max_length=60,
        help_text=_("What a parent types. End a word with * to accept any ending: money*."),
    )
    catalogue_terms = models.CharField(
        _("catalogue words"),
        max_length=200,
        blank=True,
        help_text=_("Dutch words of the catalogue, separated by commas: schulden, budget."),
    )
    life_domain = models.CharField(
        _("life domain"), max_length=30, choices=LifeDomain.choices, blank=True
    )

    class Meta:
        ordering = ["language", "word"]
        verbose_name = _("word of a need")
        verbose_name_plural = _("words of needs (every language)")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="unique_need_word")
        ]

    def __str__(self) -> str:
        return f"{self.word} ({self.language})"

    def clean(self) -> None:
        # Stored the way queries are compared (aanbod.search.text.search_key), so lookups are exact.
        from .search.text import search_key

        self.word = " ".join(
            search_key(part) + ("*" if part.endswith("*") else "")
            for part in self.word.split()
            if search_key(part)
        )
        self.catalogue_terms = ", ".join(
            key for key in (search_key(t) for t in self.catalogue_terms.split(",")) if key
        )
        if not self.word:
            raise ValidationError(_("Fill in the word."))
        if not self.catalogue_terms and not self.life_domain:
            raise ValidationError(_("Fill in catalogue words or a life domain."))


class SearchWord(models.Model):
    """The vocabulary of the catalogue, for "did you mean …?" suggestions."""

    word = models.CharField(max_length=60, unique=True)
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="searchword_trgm")]

    def __str__(self) -> str:
        return self.word


# Age groups of the participation counts -> field; the action plan reports per group.
PARTICIPATION_AGE_FIELDS: dict[str, str] = {
    "0-3": "children_0_3",
    "3-6": "children_3_6",
    "6-12": "children_6_12",
    "12-18": "children_12_18",
    "18+": "children_18_plus",
}


class Participation(models.Model):
    """How many families and children took part in one activity: anonymous counts only.

    The only way a network sees its reach; the action plan sums them per year and age group
    (selectors.participation_totals). Counts per age group are optional and may cover only
    part of the children.
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="participations")
    date = models.DateField(_("date of the activity"))
    occurrence = models.ForeignKey(
        Occurrence,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("dated activity"),
    )
    families = models.PositiveSmallIntegerField(_("families"))
    children = models.PositiveSmallIntegerField(_("children"))
    children_0_3 = models.PositiveSmallIntegerField(
        _("children 0 to 3 years"), null=True, blank=True
    )
    children_3_6 = models.PositiveSmallIntegerField(
        _("children 3 to 6 years"), null=True, blank=True
    )
    children_6_12 = models.PositiveSmallIntegerField(
        _("children 6 to 12 years"), null=True, blank=True
    )
    children_12_18 = models.PositiveSmallIntegerField(
        _("children 12 to 18 years"), null=True, blank=True
    )
    children_18_plus = models.PositiveSmallIntegerField(
        _("young people 18 and older"), null=True, blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered on"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-entered_at"]
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
        indexes = [models.Index(fields=["offer", "date"], name="participation_offer_date")]

    def __str__(self) -> str:
        return f"{self.offer} {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        by_age = sum(getattr(self, field) or 0 for field in PARTICIPATION_AGE_FIELDS.values())
        if self.children is not None and by_age > self.children:
            raise ValidationError(
                {"children": _("The children per age group add up to more than this number.")}
            )
