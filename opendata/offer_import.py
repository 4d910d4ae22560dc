"""Offers imported from a file, all rows or none: the preview and the run.

Each source (opendata/uitdatabank.py, opendata/spreadsheet.py) turns its file into
`OfferRow`s and per-row messages. A file with any bad row is refused whole in the
preview. A confirmed import runs on the worker (`offer_import_run`) in ONE transaction,
in batches of BATCH rows whose query count does not depend on the batch's size; the
progress goes to the cache (outside the transaction), where the admin page reads it.

Who decides what is public: rows of the network's coordinator publish at once; rows of a
partner editor go to review (new offers, and changes to published ones).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from aanbod.choices import OfferStatus
from aanbod.models import Occurrence, Offer, RecurringSchedule
from huisvanhetkind import permissions
from huisvanhetkind.exceptions import StateConflict
from partners.models import Location

from .models import ImportStatus, OfferImport

BATCH = 500
REINDEX_BATCH = 1000
TRANSLATED = ("title", "summary", "description", "how_to_join")
# Plain Offer fields a row may set (anything else in `fields` is ignored).
OFFER_FIELDS = (
    "access_type",
    "cost",
    "price_text",
    "kansentarief",
    "phone",
    "email",
    "url",
    "languages",
    "life_domains",
    "availability",
    "keywords",
)


@dataclass
class OfferRow:
    """One offer as a source file describes it; only what the file holds is changed."""

    key: str  # the UiTdatabank UUID, or the offer's slug in a spreadsheet
    line: int
    archive: bool = False
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> lang -> text
    fields: dict = field(default_factory=dict)
    ages: list | None = None  # [lower, upper] in months, None = unbounded
    location: dict | None = None  # uid, name, street, postcode, city, latitude, longitude
    location_slug: str = ""
    # [start ISO, end ISO, note] and [weekday, "HH:MM", "HH:MM", from ISO|None, until ISO|None]
    dates: list[list] | None = None
    weekly: list[list] | None = None


@dataclass
class Preview:
    rows: list[OfferRow]
    errors: list[str]  # "row 3: …" — any error refuses the whole file
    notes: list[str]  # skipped documents and the like: information, not refusal
    unmapped_terms: list[tuple[str, str, str]] = field(default_factory=list)  # id, label, kind
    new: int = 0
    updated: int = 0
    archived: int = 0

    @property
    def acceptable(self) -> bool:
        return not self.errors and bool(self.rows)


def preview_counts(preview: Preview, *, source: str, organisation, actor=None) -> Preview:
    """How many rows would create, update or archive, and the rows that are not the
    importer's to change (two queries)."""
    existing = _existing(source, [row.key for row in preview.rows])
    editable = _editable_ids(actor, existing.values()) if actor is not None else None
    for row in preview.rows:
        offer = existing.get(row.key)
        if offer is not None and offer.organisation_id != organisation.pk:
            preview.errors.append(
                _("Row %(n)d: this offer belongs to another partner (%(key)s)")
                % {"n": row.line, "key": row.key}
            )
        elif offer is not None and editable is not None and offer.pk not in editable:
            preview.errors.append(
                _("Row %(n)d: you may not change this offer (%(key)s)")
                % {"n": row.line, "key": row.key}
            )
        elif offer is None and not row.archive and not row.texts.get("title", {}).get("nl"):
            preview.errors.append(_("Row %(n)d: a new offer needs a title") % {"n": row.line})
    preview.archived = sum(row.archive and row.key in existing for row in preview.rows)
    preview.updated = sum(not row.archive and row.key in existing for row in preview.rows)
    preview.new = sum(not row.archive and row.key not in existing for row in preview.rows)
    return preview


def _editable_ids(actor, offers) -> set[int]:
    """Of these offers, the ones the actor may edit: the same rule as the offer form."""
    ids = [offer.pk for offer in offers]
    if not ids:
        return set()
    queryset = Offer.objects.filter(pk__in=ids)
    return set(permissions.scope(actor, queryset, "offer.edit").values_list("pk", flat=True))


def _existing(source: str, keys: list[str]) -> dict[str, Offer]:
    if source == "uitdatabank":
        offers = Offer.objects.filter(uitdatabank_id__in=keys)
        return {str(offer.uitdatabank_id): offer for offer in offers}
    return {offer.slug: offer for offer in Offer.objects.filter(slug__in=keys)}


