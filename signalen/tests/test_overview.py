"""The signals overview: figures checked against raw SQL, fixed query counts, who may read it."""
# ruff: noqa: S608 -- the SQL is built from constant fragments in this file; values go as parameters.

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from aanbod.choices import AgeGroup, LifeDomain
from partners.choices import GroupKind, Role
from partners.tests.factories import GroupFactory, MembershipFactory, NetworkFactory, UserFactory
from signalen import selectors
from signalen.choices import Barrier, SignalKind, SignalSource

from .factories import SignalFactory, ThemeFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def _at(days_ago: int) -> dt.datetime:
    zone = timezone.get_default_timezone()
    return dt.datetime.combine(TODAY, dt.time(10), tzinfo=zone) - dt.timedelta(days=days_ago)


def _signals(network, count: int):
    themes = [ThemeFactory(network=network), ThemeFactory(network=network)]
    municipality = network.municipalities.first()
    for index in range(count):
        SignalFactory(
            network=network,
            theme=themes[index % 3] if index % 3 < 2 else None,
            kind=SignalKind.BARRIER if index % 2 else SignalKind.NEED,
            barrier=Barrier.COST if index % 2 else "",
            source=[SignalSource.STAFF, SignalSource.FAMILY][index % 2],
            life_domains=[LifeDomain.PARENTING, LifeDomain.MONEY][: 1 + index % 2],
            age_groups=[AgeGroup.BABY_TODDLER] if index % 4 else [],
            municipality=municipality if index % 5 else None,
            created_at=_at(index * 23 % 1000),
        )
    SignalFactory(network=NetworkFactory(), created_at=_at(3))  # another network: never counted


def _raw(sql: str, params: list) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {key: count for key, count in cursor.fetchall()}


def test_signal_counts_match_a_raw_sql_count(network):
    _signals(network, 40)
    start, end = dt.date(2025, 7, 1), TODAY + dt.timedelta(days=1)
    counts = selectors.signal_counts(network=network, start=start, end=end)
    where = (
        "network_id = %s AND created_at >= (%s::date AT TIME ZONE 'Europe/Brussels') "
        "AND created_at < (%s::date AT TIME ZONE 'Europe/Brussels')"
    )
    params = [network.id, start, end]
    total = _raw(f"SELECT 1, count(*) FROM signalen_signal WHERE {where}", params)[1]
    assert counts.total == total > 0
    assert {key: n for key, _label, n in counts.per_theme} == _raw(
        f"SELECT theme_id, count(*) FROM signalen_signal WHERE {where} GROUP BY theme_id", params
    )
    assert {key: n for key, _label, n in counts.per_barrier} == _raw(
        f"SELECT barrier, count(*) FROM signalen_signal WHERE {where} AND barrier <> '' "
        "GROUP BY barrier",
        params,
    )
    assert {key: n for key, _label, n in counts.per_life_domain} == _raw(
        f"SELECT d, count(*) FROM signalen_signal, unnest(life_domains) d WHERE {where} GROUP BY d",
        params,
    )
    assert {key: n for key, _label, n in counts.per_age_group} == _raw(
        f"SELECT a, count(*) FROM signalen_signal, unnest(age_groups) a WHERE {where} GROUP BY a",
        params,
    )
    assert {key: n for key, _label, n in counts.per_source} == _raw(
        f"SELECT source, count(*) FROM signalen_signal WHERE {where} GROUP BY source", params
    )
    assert sorted(n for _key, _label, n in counts.per_area) == sorted(
        _raw(
            f"SELECT municipality_id, count(*) FROM signalen_signal WHERE {where} "
            "GROUP BY municipality_id",
            params,
        ).values()
    )
    months = _raw(
        "SELECT to_char(created_at AT TIME ZONE 'Europe/Brussels', 'YYYY-MM'), count(*) "
        f"FROM signalen_signal WHERE {where} GROUP BY 1",
        params,
    )
    assert {label: n for _month, label, n in counts.per_month if n} == months
    assert len(counts.per_month) == 12


