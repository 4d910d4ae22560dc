"""The demo's action plans are built through the plan services, as a coordinator would."""

import pytest
from django.utils import timezone

from actieplan import demo as plan_demo
from actieplan.choices import ActionStatus, PlanStatus
from actieplan.models import Action, ActionPlan
from partners import demo as network_demo
from signalen import demo as signal_demo
from signalen.models import Theme

pytestmark = pytest.mark.django_db


def test_last_years_plan_is_adopted_with_results_that_reach_the_signal_themes():
    network_demo.load()
    signal_demo.load()
    plan_demo.load()
    year = timezone.localdate().year
    previous, current = ActionPlan.objects.order_by("year")
    assert (previous.year, previous.status) == (year - 1, PlanStatus.ADOPTED)
    assert timezone.localtime(previous.adopted_at).date().isoformat() == f"{year - 2}-12-10"
    assert (current.year, current.status) == (year, PlanStatus.DRAFT)
    done = Action.objects.filter(goal__plan=previous, status=ActionStatus.DONE)
    assert done.count() == 4 and not done.filter(result_recorded_at=None).exists()
    theme = Theme.objects.get(title="Groeipakket-zitdagen zijn niet gekend")
    assert "Flyer over de zitdagen in vijf talen" in theme.feedback
    plan_demo.load()
    assert ActionPlan.objects.count() == 2
