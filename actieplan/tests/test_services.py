"""The plan's rules: states, scoping, the result loop back to the signal givers, build claims."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from actieplan.choices import ActionStatus, BuildStatus, PackKind, PlanStatus
from actieplan.exceptions import PlanPermissionError, PlanStateError
from actieplan.models import EvidencePack
from actieplan.services import (
    BUILD_STALLED_AFTER,
    action_create,
    action_record_result,
    evidence_pack_request,
    evidence_packs_scheduled,
    goal_create,
    plan_adopt,
    plan_create,
)
from actieplan.tests.factories import ActionFactory, ActionPlanFactory, GoalFactory
from partners.choices import Pillar
from partners.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
)
from signalen.models import Signal, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    """The cast's coordinator (conftest.py), who knows their network."""
    cast.coordinator.network = cast.network
    return cast.coordinator


def test_coordinator_creates_a_plan_once_per_year(coordinator):
    plan = plan_create(actor=coordinator, network=coordinator.network, year=2027, title="Plan")
    assert plan.status == PlanStatus.DRAFT
    with pytest.raises(PlanStateError):
        plan_create(actor=coordinator, network=coordinator.network, year=2027, title="Nog eens")


def test_nobody_writes_a_plan_for_another_network(coordinator):
    with pytest.raises(PlanPermissionError):
        plan_create(actor=coordinator, network=NetworkFactory(), year=2027, title="Niet van mij")


def test_a_plan_without_goals_cannot_be_adopted_and_adopts_once(coordinator):
    plan = ActionPlanFactory(network=coordinator.network)
    with pytest.raises(PlanStateError):
        plan_adopt(actor=coordinator, plan=plan)
    GoalFactory(plan=plan)
    plan = plan_adopt(actor=coordinator, plan=plan)
    assert plan.status == PlanStatus.ADOPTED and plan.adopted_at
    with pytest.raises(PlanStateError):
        plan_adopt(actor=coordinator, plan=plan)


def test_goals_answer_only_themes_and_actions_name_only_partners_of_the_network(coordinator):
    plan = ActionPlanFactory(network=coordinator.network)
    foreign_theme = Theme.objects.create(network=NetworkFactory(), title="Elders")
    with pytest.raises(PlanStateError):
        goal_create(
            actor=coordinator, plan=plan, pillar=Pillar.HEALTH, text="x", themes=[foreign_theme]
        )
    goal = goal_create(actor=coordinator, plan=plan, pillar=Pillar.HEALTH, text="Gezonde voeding")
    with pytest.raises(PlanStateError):
        action_create(actor=coordinator, goal=goal, text="y", partners=[OrganisationFactory()])
    with pytest.raises(PlanStateError):
        action_create(actor=coordinator, goal=goal, text="y", start_month=9, end_month=3)
    partner = OrganisationFactory(networks=[coordinator.network])
    action = action_create(
        actor=coordinator,
        goal=goal,
        text="Kookworkshop",
        partners=[partner],
        budget=Decimal("250.50"),
        start_month=3,
        end_month=5,
    )
    assert list(action.partners.all()) == [partner] and action.status == ActionStatus.PLANNED


def test_a_result_reaches_the_themes_and_their_signal_givers(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    network = coordinator.network
    theme = Theme.objects.create(
        network=network, title="Geen avondaanbod", feedback="We bekijken dit in de stuurgroep."
    )
    Signal.objects.create(
        network=network,
        theme=theme,
        source="family",
        kind="gap",
        contact_email="ouder@example.be",
        created_at=timezone.now(),
    )
    action = ActionFactory(
        goal=GoalFactory(plan=ActionPlanFactory(network=network), themes=[theme])
    )
    with django_capture_on_commit_callbacks() as callbacks:
        action = action_record_result(
            actor=coordinator,
            action=action,
            result="partly",
            result_note="Eén avond per maand open.",
        )
    assert action.status == ActionStatus.DONE and action.result_recorded_at
    theme.refresh_from_db()
    assert theme.feedback.startswith("We bekijken dit in de stuurgroep.")
    assert action.text in theme.feedback and "Eén avond per maand open." in theme.feedback
    assert theme.feedback_sent_at is not None
    assert callbacks, "the mail to the signal giver is queued after commit"

    # A corrected result replaces the old line instead of adding one.
    action_record_result(
        actor=coordinator, action=action, result="done", result_note="Elke donderdag open."
    )
    theme.refresh_from_db()
    assert "Eén avond per maand" not in theme.feedback
    assert theme.feedback.count(action.text) == 1


def test_a_result_needs_words(coordinator):
    action = ActionFactory(goal=GoalFactory(plan=ActionPlanFactory(network=coordinator.network)))
    with pytest.raises(PlanStateError):
        action_record_result(actor=coordinator, action=action, result="done", result_note=" ")


def test_a_second_request_joins_the_build_under_way(coordinator):
    network = coordinator.network
    first = evidence_pack_request(network=network, year=2027, kind=PackKind.PLAN, actor=coordinator)
    again = evidence_pack_request(network=network, year=2027, kind=PackKind.PLAN, actor=coordinator)
    assert again.id == first.id and first.status == BuildStatus.QUEUED
    report = evidence_pack_request(network=network, year=2027, kind=PackKind.REPORT)
    assert report.id != first.id


def test_a_stalled_build_is_queued_again(coordinator, django_capture_on_commit_callbacks):
    network = coordinator.network
    pack = evidence_pack_request(network=network, year=2027, kind=PackKind.PLAN)
    EvidencePack.objects.filter(id=pack.id).update(status=BuildStatus.RUNNING, progress=40)
    later = timezone.now() + BUILD_STALLED_AFTER + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks() as soon:
        evidence_pack_request(network=network, year=2027, kind=PackKind.PLAN)
    with django_capture_on_commit_callbacks() as stalled:
        same = evidence_pack_request(network=network, year=2027, kind=PackKind.PLAN, now=later)
    assert same.id == pack.id
    assert len(soon) == 0 and len(stalled) == 1


def test_beat_builds_every_network_once_on_the_build_date_only(settings):
    settings.EVIDENCE_BUILD_DATE = "10-01"
    networks = [NetworkFactory(), NetworkFactory()]
    assert evidence_packs_scheduled(today=dt.date(2026, 9, 30)) == []
    packs = evidence_packs_scheduled(today=dt.date(2026, 10, 1))
    assert {(p.network_id, p.year, p.kind) for p in packs} == {
        (n.id, 2027, PackKind.PLAN) for n in networks
    }
    assert evidence_packs_scheduled(today=dt.date(2026, 10, 1)) == []  # beat ran twice
    assert EvidencePack.objects.count() == 2


@pytest.mark.parametrize("value", ["02-30", "1-10-1", "oktober"])
def test_a_bad_build_date_stops_the_start(value):
    from tests.test_settings import _manage

    result = _manage("check", DEBUG="true", EVIDENCE_BUILD_DATE=value)
    assert result.returncode != 0
    assert "EVIDENCE_BUILD_DATE must be a day of the year as MM-DD" in result.stderr
