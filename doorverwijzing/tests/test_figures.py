"""Referral figures: right numbers, small numbers hidden, only one's own network, fixed queries."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorverwijzing.choices import DeclineReason, FirstContactResult, ReferralStatus
from doorverwijzing.figures import Period, figures_scope_for_user, protect, referral_figures
from partners.choices import Role
from partners.tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

from .factories import ReferralFactory, social_worker, with_mfa

pytestmark = pytest.mark.django_db

URL = reverse("doorverwijzing:figures")
PERIOD = "?van=2025-03&tot=2025-05"


def at(day: str, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day).replace(hour=hour))


def coordinator_of(network):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.COORDINATOR, network=network)
    return user


@pytest.fixture
def network():
    """March 2025: 6 referrals A -> B (5 accepted, 1 declined); April: 3 B -> A;
    May: 5 A -> B declined for lack of capacity."""
    network = NetworkFactory()
    a = OrganisationFactory(networks=[network], name="Sociaal Huis Wilgendaal")
    b = OrganisationFactory(networks=[network], name="CKG De Wiege")
    # Monday 3 March 2025; accepted after 1, 1, 2, 2, 3 working days; first contact
    # made after 4, 4, 4, 5, 5 working days (Fri 7 and Mon 10 March).
    for accepted, contact in [
        ("2025-03-04", "2025-03-07"),
        ("2025-03-04", "2025-03-07"),
        ("2025-03-05", "2025-03-07"),
        ("2025-03-05", "2025-03-10"),
        ("2025-03-06", "2025-03-10"),
    ]:
        ReferralFactory(
            referring_organisation=a,
            receiving_organisation=b,
            sent_at=at("2025-03-03"),
            accepted_at=at(accepted),
            first_contact_at=at(contact),
            first_contact_result=FirstContactResult.MADE,
            status=ReferralStatus.CLOSED,
            closed_at=at("2025-03-20"),
        )
    ReferralFactory(
        referring_organisation=a,
        receiving_organisation=b,
        sent_at=at("2025-03-03"),
        declined_at=at("2025-03-04"),
        decline_reason=DeclineReason.WAITING_LIST,
        status=ReferralStatus.DECLINED,
        closed_at=at("2025-03-04"),
    )
    for _index in range(3):
        ReferralFactory(
            referring_organisation=b,
            receiving_organisation=a,
            sent_at=at("2025-04-07"),
            status=ReferralStatus.CLOSED,
            closed_at=at("2025-04-20"),
        )
    for _index in range(5):
        ReferralFactory(
            referring_organisation=a,
            receiving_organisation=b,
            sent_at=at("2025-05-05"),
            declined_at=at("2025-05-06"),
            decline_reason=DeclineReason.NO_CAPACITY,
            status=ReferralStatus.DECLINED,
            closed_at=at("2025-05-06"),
        )
    network.a, network.b = a, b
    return network


def _months(response):
    return {row.month: row for row in response.context["figures"].months}


def test_a_coordinator_sees_the_right_numbers_for_their_network(client, network):
    client.force_login(coordinator_of(network))
    response = client.get(URL + PERIOD)
    assert response.status_code == 200
    march = _months(response)[dt.date(2025, 3, 1)]
    assert (march.sent.text, march.received.text) == ("6", "6")
    assert march.accepted.value == 83  # 5 of the 6 answered
    assert march.first_contact.value == 100  # 5 of the 5 accepted
    assert march.days_to_acceptance.value == 2
    assert march.days_to_first_contact.value == 4
    declines = dict(response.context["figures"].decline_reasons)
    assert declines[DeclineReason.NO_CAPACITY.label].value == 5


def test_a_figure_under_five_is_shown_as_less_than_five_in_table_and_chart(client, network):
    client.force_login(coordinator_of(network))
    response = client.get(URL + PERIOD)
    months = _months(response)
    april, may = months[dt.date(2025, 4, 1)], months[dt.date(2025, 5, 1)]
    assert april.sent.text == "< 5" and april.sent.value is None  # 3 referrals
    assert may.accepted.text == "< 5"  # 0 of 5 accepted: the 0 is a small number too
    declines = dict(response.context["figures"].decline_reasons)
    assert declines[DeclineReason.WAITING_LIST.label].text == "< 5"
    chart = str(response.context["monthly_chart"])
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "&lt; 5" in chart
    assert ">3<" not in chart


def test_the_suppression_helper_hides_a_figure_resting_on_few_referrals():
    assert protect(4).text == "< 5"
    assert protect(0).text == "< 5"
    assert protect(5).text == "5"
    assert protect(50, counts=(2, 4), unit="%").text == "< 5"
    assert protect(40, counts=(8, 20), unit="%").text == "40%"


def test_an_organisations_social_worker_sees_only_their_own_organisation(client, network):
    worker = with_mfa(social_worker(network.a))
    client.force_login(worker)
    response = client.get(URL + PERIOD)
    march = _months(response)[dt.date(2025, 3, 1)]
    assert march.sent.text == "6"
    assert march.received.text == "< 5"  # A received nothing in March
    assert _months(response)[dt.date(2025, 4, 1)].received.text == "< 5"


def test_a_coordinator_of_another_network_sees_none_of_it(client, network):
    client.force_login(coordinator_of(NetworkFactory()))
    response = client.get(URL + PERIOD)
    assert response.status_code == 200
    figures = response.context["figures"]
    cells = [cell for row in figures.months for cell in (row.sent, row.received)]
    cells += [cell for _label, cell in figures.decline_reasons]
    assert all(cell.hidden for cell in cells)
    content = response.content.decode()
    assert network.a.name not in content and network.b.name not in content


def test_a_coordinator_can_narrow_to_one_organisation_but_not_a_foreign_one(client, network):
    client.force_login(coordinator_of(network))
    response = client.get(URL + PERIOD + f"&organisatie={network.b.pk}")
    march = _months(response)[dt.date(2025, 3, 1)]
    assert march.sent.text == "< 5" and march.received.text == "6"
    foreign = OrganisationFactory()
    response = client.get(URL + PERIOD + f"&organisatie={foreign.pk}")
    assert _months(response)[dt.date(2025, 3, 1)].sent.text == "6"  # ignored: whole network


def test_anyone_else_gets_403(client, network):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


@pytest.mark.parametrize(
    "query",
    ["?van=2025-13&tot=abc", "?van=&tot=", "?van=1899-01", "?van=2025-05&tot=2025-03", "?van=x"],
)
def test_bad_period_values_give_a_normal_page(client, network, query):
    client.force_login(coordinator_of(network))
    response = client.get(URL + query)
    assert response.status_code == 200
    assert response.context["figures"].months


def test_a_reversed_period_is_turned_round_and_a_bad_one_falls_back_to_a_year():
    today = dt.date(2026, 2, 14)
    period = Period.from_params("2025-05", "2025-03", today=today)
    assert (period.first, period.last) == (dt.date(2025, 3, 1), dt.date(2025, 5, 1))
    period = Period.from_params("2025-13", "nope", today=today)
    assert (period.first, period.last) == (dt.date(2025, 3, 1), dt.date(2026, 2, 1))
    assert len(Period.from_params("2000-01", "2026-01", today=today).months) == 60


def test_open_referrals_past_the_reminder_time_are_counted_as_waiting(network):
    now = timezone.now()
    for _index in range(5):
        ReferralFactory(
            referring_organisation=network.a,
            receiving_organisation=network.b,
            sent_at=now - dt.timedelta(days=20),
        )
    ReferralFactory(referring_organisation=network.a, receiving_organisation=network.b, sent_at=now)
    scope = figures_scope_for_user(coordinator_of(network))
    period = Period.from_params(None, None, today=timezone.localdate())
    waiting = referral_figures(scope=scope, period=period).waiting[0]
    assert (waiting.total.text, waiting.late.text) == ("6", "5")


def _referrals(network, number: int) -> None:
    for index in range(number):
        sent = at("2025-03-03") + dt.timedelta(days=index % 60)
        ReferralFactory(
            referring_organisation=network.a if index % 2 else network.b,
            receiving_organisation=network.b if index % 2 else network.a,
            sent_at=sent,
            accepted_at=sent + dt.timedelta(days=index % 5 + 1),
            first_contact_at=sent + dt.timedelta(days=index % 7 + 2),
            first_contact_result=FirstContactResult.MADE,
            status=ReferralStatus.CONTACTED,
        )


def test_figures_take_the_same_number_of_queries_for_5_or_50_referrals(
    client, django_assert_max_num_queries
):
    network = NetworkFactory()
    network.a = OrganisationFactory(networks=[network])
    network.b = OrganisationFactory(networks=[network])
    client.force_login(coordinator_of(network))
    counts = []
    for number in (5, 45):
        _referrals(network, number)
        cache.clear()  # both counted cold (the portal's network is cached)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL + "?van=2025-01&tot=2025-12").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(9):  # session, user, roles, scope, 4 figures, network
        response = client.get(URL + "?van=2025-01&tot=2025-12")
    assert response.status_code == 200
