"""Every read about signals for a user, and the figures of the signals overview.

The figure functions take a network and a period and aggregate in SQL, in a
fixed number of queries whatever the number of signals: the overview page and
the action plan's evidence pack (actieplan/) read the same functions.
Signals are counted by the day they were given, in Europe/Brussels time.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.choices import AgeGroup, LifeDomain
from huisvanhetkind import permissions
from partners.models import Deelgemeente, Municipality, Network

from .choices import OPEN_THEME_STATUSES, Barrier, SignalKind, SignalSource, ThemeStatus
from .models import SearchGap, Signal, Survey, SurveyAnswer, Theme

MY_SIGNALS_PAGE_SIZE = 50
UNBUNDLED_PAGE_SIZE = 100
TREND_YEARS = 3


# --- Lists for a user ----------------------------------------------------------------


def my_signals(*, user) -> QuerySet:
    """The signals the user gave, newest first, with the theme's status and feedback."""
    return (
        Signal.objects.filter(reporter=user)
        .select_related("theme", "network", "municipality", "deelgemeente")
        .order_by("-created_at", "-id")
    )


def networks_for_reporting(*, user) -> QuerySet:
    """Networks the user may give a signal for."""
    return permissions.scope(user, Network.objects.order_by("name"), "signal.report")


def places_of(networks) -> tuple[QuerySet, QuerySet]:
    """Municipalities and deelgemeenten of these networks, for the "where" fields."""
    municipalities = Municipality.objects.filter(networks__in=networks).distinct().order_by("name")
    deelgemeenten = (
        Deelgemeente.objects.filter(municipality__in=municipalities)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )
    return municipalities, deelgemeenten


def place_names(*, network: Network) -> list[str]:
    """Names of the network's places: never a person's name in the privacy check."""
    municipalities, deelgemeenten = places_of([network])
    return [m.name for m in municipalities] + [d.name for d in deelgemeenten] + [network.name]


def coordinated_networks(*, user) -> QuerySet:
    return permissions.scope(user, Network.objects.order_by("name"), "signal.view_all")


def overview_networks(*, user) -> QuerySet:
    return permissions.scope(user, Network.objects.order_by("name"), "signal.overview")


def network_for_user(*, networks: QuerySet, slug: str | None) -> Network:
    """The chosen network among the user's, or their first; 404 when they have none."""
    network = (networks.filter(slug=slug) if slug else networks).first()
    if network is None:
        raise Http404
    return network


def unbundled_signals(*, user, network: Network) -> QuerySet:
    """Signals of a network the user coordinates that are not in a theme yet."""
    return (
        permissions.scope(user, Signal, "signal.view_all")
        .filter(network=network, theme__isnull=True)
        .select_related("municipality", "deelgemeente")
        .order_by("-created_at", "-id")
    )


def theme_list_for_user(*, user, network: Network) -> QuerySet:
    return (
        permissions.scope(user, Theme, "theme.manage")
        .filter(network=network)
        .annotate(signal_count=Count("signals"))
        .order_by("-created_at", "-id")
    )


def open_themes_for_user(*, user, network: Network) -> QuerySet:
    return (
        permissions.scope(user, Theme, "theme.manage")
        .filter(network=network, status__in=OPEN_THEME_STATUSES)
        .order_by("title")
    )


def theme_get_for_user(*, user, pk: int) -> Theme:
    """The theme, or 404 when it does not exist or the user does not coordinate its network."""
    theme = (
        permissions.scope(user, Theme, "theme.manage")
        .select_related("network")
        .filter(pk=pk)
        .first()
    )
    if theme is None:
        raise Http404
    return theme


def theme_signals(*, theme: Theme) -> QuerySet:
    return theme.signals.select_related("municipality", "deelgemeente", "reporter").order_by(
        "-created_at", "-id"
    )


def signal_get_for_user(*, user, pk: int) -> Signal:
    signal = (
        permissions.scope(user, Signal, "signal.view")
        .select_related("theme", "network")
        .filter(pk=pk)
        .first()
    )
    if signal is None:
        raise Http404
    return signal


def survey_get_public(*, slug: str) -> Survey:
    survey = Survey.objects.filter(slug=slug, is_open=True).select_related("network").first()
    if survey is None:
        raise Http404
    return survey


def survey_list_for_user(*, user, network: Network) -> QuerySet:
    return (
        permissions.scope(user, Survey, "theme.manage")
        .filter(network=network)
        .annotate(answer_count=Count("questions__answers"))
        .order_by("-created_at")
    )