def test_theme_trends_match_a_raw_sql_count_per_period(network):
    _signals(network, 60)
    trends = selectors.theme_trends(network=network, years=3, today=TODAY)
    assert [(p.start, p.end) for p in trends.periods] == [
        (dt.date(2023, 7, 1), dt.date(2024, 7, 1)),
        (dt.date(2024, 7, 1), dt.date(2025, 7, 1)),
        (dt.date(2025, 7, 1), dt.date(2026, 7, 1)),
    ]
    for index, period in enumerate(trends.periods):
        raw = _raw(
            "SELECT theme_id, count(*) FROM signalen_signal WHERE network_id = %s "
            "AND created_at >= (%s::date AT TIME ZONE 'Europe/Brussels') "
            "AND created_at < (%s::date AT TIME ZONE 'Europe/Brussels') GROUP BY theme_id",
            [network.id, period.start, period.end],
        )
        shown = {trend.theme_id: trend.counts[index] for trend in trends.themes}
        assert {k: v for k, v in shown.items() if v} == raw


def test_a_theme_trend_reads_rising_or_falling():
    rising = selectors.ThemeTrend(theme_id=1, title="", status="", counts=[4, 9, 18])
    falling = selectors.ThemeTrend(theme_id=2, title="", status="", counts=[16, 9, 3])
    stable = selectors.ThemeTrend(theme_id=3, title="", status="", counts=[6, 7, 6])
    assert (rising.direction, falling.direction, stable.direction) == (
        "rising",
        "falling",
        "stable",
    )


@pytest.mark.parametrize("count", [3, 60])
def test_overview_takes_the_same_queries_whatever_the_number_of_signals(
    client, cast, network, count, django_assert_max_num_queries
):
    _signals(network, count)
    client.force_login(cast["coordinator"])
    with django_assert_max_num_queries(16):
        response = client.get("/nl/signalen/overzicht/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<svg") == 4 and 'role="img"' in content


@pytest.mark.parametrize("count", [3, 60])
def test_lists_take_the_same_queries_whatever_the_number_of_signals(
    client, cast, network, count, django_assert_max_num_queries
):
    _signals(network, count)
    from signalen.models import Signal

    Signal.objects.filter(network=network).update(reporter=cast["coordinator"])
    theme = network.signal_themes.first()
    client.force_login(cast["coordinator"])
    for url in (
        "/nl/signalen/",
        "/nl/signalen/bundelen/",
        "/nl/signalen/themas/",
        f"/nl/signalen/themas/{theme.pk}/",
    ):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200, url


def test_viewer_and_stuurgroep_member_read_the_overview_a_worker_does_not(client, cast, network):
    viewer = UserFactory()
    MembershipFactory(user=viewer, role=Role.VIEWER, network=network)
    steering_member = UserFactory()
    GroupFactory(network=network, kind=GroupKind.STEERING).member_users.add(steering_member)
    for user, status in ((viewer, 200), (steering_member, 200), (cast["social_worker"], 403)):
        client.force_login(user)
        assert client.get("/nl/signalen/overzicht/").status_code == status


def test_a_coordinator_cannot_pick_another_network_in_the_overview(client, cast, network):
    other = NetworkFactory()
    client.force_login(cast["coordinator"])
    assert client.get(f"/nl/signalen/overzicht/?netwerk={other.slug}").status_code == 404


def test_search_gaps_sum_the_weeks_of_the_period():
    from signalen.services import search_gap_record

    for day in (dt.date(2026, 3, 2), dt.date(2026, 3, 10), dt.date(2026, 3, 11)):
        search_gap_record(query="tolk", today=day)
    search_gap_record(query="zwemles", today=dt.date(2026, 1, 5))
    assert selectors.search_gaps(start=dt.date(2026, 3, 1), end=dt.date(2026, 4, 1)) == [
        ("tolk", 3)
    ]


@pytest.mark.parametrize("count", [2, 25])
def test_survey_pages_take_the_same_queries_whatever_the_number_of_answers(
    client, cast, network, count, django_assert_max_num_queries
):
    import uuid

    from signalen.models import Survey, SurveyAnswer, SurveyQuestion

    for index in range(count):
        survey = Survey.objects.create(network=network, slug=f"bevraging-{index}", title="Noden")
        question = SurveyQuestion.objects.create(survey=survey, position=0, text_nl="Wat mis je?")
        for _answer in range(count):
            SurveyAnswer.objects.create(question=question, response_id=uuid.uuid4(), text="Opvang")
    client.force_login(cast["coordinator"])
    for url, queries in (
        ("/nl/signalen/bevragingen/", 10),
        (f"/nl/signalen/bevragingen/{survey.pk}/", 10),
        (f"/nl/bevraging/{survey.slug}/", 10),
    ):
        with django_assert_max_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200, url
