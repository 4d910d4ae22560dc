"""What needs a coordinator this week, read in one place for the cockpit and the agenda.

Every function takes the ids of the networks the coordinator coordinates and reads
counts, references and names only: a referral shows as its reference and the two
organisations, never the family or the question (professional secrecy). Each list
is capped, so the cockpit costs a fixed number of queries whatever the network's size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from huisvanhetkind.belgian_days import add_working_days, working_days_between

# How far ahead the cockpit (and the agenda) looks for agreements and funding ending.
ENDING_WITHIN_DAYS = 91
# Survey answers younger than this, not turned into a signal yet, are "to read".
SURVEY_ANSWERS_FOR_DAYS = 14
LIST_LIMIT = 20


@dataclass(frozen=True)
class StuckReferral:
    """A referral by its reference and organisations only: nothing about the family."""

    public_id: str
    status: str
    status_label: str
    referring: str
    receiving: str
    waiting_working_days: int


@dataclass
class DueThisWeek:
    stuck_referrals: list[StuckReferral] = field(default_factory=list)
    unread_questions: list = field(default_factory=list)
    offers_to_review: list = field(default_factory=list)
    offers_stale: list = field(default_factory=list)
    offers_funding_ending: list = field(default_factory=list)
    agreements_ending: list = field(default_factory=list)
    themes_on_agenda: list = field(default_factory=list)
    actions_without_result: list = field(default_factory=list)
    decision_actions_open: list = field(default_factory=list)
    survey_answers: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(items) for items in vars(self).values())


def _started_before(today: dt.date, working_days: int) -> dt.datetime:
    """Anything started before this moment has waited `working_days` or more today."""
    day = today
    while add_working_days(day, working_days) > today:
        day -= dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def stuck_referrals(*, network_ids: set[int], today: dt.date) -> list[StuckReferral]:
    """Sent and not accepted in time, or accepted without first contact in time (one query)."""
    from doorverwijzing.choices import ReferralStatus
    from doorverwijzing.models import Referral

    in_network = Q(referring_organisation__networks__in=network_ids) | Q(
        receiving_organisation__networks__in=network_ids
    )
    late = Q(
        status=ReferralStatus.SENT,
        sent_at__lt=_started_before(today, settings.REFERRAL_ACCEPT_WORKING_DAYS),
    ) | Q(
        status=ReferralStatus.ACCEPTED,
        accepted_at__lt=_started_before(today, settings.REFERRAL_CONTACT_WORKING_DAYS),
    )
    rows = (
        Referral.objects.filter(in_network, late, erased_at__isnull=True)
        .order_by("sent_at")
        .values_list(
            "public_id",
            "status",
            "sent_at",
            "accepted_at",
            "referring_organisation__name",
            "receiving_organisation__name",
        )
        .distinct()[:LIST_LIMIT]
    )
    result = []
    for public_id, status, sent_at, accepted_at, referring, receiving in rows:
        since = accepted_at if status == ReferralStatus.ACCEPTED else sent_at
        result.append(
            StuckReferral(
                public_id=public_id,
                status=status,
                status_label=str(ReferralStatus(status).label),
                referring=referring,
                receiving=receiving,
                waiting_working_days=working_days_between(timezone.localdate(since), today),
            )
        )
    return result


def unread_questions(*, network_ids: set[int]) -> list:
    """Families' questions at the contact point nobody picked up yet (reference and date)."""
    from doorverwijzing.choices import IntakeStatus
    from doorverwijzing.models import IntakeRequest

    return list(
        IntakeRequest.objects.filter(
            network_id__in=network_ids, status=IntakeStatus.NEW, erased_at__isnull=True
        )
        .only("id", "created_at", "network_id")
        .order_by("created_at")[:LIST_LIMIT]
    )


def agreements_ending(*, network_ids: set[int], today: dt.date) -> list:
    from partners.choices import AgreementStatus
    from partners.models import Agreement

    return list(
        Agreement.objects.filter(
            network_id__in=network_ids,
            status=AgreementStatus.ACTIVE,
            end__gte=today,
            end__lte=today + dt.timedelta(days=ENDING_WITHIN_DAYS),
        ).order_by("end")[:LIST_LIMIT]
    )


def themes_on_agenda(*, network_ids: set[int]) -> list:
    from signalen.choices import ThemeStatus
    from signalen.models import Theme

    return list(
        Theme.objects.filter(network_id__in=network_ids, status=ThemeStatus.ON_AGENDA).order_by(
            "status_changed_at", "id"
        )[:LIST_LIMIT]
    )


def actions_without_result(*, network_ids: set[int], today: dt.date) -> list:
    """Plan actions whose last month has passed (or whose year ended) without a result."""
    from actieplan.models import Action

    past = Q(goal__plan__year__lt=today.year) | Q(
        goal__plan__year=today.year, end_month__lt=today.month
    )
    return list(
        Action.objects.filter(past, goal__plan__network_id__in=network_ids, result="")
        .select_related("goal__plan")
        .order_by("goal__plan__year", "end_month", "id")[:LIST_LIMIT]
    )


def decision_actions_open(*, network_ids: set[int], today: dt.date, days_ahead: int = 7) -> list:
    """Actions decided in a meeting, not done, due within a week (or overdue)."""
    from partners.models import Decision

    return list(
        Decision.objects.open_actions()
        .filter(
            meeting__group__network_id__in=network_ids,
            due_date__lte=today + dt.timedelta(days=days_ahead),
        )
        .select_related("owner", "meeting__group")
        .order_by("due_date", "id")[:LIST_LIMIT]
    )


def survey_answers_to_read(*, network_ids: set[int], today: dt.date) -> list:
    from signalen.models import SurveyAnswer

    since = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=SURVEY_ANSWERS_FOR_DAYS), dt.time.min)
    )
    return list(
        SurveyAnswer.objects.filter(
            question__survey__network_id__in=network_ids,
            signal__isnull=True,
            created_at__gte=since,
        )
        .select_related("question__survey")
        .order_by("-created_at")[:LIST_LIMIT]
    )


def due_this_week(*, user, network_ids: set[int], today: dt.date) -> DueThisWeek:
    """Everything of the cockpit, in a fixed number of queries."""
    from aanbod.selectors import coordinator_offer_attention

    if not network_ids:
        return DueThisWeek()
    offers = coordinator_offer_attention(user=user, today=today, limit=LIST_LIMIT)
    return DueThisWeek(
        stuck_referrals=stuck_referrals(network_ids=network_ids, today=today),
        unread_questions=unread_questions(network_ids=network_ids),
        offers_to_review=offers["offers_to_review"],
        offers_stale=offers["offers_stale"],
        offers_funding_ending=offers["offers_funding_ending"],
        agreements_ending=agreements_ending(network_ids=network_ids, today=today),
        themes_on_agenda=themes_on_agenda(network_ids=network_ids),
        actions_without_result=actions_without_result(network_ids=network_ids, today=today),
        decision_actions_open=decision_actions_open(network_ids=network_ids, today=today),
        survey_answers=survey_answers_to_read(network_ids=network_ids, today=today),
    )