def survey_get_for_user(*, user, pk: int) -> Survey:
    survey = permissions.scope(user, Survey, "theme.manage").filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey


def survey_answers(*, survey: Survey) -> QuerySet:
    return (
        SurveyAnswer.objects.filter(question__survey=survey)
        .select_related("question", "signal")
        .order_by("-created_at", "question__position", "id")
    )


def survey_answer_get_for_user(*, user, pk: int) -> SurveyAnswer:
    surveys = permissions.scope(user, Survey, "theme.manage")
    answer = (
        SurveyAnswer.objects.filter(pk=pk, question__survey__in=surveys)
        .select_related("question__survey")
        .first()
    )
    if answer is None:
        raise Http404
    return answer


# --- Figures -------------------------------------------------------------------------


@dataclass
class SignalCounts:
    """Signals of one network in [start, end): each list is (key, label, count), largest first."""

    total: int
    per_theme: list[tuple[int | None, str, int]]
    per_barrier: list[tuple[str, str, int]]
    per_life_domain: list[tuple[str, str, int]]
    per_age_group: list[tuple[str, str, int]]
    per_area: list[tuple[str, str, int]]
    per_source: list[tuple[str, str, int]]
    per_kind: list[tuple[str, str, int]]
    per_month: list[tuple[dt.date, str, int]] = field(default_factory=list)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) as aware datetimes at midnight in the site's time zone."""
    zone = timezone.get_default_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end, dt.time.min, tzinfo=zone),
    )


def _labelled(rows, labels: dict) -> list[tuple[str, str, int]]:
    return [
        (key, str(labels.get(key, key)), count)
        for key, count in sorted(rows, key=lambda row: (-row[1], str(row[0])))
    ]


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, month = [], start.replace(day=1)
    while month < end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


_ARRAY_COUNTS_SQL = """
    SELECT 'domain', value, count(*) FROM signalen_signal, unnest(life_domains) AS value
     WHERE network_id = %(network)s AND created_at >= %(start)s AND created_at < %(end)s
     GROUP BY value
    UNION ALL
    SELECT 'age', value, count(*) FROM signalen_signal, unnest(age_groups) AS value
     WHERE network_id = %(network)s AND created_at >= %(start)s AND created_at < %(end)s
     GROUP BY value
"""