# --- Starting an import ------------------------------------------------------------------


@transaction.atomic
def offer_import_start(
    *, preview: Preview, kind: str, organisation, network, actor, file_name: str
) -> OfferImport:
    """Keep the checked rows and hand the run to the worker (after the commit)."""
    from huisvanhetkind.outbox import enqueue

    from .tasks import offer_import_run_task

    if not preview.acceptable:
        raise ValueError("A refused file cannot be imported.")
    run = OfferImport.objects.create(
        kind=kind,
        organisation=organisation,
        network=network,
        imported_by=actor,
        file_name=file_name[:200],
        # Shallow: the JSON field serialises the nested values; asdict() deep-copied
        # every row's texts and dates first (a third of the start for 5,000 rows).
        rows=[dict(vars(row)) for row in preview.rows],
        total=len(preview.rows),
    )
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[run],
        action_flag=ADDITION,
        change_message=_("Import started: %(n)d rows") % {"n": run.total},
        single_object=True,
    )
    enqueue(offer_import_run_task, run.pk)
    return run


def progress_key(run_id: int) -> str:
    return f"opendata:import-progress:{run_id}"


def progress(run: OfferImport) -> int:
    """Rows done so far (the run's transaction is not visible until it commits)."""
    if run.status == ImportStatus.DONE:
        return run.total
    return cache.get(progress_key(run.pk)) or 0


# --- Running it ----------------------------------------------------------------------------


def offer_import_run(*, run_id: int) -> OfferImport:
    """Apply every row in one transaction; on any error nothing changes and the run says why."""
    claimed = OfferImport.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    run = OfferImport.objects.select_related("organisation", "network", "imported_by").get(
        pk=run_id
    )
    if not claimed:
        return run  # another worker has it, or it is finished
    from huisvanhetkind.outbox import enqueue

    from .tasks import offers_reindex_task

    rows = [OfferRow(**row) for row in run.rows]
    try:
        with transaction.atomic():
            counts = {"created": 0, "updated": 0, "archived": 0}
            touched: list[int] = []
            for start in range(0, len(rows), BATCH):
                batch_counts, ids = _apply_batch(run, rows[start : start + BATCH])
                for key, value in batch_counts.items():
                    counts[key] += value
                touched += ids
                cache.set(progress_key(run.pk), start + len(rows[start : start + BATCH]), 3600)
            # The search documents after the commit, on the worker, in batches: the
            # import itself stays within its minute for 5,000 events.
            for start in range(0, len(touched), REINDEX_BATCH):
                enqueue(offers_reindex_task, touched[start : start + REINDEX_BATCH])
            OfferImport.objects.filter(pk=run.pk).update(
                status=ImportStatus.DONE, finished_at=timezone.now(), rows=[], **counts
            )
    except Exception as error:
        OfferImport.objects.filter(pk=run.pk).update(
            status=ImportStatus.FAILED, finished_at=timezone.now(), error=str(error)[:2000]
        )
    run.refresh_from_db()
    return run


def _status_for(run: OfferImport, offer: Offer | None, *, coordinator: bool) -> str | None:
    """The new status, or None to keep it (see the module's docstring)."""
    if coordinator:
        if offer is None or offer.status == OfferStatus.ARCHIVED:
            return OfferStatus.PUBLISHED
        return None
    if offer is None or offer.status in (OfferStatus.PUBLISHED, OfferStatus.ARCHIVED):
        return OfferStatus.IN_REVIEW
    return None


