"""A network with a year of data behind every figure of the evidence pack.

The evidence year is 2025 (a plan pack for 2026, built on 15 January 2026), so the
reference day for "now" figures is 31 December 2025. Counts are at least 5 where a
figure would otherwise be hidden as "< 5".
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db.backends.postgresql.psycopg_any import NumericRange

from aanbod.choices import LifeDomain
from aanbod.models import Offer, Participation
from aanbod.search.index import reindex_offers
from aanbod.tests.factories import OfferFactory, RecurringScheduleFactory
from actieplan.choices import ActionResult, ActionStatus
from actieplan.tests.factories import ActionFactory, ActionPlanFactory, GoalFactory
from doorverwijzing.choices import DeclineReason, FirstContactResult, Outcome, ReferralStatus
from doorverwijzing.tests.factories import ReferralFactory
from partners.choices import AgreementStatus, GroupKind, Role
from partners.models import Deelgemeente
from partners.tests.factories import (
    AgreementFactory,
    GroupFactory,
    LocationFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from signalen.models import Signal, Theme

BRUSSELS = ZoneInfo("Europe/Brussels")
EVIDENCE_YEAR = 2025
PLAN_YEAR = 2026
BUILD_DAY = dt.date(2026, 1, 15)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BRUSSELS)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def evidence_world(db):
    network = NetworkFactory(name="Huis van het Kind Scheldevallei", slug="scheldevallei-test")
    wilgendaal, berkhove = (
        MunicipalityFactory(name="Wilgendaal"),
        MunicipalityFactory(name="Berkhove"),
    )
    network.municipalities.set([wilgendaal, berkhove])
    deelgemeenten = {
        m: Deelgemeente.objects.create(municipality=m, name=f"{m.name} centrum", postcode="9999")
        for m in (wilgendaal, berkhove)
    }
    sociaal_huis = OrganisationFactory(name="Sociaal Huis Wilgendaal", networks=[network])
    ckg = OrganisationFactory(name="CKG De Wiege", networks=[network])
    outsider = OrganisationFactory(name="Elders vzw")
    locations = {
        m: LocationFactory(organisation=ckg, network=network, deelgemeente=deelgemeenten[m])
        for m in (wilgendaal, berkhove)
    }

    # Signals: three years, two themes and some unbundled.
    evening = Theme.objects.create(network=network, title="Geen avondaanbod")
    waiting = Theme.objects.create(network=network, title="Wachtlijst kinderopvang")
    for year, count in ((2023, 1), (2024, 3), (2025, 7)):
        for day in range(count):
            Signal.objects.create(
                network=network,
                theme=evening,
                source="staff",
                kind="gap",
                created_at=at(dt.date(year, 3, 1 + day)),
            )
    for year, count in ((2024, 4), (2025, 2)):
        for day in range(count):
            Signal.objects.create(
                network=network,
                theme=waiting,
                source="family",
                kind="barrier",
                created_at=at(dt.date(year, 5, 1 + day)),
            )
    Signal.objects.create(
        network=network, source="staff", kind="need", created_at=at(dt.date(2025, 12, 31), hour=23)
    )  # still 2025 in Brussels
    Signal.objects.create(
        network=network, source="staff", kind="need", created_at=at(dt.date(2022, 6, 1))
    )  # before the three years
    Signal.objects.create(
        network=NetworkFactory(), source="staff", kind="need", created_at=at(dt.date(2025, 6, 1))
    )  # another network

    # Offers: coverage, staleness, evening and weekend.
    baby = OfferFactory(
        networks=[network],
        locations=[locations[wilgendaal]],
        life_domains=[LifeDomain.MEETING, LifeDomain.PARENTING],
        age_months=NumericRange(0, 36),
        last_verified=dt.date(2025, 11, 1),
    )
    teens = OfferFactory(
        networks=[network],
        locations=[locations[berkhove]],
        life_domains=[LifeDomain.LEISURE],
        age_months=NumericRange(144, 216),
        last_verified=dt.date(2025, 1, 5),
    )
    everyone = OfferFactory(
        networks=[network],
        locations=[locations[wilgendaal], locations[berkhove]],
        life_domains=[LifeDomain.MONEY],
        last_verified=dt.date(2025, 9, 1),
    )
    OfferFactory(
        networks=[network], life_domains=[LifeDomain.HEALTH], last_verified=dt.date(2025, 10, 1)
    )  # by phone only: no place
    OfferFactory(
        networks=[network],
        locations=[locations[wilgendaal]],
        status="draft",
        life_domains=[LifeDomain.SAFETY],
    )  # not published: not counted
    OfferFactory(locations=[locations[berkhove]], life_domains=[LifeDomain.SAFETY])  # elsewhere
    RecurringScheduleFactory(offer=baby, weekday=1, starts=dt.time(19), ends=dt.time(21))
    RecurringScheduleFactory(offer=teens, weekday=5, starts=dt.time(10), ends=dt.time(12))
    RecurringScheduleFactory(offer=everyone, weekday=6, starts=dt.time(18, 30), ends=dt.time(20))
    reindex_offers(Offer.objects.all())

    # Reach.
    for month, families, children, small in ((2, 8, 11, 6), (6, 5, 7, 4), (9, 12, 15, None)):
        Participation.objects.create(
            offer=baby,
            date=dt.date(2025, month, 4),
            families=families,
            children=children,
            children_0_3=small,
        )
    Participation.objects.create(
        offer=teens, date=dt.date(2025, 10, 4), families=6, children=9, children_12_18=9
    )
    Participation.objects.create(
        offer=teens, date=dt.date(2024, 10, 4), families=50, children=70
    )  # another year

    # Referrals of 2025 (Monday 3 March, 10:00), and some that do not count.
    sent = at(dt.date(2025, 3, 3))
    for index in range(7):
        contact = at(dt.date(2025, 3, 4 + index)) if index < 6 else None
        ReferralFactory(
            referring_organisation=sociaal_huis,
            receiving_organisation=ckg,
            sent_at=sent,
            accepted_at=sent + dt.timedelta(hours=3),
            status=ReferralStatus.CLOSED if index < 5 else ReferralStatus.CONTACTED,
            first_contact_at=contact,
            first_contact_result=FirstContactResult.MADE if contact else "",
            closed_at=at(dt.date(2025, 4, 1)) if index < 5 else None,
            outcome=Outcome.GOT_HELP if index < 5 else "",
        )
    for reason in (
        [DeclineReason.WAITING_LIST] * 3
        + [DeclineReason.NO_CAPACITY] * 2
        + [DeclineReason.NOT_OUR_OFFER, DeclineReason.NOT_ELIGIBLE]
    ):
        ReferralFactory(
            referring_organisation=outsider,
            receiving_organisation=ckg,
            sent_at=at(dt.date(2025, 9, 15)),
            status=ReferralStatus.DECLINED,
            declined_at=at(dt.date(2025, 9, 16)),
            decline_reason=reason,
        )
    ReferralFactory(
        referring_organisation=outsider, receiving_organisation=outsider, sent_at=sent
    )  # not the network's
    ReferralFactory(
        referring_organisation=sociaal_huis,
        receiving_organisation=ckg,
        sent_at=at(dt.date(2024, 12, 31)),
    )  # the year before

    # Agreements: two end in the plan year.
    AgreementFactory(
        network=network,
        subject="Convenant opvoedingswinkel",
        start=dt.date(2023, 1, 1),
        end=dt.date(2026, 6, 30),
    ).partners.set([ckg])
    AgreementFactory(
        network=network,
        subject="Samenwerking pamperbank",
        start=dt.date(2024, 1, 1),
        end=dt.date(2026, 12, 31),
    )
    AgreementFactory(
        network=network,
        subject="Afgelopen akkoord",
        start=dt.date(2024, 1, 1),
        end=dt.date(2026, 3, 31),
        status=AgreementStatus.ENDED,
    )
    AgreementFactory(
        network=network, subject="Loopt nog", start=dt.date(2024, 1, 1), end=dt.date(2027, 3, 31)
    )

    # Last year's plan with actions and results.
    plan_2025 = ActionPlanFactory(network=network, year=EVIDENCE_YEAR)
    goal = GoalFactory(plan=plan_2025, themes=[evening])
    ActionFactory(
        goal=goal,
        partners=[ckg],
        status=ActionStatus.DONE,
        result=ActionResult.PARTLY,
        result_note="Eén avond per maand in Wilgendaal.",
    )
    ActionFactory(goal=goal, text="Flyer in vijf talen", status=ActionStatus.RUNNING)
    plan = ActionPlanFactory(network=network, year=PLAN_YEAR)

    coordinator = UserFactory(email="coordinator@test.be")
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=network)
    steering_member = UserFactory(email="stuurgroep@test.be")
    MembershipFactory(user=steering_member, role=Role.SOCIAL_WORKER, organisation=sociaal_huis)
    GroupFactory(network=network, kind=GroupKind.STEERING, member_organisations=[sociaal_huis])
    return {
        "network": network,
        "plan": plan,
        "plan_2025": plan_2025,
        "themes": {"evening": evening, "waiting": waiting},
        "coordinator": coordinator,
        "steering_member": steering_member,
        "organisations": [sociaal_huis, ckg],
    }