def signal_counts(*, network: Network, start: dt.date, end: dt.date) -> SignalCounts:
    """Counts per theme, barrier, life domain, age group, area, source, kind and month.

    A signal with two life domains counts once in each; totals per dimension
    may therefore differ from `total`. Six queries, whatever the data.
    """
    lower, upper = _bounds(start, end)
    signals = Signal.objects.filter(network=network, created_at__gte=lower, created_at__lt=upper)
    # One query for the plain columns, grouped by every combination that occurs.
    combos = list(
        signals.values("theme_id", "barrier", "source", "kind").annotate(n=Count("id")).order_by()
    )
    total = sum(row["n"] for row in combos)
    by = defaultdict(lambda: defaultdict(int))
    for row in combos:
        for column in ("theme_id", "barrier", "source", "kind"):
            by[column][row[column]] += row["n"]
    titles = dict(
        Theme.objects.filter(id__in=[k for k in by["theme_id"] if k]).values_list("id", "title")
    )
    titles[None] = _("Not bundled yet")
    areas = (
        signals.values("municipality__name", "deelgemeente__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    area_rows = []
    for row in areas:
        municipality, deelgemeente = row["municipality__name"], row["deelgemeente__name"]
        if municipality is None:
            label = _("Place not given")
        elif deelgemeente and deelgemeente != municipality:
            label = f"{municipality} – {deelgemeente}"
        else:
            label = municipality
        area_rows.append((label, label, row["n"]))
    with connection.cursor() as cursor:
        cursor.execute(_ARRAY_COUNTS_SQL, {"network": network.id, "start": lower, "end": upper})
        arrays = cursor.fetchall()
    month_counts = dict(
        signals.annotate(month=TruncMonth("created_at", output_field=DateField()))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("month", "n")
    )
    return SignalCounts(
        total=total,
        per_theme=_labelled(by["theme_id"].items(), titles),
        per_barrier=_labelled(
            [(k, n) for k, n in by["barrier"].items() if k], dict(Barrier.choices)
        ),
        per_life_domain=_labelled(
            [(k, n) for kind, k, n in arrays if kind == "domain"], dict(LifeDomain.choices)
        ),
        per_age_group=_labelled(
            [(k, n) for kind, k, n in arrays if kind == "age"], dict(AgeGroup.choices)
        ),
        per_area=sorted(area_rows, key=lambda row: (-row[2], row[0])),
        per_source=_labelled(by["source"].items(), dict(SignalSource.choices)),
        per_kind=_labelled(by["kind"].items(), dict(SignalKind.choices)),
        per_month=[
            (month, f"{month:%Y-%m}", month_counts.get(month, 0)) for month in _months(start, end)
        ],
    )


@dataclass
class Period:
    start: dt.date
    end: dt.date  # exclusive

    @property
    def label(self) -> str:
        last = self.end - dt.timedelta(days=1)
        return f"{self.start:%m/%Y}–{last:%m/%Y}"


@dataclass
class ThemeTrend:
    theme_id: int | None
    title: str
    status: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def direction(self) -> str:
        """'rising', 'falling' or 'stable': the last period against the one before."""
        if len(self.counts) < 2:
            return "stable"
        before, last = self.counts[-2], self.counts[-1]
        if last > before * 1.2 and last - before >= 2:
            return "rising"
        if last < before * 0.8 and before - last >= 2:
            return "falling"
        return "stable"

    @property
    def status_label(self) -> str:
        return str(ThemeStatus(self.status).label) if self.status else ""


@dataclass
class Trends:
    periods: list[Period]
    themes: list[ThemeTrend]
    totals: list[int]


def trend_periods(*, years: int = TREND_YEARS, today: dt.date | None = None) -> list[Period]:
    """`years` periods of twelve whole months, oldest first, the last ending with this month."""
    today = today or timezone.localdate()
    end = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    periods = []
    for back in range(years, 0, -1):
        period_end = end.replace(year=end.year - (back - 1))
        periods.append(Period(period_end.replace(year=period_end.year - 1), period_end))
    return periods


def theme_trends(
    *, network: Network, years: int = TREND_YEARS, today: dt.date | None = None
) -> Trends:
    """Signals per theme in each of the last `years` twelve-month periods. Two queries."""
    periods = trend_periods(years=years, today=today)
    lower, _upper = _bounds(periods[0].start, periods[-1].end)
    conditions = {}
    for index, period in enumerate(periods):
        start, end = _bounds(period.start, period.end)
        conditions[f"p{index}"] = Count("id", filter=Q(created_at__gte=start, created_at__lt=end))
    rows = (
        Signal.objects.filter(network=network, created_at__gte=lower, created_at__lt=_upper)
        .values("theme_id")
        .annotate(**conditions)
        .order_by()
    )
    rows = list(rows)
    themes = {
        theme.id: theme
        for theme in Theme.objects.filter(
            id__in=[row["theme_id"] for row in rows if row["theme_id"]]
        )
    }
    trends = []
    for row in rows:
        theme = themes.get(row["theme_id"])
        trends.append(
            ThemeTrend(
                theme_id=row["theme_id"],
                title=theme.title if theme else _("Not bundled yet"),
                status=theme.status if theme else "",
                counts=[row[f"p{index}"] for index in range(len(periods))],
            )
        )
    trends.sort(key=lambda trend: (trend.theme_id is None, -trend.total, trend.title))
    totals = [sum(trend.counts[index] for trend in trends) for index in range(len(periods))]
    return Trends(periods=periods, themes=trends, totals=totals)


def search_gaps(
    *, network: Network | None = None, start: dt.date, end: dt.date, limit: int = 20
) -> list[tuple[str, int]]:
    """Searches that found nothing in [start, end), most frequent first: (words, count).

    Each search is counted for the network whose pages it was made on; with `network`
    only that network's searches count (None: the whole installation, for the admin).
    """
    monday = start - dt.timedelta(days=start.weekday())
    gaps = SearchGap.objects.filter(week__gte=monday, week__lt=end)
    if network is not None:
        gaps = gaps.filter(network=network)
    return list(
        gaps.values("query")
        .annotate(total=Sum("count"))
        .order_by("-total", "query")
        .values_list("query", "total")[:limit]
    )


def search_gap_total(*, network: Network, query: str, start: dt.date, end: dt.date) -> int:
    """How often `query` found nothing on the network's pages in [start, end)."""
    monday = start - dt.timedelta(days=start.weekday())
    return (
        SearchGap.objects.filter(
            network=network, query=query, week__gte=monday, week__lt=end
        ).aggregate(total=Sum("count"))["total"]
        or 0
    )