def _apply_batch(run: OfferImport, rows: list[OfferRow]) -> tuple[dict, list[int]]:
    now = timezone.now()
    source = run.kind
    coordinator = run.network_id in permissions.coordinated_network_ids(run.imported_by)
    existing = _existing(source, [row.key for row in rows])
    # Checked again here: offers may have changed hands between the preview and the run.
    editable = _editable_ids(run.imported_by, existing.values())
    refused = [
        key
        for key, offer in existing.items()
        if offer.organisation_id != run.organisation_id or offer.pk not in editable
    ]
    if refused:
        raise StateConflict(
            _("These offers are not yours to change: %(keys)s") % {"keys": ", ".join(refused)}
        )
    # A coordinator publishes at once only offers of the network they import into.
    in_network = set(
        Offer.networks.through.objects.filter(
            offer_id__in=[offer.pk for offer in existing.values()], network_id=run.network_id
        ).values_list("offer_id", flat=True)
    )
    locations = _locations_for(run, rows)
    blank = _blank_translations()
    created, changed, archived = [], [], []
    for row in rows:
        offer = existing.get(row.key)
        if row.archive:
            if offer is not None and offer.status != OfferStatus.ARCHIVED:
                offer.status = OfferStatus.ARCHIVED
                archived.append(offer)
            continue
        is_new = offer is None
        if is_new:
            offer = Offer(organisation=run.organisation, **blank)
            if source == "uitdatabank":
                offer.uitdatabank_id = uuid.UUID(row.key)
                offer.slug = _slug(row, row.key)
            else:
                offer.slug = row.key
        _fill(offer, row)
        status = _status_for(
            run,
            None if is_new else offer,
            coordinator=coordinator and (is_new or offer.pk in in_network),
        )
        if status:
            offer.status = status
            if status == OfferStatus.PUBLISHED:
                offer.published_at = offer.published_at or now
        offer.updated_at = now
        (created if is_new else changed).append(offer)
    Offer.objects.bulk_create(created)
    update_fields = _update_fields()
    Offer.objects.bulk_update(changed, update_fields, batch_size=BATCH)
    Offer.objects.bulk_update(archived, ["status", "updated_at"], batch_size=BATCH)
    saved = created + changed
    _set_relations(run, rows, saved, locations, source)
    _history(run, created, changed, archived)
    ids = [offer.pk for offer in saved + archived]
    return {"created": len(created), "updated": len(changed), "archived": len(archived)}, ids


def _slug(row: OfferRow, key: str) -> str:
    title = row.texts.get("title", {})
    base = slugify(title.get("nl") or next(iter(title.values()), "") or "activiteit")[:140]
    return f"{base}-{key[:8]}"


def _blank_translations() -> dict:
    """The defaults of an offer's translated columns, worked out once per batch and given
    to each new Offer: modeltranslation works each out per instance otherwise (30 per
    offer, the slowest part of making a new row)."""
    from modeltranslation.fields import TranslationField

    return {
        field.attname: field.get_default()
        for field in Offer._meta.concrete_fields
        if isinstance(field, TranslationField)
    }


def _update_fields() -> list[str]:
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    names = [*OFFER_FIELDS, "age_months", "status", "published_at", "updated_at"]
    names += TRANSLATED
    names += [f"{name}_{code}" for name in TRANSLATED for code in AVAILABLE_LANGUAGES]
    return names


def _fill(offer: Offer, row: OfferRow) -> None:
    for name, per_language in row.texts.items():
        if name not in TRANSLATED:
            continue
        for code, value in per_language.items():
            setattr(offer, f"{name}_{code}", value)
        if per_language.get("nl"):
            setattr(offer, name, per_language["nl"])
    for name, value in row.fields.items():
        if name in OFFER_FIELDS:
            setattr(offer, name, value)
    if row.ages is not None:
        offer.age_months = NumericRange(row.ages[0], row.ages[1], "[)")
    offer.title = (offer.title or "")[:150]
    offer.summary = (offer.summary or offer.title)[:300]


