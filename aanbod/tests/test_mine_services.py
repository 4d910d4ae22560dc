"""Services and selectors behind Mijn aanbod: reminders, participation, the start page."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from aanbod import services
from aanbod.choices import Availability, OfferStatus
from aanbod.exceptions import OfferStateError
from aanbod.models import Offer, Participation
from aanbod.selectors import coordinator_offer_attention, participation_totals
from aanbod.tasks import offer_confirmation_reminders_scan_task
from huisvanhetkind.permissions import roles_of
from partners.choices import Role
from partners.tests.factories import (
    LocationFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
)

from .factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


# --- Six-monthly confirmation -------------------------------------------------------------


def test_the_six_monthly_question_is_mailed_once_per_offer(cast):
    old = OfferFactory(
        organisation=cast["organisation"], title="Babybabbel", last_verified=days_ago(200)
    )
    never_confirmed = OfferFactory(
        organisation=cast["organisation"],
        last_verified=None,
        published_at=timezone.now() - dt.timedelta(days=190),
    )
    OfferFactory(organisation=cast["organisation"], last_verified=days_ago(30))
    OfferFactory(
        organisation=cast["organisation"], last_verified=days_ago(400), status=OfferStatus.DRAFT
    )

    assert offer_confirmation_reminders_scan_task() == 2
    assert offer_confirmation_reminders_scan_task() == 0

    assert len(mail.outbox) == 2
    assert sorted(mail.outbox[0].to) == sorted([cast["owner"].email, cast["colleague"].email])
    assert cast["outsider"].email not in mail.outbox[0].to + mail.outbox[1].to
    assert any("Babybabbel" in message.subject for message in mail.outbox)
    assert "/nl/mijn-aanbod/" in mail.outbox[0].body
    for offer in (old, never_confirmed):
        offer.refresh_from_db()
        assert offer.confirmation_requested_at is not None


def test_confirming_clears_the_question_and_the_next_one_comes_six_months_later(cast):
    offer = OfferFactory(organisation=cast["organisation"], last_verified=days_ago(200))
    offer_confirmation_reminders_scan_task()
    services.offer_confirm_still_right(offer=offer, actor=cast["owner"])
    offer.refresh_from_db()
    assert offer.confirmation_requested_at is None and offer.last_verified == days_ago(0)
    assert services.offer_confirmation_requests_due(today=timezone.localdate()) == []
    later = timezone.localdate() + dt.timedelta(days=183)
    assert services.offer_confirmation_requests_due(today=later) == [offer.id]


def test_a_failing_mail_leaves_the_offer_unclaimed_for_the_retry(cast, monkeypatch):
    offer = OfferFactory(organisation=cast["organisation"], last_verified=days_ago(200))

    def smtp_down(**kwargs):
        raise OSError("SMTP server unreachable")

    # Django's send_mail, as the service imported it: the mail server is down.
    monkeypatch.setattr("aanbod.services.send_mail", smtp_down)
    with pytest.raises(OSError):
        services.offer_confirmation_request_send(offer_id=offer.id)
    offer.refresh_from_db()
    assert offer.confirmation_requested_at is None
    monkeypatch.undo()
    assert services.offer_confirmation_request_send(offer_id=offer.id) is True
    assert len(mail.outbox) == 1


def test_approving_counts_as_confirming(cast):
    offer = OfferFactory(
        organisation=cast["organisation"],
        networks=[cast["network"]],
        status=OfferStatus.IN_REVIEW,
        last_verified=days_ago(300),
        confirmation_requested_at=timezone.now(),
    )
    services.offer_approve(offer=offer, actor=cast["coordinator"])
    offer.refresh_from_db()
    assert offer.confirmation_requested_at is None and offer.last_verified == days_ago(0)


def test_approving_with_a_clock_publishes_and_confirms_on_that_day(cast):
    offer = OfferFactory(
        organisation=cast["organisation"],
        networks=[cast["network"]],
        status=OfferStatus.IN_REVIEW,
        published_at=None,
    )
    checked = timezone.now() - dt.timedelta(days=200)

    services.offer_approve(offer=offer, actor=cast["coordinator"], now=checked)

    offer.refresh_from_db()
    assert offer.published_at == checked and offer.last_verified == timezone.localdate(checked)
    assert offer.needs_confirmation(timezone.localdate())


# --- The coordinator's start page -------------------------------------------------------------


def test_start_page_lists_offers_to_review_stale_and_losing_funding(client, cast):
    network = cast["network"]
    OfferFactory(title="Nalezen aub", networks=[network], status=OfferStatus.IN_REVIEW)
    OfferFactory(title="Lang niet bevestigd", networks=[network], last_verified=days_ago(190))
    OfferFactory(title="Recent bevestigd", networks=[network], last_verified=days_ago(10))
    OfferFactory(
        title="Projectgeld stopt",
        networks=[network],
        last_verified=days_ago(1),
        funding_source="Provincie",
        funding_ends=timezone.localdate() + dt.timedelta(days=60),
    )
    OfferFactory(
        title="Later geld",
        networks=[network],
        last_verified=days_ago(1),
        funding_ends=timezone.localdate() + dt.timedelta(days=200),
    )
    OfferFactory(title="Elders", networks=[NetworkFactory()], status=OfferStatus.IN_REVIEW)
    attention = coordinator_offer_attention(user=cast["coordinator"], today=timezone.localdate())
    titles = {key: [offer.title_nl for offer in value] for key, value in attention.items()}
    del titles["offers_without_way_to_act"]  # test_ways_to_act.py
    assert titles == {
        "offers_to_review": ["Nalezen aub"],
        "offers_stale": ["Lang niet bevestigd"],
        "offers_funding_ending": ["Projectgeld stopt"],
    }
    assert coordinator_offer_attention(user=cast["owner"], today=timezone.localdate()) == {
        "offers_to_review": [],
        "offers_stale": [],
        "offers_funding_ending": [],
        "offers_without_way_to_act": [],
    }
    staff = cast["coordinator"]
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    client.force_login(staff)
    content = client.get("/admin/").content.decode()
    # Factory offers have no contact details: leave that list to test_ways_to_act.py.
    before, after = content.split('<ul id="offers-without-way-to-act">', 1)
    content = before + after.split("</ul>", 1)[1]
    for title in ("Nalezen aub", "Lang niet bevestigd", "Projectgeld stopt"):
        assert title in content
    assert "Elders" not in content and "Later geld" not in content


def test_each_start_page_list_keeps_its_own_order_and_first_rows_in_one_statement(
    cast, django_assert_num_queries
):
    network, today = cast["network"], timezone.localdate()
    for days, title in ((300, "B stal"), (400, "A stalest"), (250, "C least stale")):
        OfferFactory(title=title, networks=[network], last_verified=days_ago(days))
    for days, title in ((80, "Z ends last"), (10, "Y ends first"), (40, "X ends second")):
        OfferFactory(
            title=title,
            networks=[network],
            last_verified=days_ago(1),
            funding_ends=today + dt.timedelta(days=days),
        )
    roles_of(cast["coordinator"])  # loaded once per request
    with django_assert_num_queries(1):
        attention = coordinator_offer_attention(user=cast["coordinator"], today=today, limit=2)
    assert [offer.title_nl for offer in attention["offers_stale"]] == ["A stalest", "B stal"]
    assert [offer.title_nl for offer in attention["offers_funding_ending"]] == [
        "Y ends first",
        "X ends second",
    ]


def test_the_cockpit_names_an_offer_in_the_readers_language_else_in_dutch(cast):
    network = cast["network"]
    OfferFactory(title="Voorleesuur", title_fr="Heure du conte", networks=[network])
    OfferFactory(title="Babbelbabbel", networks=[network], status=OfferStatus.IN_REVIEW)
    with translation.override("fr"):
        attention = coordinator_offer_attention(
            user=cast["coordinator"], today=timezone.localdate()
        )
    assert [offer.title for offer in attention["offers_stale"]] == ["Heure du conte"]
    assert [offer.title for offer in attention["offers_to_review"]] == ["Babbelbabbel"]


# --- Writes --------------------------------------------------------------------------------


def test_duplicate_copies_content_places_and_weekly_times_but_not_state(cast):
    location = LocationFactory(organisation=cast["organisation"], network=cast["network"])
    offer = OfferFactory(
        organisation=cast["organisation"],
        networks=[cast["network"]],
        locations=[location],
        title="Speelcafé",
        last_verified=days_ago(3),
        review_remark="oud",
        availability=Availability.FULL,
    )
    Offer.objects.filter(pk=offer.pk).update(title_fr="Café jeux")
    RecurringScheduleFactory(offer=offer, weekday=5)
    OccurrenceFactory(offer=offer)
    copy = services.offer_duplicate(offer=offer, actor=cast["owner"])
    assert copy.status == OfferStatus.DRAFT and copy.slug != offer.slug
    assert copy.title_fr == "Café jeux" and copy.availability == Availability.FULL
    assert copy.last_verified is None and copy.review_remark == ""
    assert list(copy.locations.all()) == [location]
    assert list(copy.networks.all()) == [cast["network"]]
    assert [s.weekday for s in copy.recurring_schedules.all()] == [5]
    assert copy.occurrences.count() == 0
    second = services.offer_duplicate(offer=offer, actor=cast["owner"])
    assert second.slug not in (offer.slug, copy.slug)


def test_outsider_cannot_duplicate_or_change_availability(cast):
    offer = OfferFactory(organisation=cast["organisation"])
    with pytest.raises(PermissionDenied):
        services.offer_duplicate(offer=offer, actor=cast["outsider"])
    with pytest.raises(PermissionDenied):
        services.offer_set_availability(offer=offer, actor=cast["outsider"], availability="full")


def test_schedule_save_refuses_a_place_of_another_organisation(cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]])
    elsewhere = LocationFactory()
    item = {"id": None, "weekday": 1, "starts": dt.time(9), "ends": dt.time(10)}
    with pytest.raises(ValidationError):
        services.offer_schedule_save(
            offer=offer, actor=cast["owner"], weekly=[{**item, "location": elsewhere}]
        )
    network_place = LocationFactory(network=cast["network"])
    services.offer_schedule_save(
        offer=offer, actor=cast["owner"], weekly=[{**item, "location": network_place}]
    )
    assert offer.recurring_schedules.get().location == network_place


def test_schedule_save_refuses_a_time_of_another_offer(cast):
    offer = OfferFactory(organisation=cast["organisation"])
    foreign = RecurringScheduleFactory()
    with pytest.raises(OfferStateError):
        services.offer_schedule_save(
            offer=offer,
            actor=cast["owner"],
            weekly=[{"id": foreign.id, "delete": True}],
        )
    assert foreign.__class__.objects.filter(pk=foreign.pk).exists()


def test_participation_record_checks_the_activity_belongs_to_the_offer(cast):
    offer = OfferFactory(organisation=cast["organisation"])
    other = OccurrenceFactory()
    with pytest.raises(ValidationError):
        services.participation_record(
            offer=offer,
            actor=cast["owner"],
            date=days_ago(1),
            families=1,
            children=1,
            occurrence=other,
        )
    with pytest.raises(PermissionDenied):
        services.participation_record(
            offer=offer, actor=cast["outsider"], date=days_ago(1), families=1, children=1
        )


# --- Participation totals for the action plan ------------------------------------------------


def test_participation_totals_sum_per_network_year_and_age_group(cast):
    network, other_network = cast["network"], NetworkFactory()
    shared = OfferFactory(organisation=cast["organisation"], networks=[network, other_network])
    own = OfferFactory(organisation=cast["organisation"], networks=[network])
    far = OfferFactory(networks=[other_network])
    record = services.participation_record
    actor = cast["owner"]
    year = days_ago(0).year
    jan = dt.date(year, 1, 10)
    record(
        offer=shared,
        actor=actor,
        date=jan,
        families=4,
        children=6,
        children_by_age={"0-3": 3, "3-6": 2},
    )
    record(offer=own, actor=actor, date=jan, families=2, children=2, children_by_age={"18+": 1})
    record(offer=own, actor=actor, date=dt.date(year - 1, 12, 31), families=9, children=9)
    Participation.objects.create(
        offer=far, date=jan, families=50, children=50, children_6_12=50, entered_by=actor
    )

    totals = participation_totals(network=network, year=year)
    assert (totals.activities, totals.families, totals.children) == (2, 6, 8)
    assert totals.by_age_group == {"0-3": 3, "3-6": 2, "6-12": 0, "12-18": 0, "18+": 1}
    assert totals.children_without_age == 2
    other = participation_totals(network=other_network, year=year)
    assert (other.families, other.children, other.by_age_group["6-12"]) == (54, 56, 50)
    empty = participation_totals(network=network, year=year - 5)
    assert (empty.activities, empty.families, empty.children) == (0, 0, 0)


# --- Who may see the counts ----------------------------------------------------------------


def test_only_coordinators_of_the_offers_network_read_participation(cast):
    from huisvanhetkind.permissions import can

    entry = Participation.objects.create(
        offer=OfferFactory(organisation=cast["organisation"], networks=[cast["network"]]),
        date=days_ago(1),
        families=1,
        children=1,
    )
    far_coordinator, viewer = UserFactory(), UserFactory()
    MembershipFactory(user=far_coordinator, role=Role.COORDINATOR, network=NetworkFactory())
    MembershipFactory(user=viewer, role=Role.VIEWER, network=cast["network"])
    assert can(cast["coordinator"], "participation.view", entry)
    for user in (far_coordinator, viewer, cast["owner"], cast["outsider"]):
        assert not can(user, "participation.view", entry)


def test_participation_admin_is_read_only_and_scoped_to_the_network(client, cast):
    own = Participation.objects.create(
        offer=OfferFactory(networks=[cast["network"]]), date=days_ago(1), families=2, children=3
    )
    Participation.objects.create(
        offer=OfferFactory(networks=[NetworkFactory()]), date=days_ago(1), families=9, children=9
    )
    coordinator = cast["coordinator"]
    coordinator.is_staff = True
    coordinator.save(update_fields=["is_staff"])
    client.force_login(coordinator)
    response = client.get("/admin/aanbod/participation/")
    assert [row.pk for row in response.context["cl"].result_list] == [own.pk]
    assert client.get("/admin/aanbod/participation/add/").status_code == 403
    detail = client.get(f"/admin/aanbod/participation/{own.pk}/change/")
    assert detail.status_code == 200 and b'name="families"' not in detail.content


def test_one_submit_saves_a_new_offer_with_its_times(cast):
    item = {"id": None, "weekday": 1, "starts": dt.time(9), "ends": dt.time(10)}

    offer = services.offer_save_with_schedule(
        actor=cast["owner"],
        organisation=cast["organisation"],
        locations=[],
        weekly=[item],
        title_nl="Babymassage",
        summary_nl="Zacht leren masseren.",
        access_type="walk_in",
    )

    assert offer.status == OfferStatus.DRAFT
    assert set(offer.networks.all()) == {cast["network"]}
    assert offer.recurring_schedules.get().weekday == 1


def test_a_refused_time_leaves_no_new_offer_behind(cast):
    elsewhere = LocationFactory()
    item = {"id": None, "weekday": 1, "starts": dt.time(9), "ends": dt.time(10)}

    with pytest.raises(ValidationError):
        services.offer_save_with_schedule(
            actor=cast["owner"],
            organisation=cast["organisation"],
            weekly=[{**item, "location": elsewhere}],
            title_nl="Babymassage",
            summary_nl="Zacht leren masseren.",
            access_type="walk_in",
        )

    assert not Offer.objects.exists()


def test_a_weekly_time_keeps_its_period_when_the_editor_does_not_name_it(cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]])
    item = {"id": None, "weekday": 1, "starts": dt.time(9), "ends": dt.time(10)}
    last_day = timezone.localdate() + dt.timedelta(days=120)
    services.offer_schedule_save(
        offer=offer, actor=cast["owner"], weekly=[{**item, "valid_until": last_day}]
    )
    schedule = offer.recurring_schedules.get()

    # Mijn aanbod sends the weekly fields only: the period set before stays.
    services.offer_schedule_save(
        offer=offer,
        actor=cast["owner"],
        weekly=[{**item, "id": schedule.id, "starts": dt.time(8)}],
    )

    schedule.refresh_from_db()
    assert (schedule.starts, schedule.valid_until) == (dt.time(8), last_day)


def test_a_new_offer_joins_the_networks_given_instead_of_its_organisations(cast):
    cast["organisation"].networks.add(cast["far_network"])
    item = {"id": None, "weekday": 1, "starts": dt.time(9), "ends": dt.time(10)}

    offer = services.offer_save_with_schedule(
        actor=cast["owner"],
        organisation=cast["organisation"],
        networks=[cast["network"]],
        weekly=[item],
        title_nl="Babymassage",
        summary_nl="Zacht leren masseren.",
        access_type="walk_in",
    )

    assert set(offer.networks.all()) == {cast["network"]}


def test_without_partner_editors_the_contact_person_is_asked_and_told_whom_to_tell(cast):
    """The question 'still right?' reaches someone at the partner even when nobody there
    edits offers: the contact person, with the offer's page and the network's address."""
    from partners.tests.factories import OrganisationFactory

    network = NetworkFactory(name="Huis van het Kind Aalst", email="info@hvhk-aalst.example")
    partner = OrganisationFactory(
        networks=[network], name="Speelcafé", contact_email="an@speelcafe.example"
    )
    offer = OfferFactory(
        organisation=partner, networks=[network], title="Speelcafé", last_verified=days_ago(200)
    )
    assert services.offer_confirmation_request_send(offer_id=offer.id) is True
    [message] = mail.outbox
    assert message.to == ["an@speelcafe.example"]
    assert f"/nl/aanbod/{offer.slug}/" in message.body
    assert "Huis van het Kind Aalst: info@hvhk-aalst.example" in message.body
    assert "/mijn-aanbod/" not in message.body  # no account: nothing to log in to
    assert services.offer_confirmation_request_send(offer_id=offer.id) is False


def test_without_editors_or_contact_person_nobody_is_mailed_but_the_offer_is_claimed(cast):
    from partners.tests.factories import OrganisationFactory

    partner = OrganisationFactory(contact_email="")
    offer = OfferFactory(organisation=partner, last_verified=days_ago(200))
    assert services.offer_confirmation_request_send(offer_id=offer.id) is True
    assert mail.outbox == []
