"""Signals nobody types: a referral declined for lack of offer, a search that found nothing."""

import datetime as dt

import pytest

from aanbod.choices import LifeDomain
from aanbod.tests.factories import OfferFactory
from doorverwijzing import services as referral_services
from doorverwijzing.choices import DeclineReason
from doorverwijzing.tests.factories import ReferralFactory, social_worker
from partners.tests.factories import OrganisationFactory
from signalen.choices import Barrier, SignalSource
from signalen.models import SearchGap, Signal
from signalen.services import normalise_search_query, search_gap_record

pytestmark = pytest.mark.django_db


def _declined(network, reason):
    receiving = OrganisationFactory(networks=[network])
    offer = OfferFactory(
        organisation=receiving,
        networks=[network],
        life_domains=[LifeDomain.CHILDCARE, LifeDomain.WORK],
    )
    referral = ReferralFactory(receiving_organisation=receiving, offer=offer)
    worker = social_worker(receiving)
    return referral_services.referral_decline(referral=referral, actor=worker, reason=reason)


def test_a_referral_declined_for_a_waiting_list_becomes_an_anonymous_signal(network):
    referral = _declined(network, DeclineReason.WAITING_LIST)
    signal = Signal.objects.get()
    assert signal.source == SignalSource.REFERRAL_DECLINED
    assert signal.network == network
    assert signal.barrier == Barrier.WAITING_LIST
    assert signal.decline_reason == DeclineReason.WAITING_LIST
    assert signal.life_domains == [LifeDomain.CHILDCARE, LifeDomain.WORK]
    # Nothing about the family, the worker or the referral.
    assert signal.reporter is None and signal.contact_email == "" and signal.text == ""
    for value in (referral.family_name, referral.family_phone, referral.public_id):
        assert value not in str(Signal.objects.values().get())


@pytest.mark.parametrize("reason", [DeclineReason.NOT_ELIGIBLE, DeclineReason.OTHER])
def test_other_decline_reasons_make_no_signal(network, reason):
    _declined(network, reason)
    assert not Signal.objects.exists()


def test_an_empty_search_is_counted_per_week_without_personal_data(client):
    for _ in range(2):
        assert client.get("/nl/aanbod/?q=Zwemles+KANSENTARIEF!").status_code == 200
    gap = SearchGap.objects.get()
    assert gap.query == "zwemles kansentarief" and gap.count == 2
    monday = gap.week
    assert monday.weekday() == 0
    assert set(SearchGap._meta.get_fields()) == {
        SearchGap._meta.get_field(name) for name in ("id", "week", "query", "count", "network")
    }


def test_a_search_with_results_an_empty_query_or_a_later_page_stores_nothing(client, network):
    OfferFactory(title="Babbelgroep voor ouders", networks=[network])
    client.get("/nl/aanbod/?q=babbelgroep")
    client.get("/nl/aanbod/")
    client.get("/nl/aanbod/?q=zzzyyyxxx&page=2")
    assert not SearchGap.objects.exists()


def test_search_gaps_are_counted_in_one_row_per_week():
    monday = dt.date(2026, 3, 2)
    search_gap_record(query="tolk", today=monday)
    search_gap_record(query="Tolk ", today=monday + dt.timedelta(days=6))
    search_gap_record(query="tolk", today=monday + dt.timedelta(days=7))
    assert list(SearchGap.objects.order_by("week").values_list("week", "count")) == [
        (monday, 2),
        (monday + dt.timedelta(days=7), 1),
    ]


def test_queries_are_normalised_and_cut():
    assert normalise_search_query("  Crèche   ÉÉN-ouder!! ") == "creche een ouder"
    assert len(normalise_search_query("a" * 500)) == 100
    assert normalise_search_query("?!") == ""


# --- Searches that found nothing: no personal data, a weekly bound (issue 12, item 10) ----


@pytest.mark.parametrize(
    "query",
    ["Jan Peeters", "0470 12 34 56", "fatima.elamrani@example.be", "pamperbank Sarah Janssens"],
)
def test_a_search_that_looks_like_personal_data_is_not_kept(query):
    assert search_gap_record(query=query) is False
    assert not SearchGap.objects.exists()


def test_an_empty_search_for_a_name_stores_nothing_from_the_search_page(client):
    assert client.get("/nl/aanbod/?q=Jan+Peeters").status_code == 200
    assert not SearchGap.objects.exists()


def test_at_most_the_weekly_cap_of_new_words_is_kept_but_known_words_keep_counting(settings):
    settings.SEARCH_GAP_WEEKLY_CAP = 3
    monday = dt.date(2026, 3, 2)
    for word in ("tolk", "zwemles", "avondopvang", "paardrijden", "kookles"):
        search_gap_record(query=word, today=monday)
    assert SearchGap.objects.filter(week=monday).count() == 3
    assert search_gap_record(query="tolk", today=monday) is True
    assert SearchGap.objects.get(week=monday, query="tolk").count == 2
    assert search_gap_record(query="kookles", today=monday + dt.timedelta(days=7)) is True