def _locations_for(run: OfferImport, rows: list[OfferRow]) -> dict[str, Location]:
    """Each row's place: by UiTdatabank id, else the same address in the network, else new."""
    wanted = [row.location for row in rows if row.location and not row.archive]
    slugs = [row.location_slug for row in rows if row.location_slug]
    found: dict[str, Location] = {}
    if slugs:
        for loc in Location.objects.filter(slug__in=slugs, network=run.network):
            found[f"slug:{loc.slug}"] = loc
    if not wanted:
        return found
    uids = [place["uid"] for place in wanted if place.get("uid")]
    by_uid = {
        str(loc.uitdatabank_id): loc
        for loc in Location.objects.filter(uitdatabank_id__in=uids, network=run.network)
    }
    addresses = {(p["street"].lower(), p["postcode"]) for p in wanted if p.get("street")}
    by_address = {}
    if addresses:
        streets = {street for street, _postcode in addresses}
        postcodes = {postcode for _street, postcode in addresses}
        for loc in Location.objects.filter(network=run.network, postcode__in=postcodes):
            if loc.street.lower() in streets:
                by_address[(loc.street.lower(), loc.postcode)] = loc
    new = []
    for place in wanted:
        key = _place_key(place)
        if key in found:
            continue
        loc = by_uid.get(place.get("uid") or "") or by_address.get(
            (place.get("street", "").lower(), place.get("postcode", ""))
        )
        if loc is None:
            loc = Location(
                organisation=run.organisation,
                network=run.network,
                name=(place.get("name") or place.get("street") or "?")[:200],
                slug=f"{slugify(place.get('name') or 'locatie')[:100]}-{uuid.uuid4().hex[:8]}",
                street=place.get("street", "")[:150],
                postcode=place.get("postcode", "")[:4],
                city=place.get("city", "")[:100],
                latitude=place.get("latitude"),
                longitude=place.get("longitude"),
                uitdatabank_id=place.get("uid") or None,
            )
            new.append(loc)
            if place.get("uid"):
                by_uid[place["uid"]] = loc
            by_address[(loc.street.lower(), loc.postcode)] = loc
        found[key] = loc
    Location.objects.bulk_create(new)
    return found


def _place_key(place: dict) -> str:
    return place.get("uid") or f"{place.get('street', '').lower()}|{place.get('postcode', '')}"


def _set_relations(run, rows, saved, locations, source) -> None:
    """Networks, places, weekly times and dates of the batch: replaced in a few queries."""
    by_key = {(str(o.uitdatabank_id) if source == "uitdatabank" else o.slug): o for o in saved}
    offer_ids = [offer.pk for offer in saved]
    networks = Offer.networks.through
    networks.objects.filter(offer_id__in=offer_ids, network_id=run.network_id).delete()
    networks.objects.bulk_create(
        [networks(offer_id=pk, network_id=run.network_id) for pk in offer_ids]
    )
    places = Offer.locations.through
    with_place = {}
    for row in rows:
        offer = by_key.get(row.key)
        if offer is None:
            continue
        loc = (
            locations.get(_place_key(row.location))
            if row.location
            else locations.get(f"slug:{row.location_slug}")
        )
        if loc is not None:
            with_place[offer.pk] = loc
    places.objects.filter(offer_id__in=list(with_place)).delete()
    places.objects.bulk_create(
        [places(offer_id=pk, location_id=loc.pk) for pk, loc in with_place.items()]
    )
    dated = {by_key[r.key].pk: r for r in rows if r.key in by_key and r.dates is not None}
    weekly = {by_key[r.key].pk: r for r in rows if r.key in by_key and r.weekly is not None}
    Occurrence.objects.filter(offer_id__in=list(dated)).delete()
    Occurrence.objects.bulk_create(
        [
            Occurrence(
                offer_id=pk,
                starts_at=dt.datetime.fromisoformat(start),
                ends_at=dt.datetime.fromisoformat(end),
                note=(note or "")[:150],
                location=with_place.get(pk),
            )
            for pk, row in dated.items()
            for start, end, note in row.dates
        ]
    )
    RecurringSchedule.objects.filter(offer_id__in=list(weekly)).delete()
    RecurringSchedule.objects.bulk_create(
        [
            RecurringSchedule(
                offer_id=pk,
                weekday=weekday,
                starts=dt.time.fromisoformat(opens),
                ends=dt.time.fromisoformat(closes),
                valid_from=dt.date.fromisoformat(valid_from) if valid_from else None,
                valid_until=dt.date.fromisoformat(valid_until) if valid_until else None,
                location=with_place.get(pk),
            )
            for pk, row in weekly.items()
            for weekday, opens, closes, valid_from, valid_until in row.weekly
        ]
    )


def _history(run, created, changed, archived) -> None:
    """One admin-history line per offer, naming the import."""
    if run.imported_by_id is None:
        return
    content_type = ContentType.objects.get_for_model(Offer)
    message = _("Imported (%(kind)s, import %(id)d)") % {
        "kind": run.get_kind_display(),
        "id": run.pk,
    }
    new_ids = {offer.pk for offer in created}
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                user_id=run.imported_by_id,
                content_type=content_type,
                object_id=str(offer.pk),
                object_repr=str(offer)[:200],
                action_flag=ADDITION if offer.pk in new_ids else CHANGE,
                change_message=message,
            )
            for offer in created + changed + archived
        ]
    )
