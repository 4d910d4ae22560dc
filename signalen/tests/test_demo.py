"""The demo's signals and themes come through the services, in the past, in every status."""

import datetime as dt

import pytest
from django.utils import timezone

from partners import demo as network_demo
from signalen import demo as signal_demo
from signalen.choices import SignalSource, ThemeStatus
from signalen.models import SearchGap, Signal, SurveyAnswer, Theme

pytestmark = pytest.mark.django_db


def test_the_demo_has_themes_in_every_status_and_three_years_of_signals():
    network_demo.load()
    signal_demo.load()
    themes = Theme.objects.all()
    assert set(themes.values_list("status", flat=True)) == set(ThemeStatus.values)
    now = timezone.now()
    for theme in themes.exclude(status=ThemeStatus.NEW):
        assert theme.status_changed_at < now - dt.timedelta(days=4)
    assert themes.exclude(feedback="").filter(feedback_sent_at__lt=now).count() == 3
    signals = Signal.objects.all()
    assert signals.filter(theme=None).count() == len(signal_demo.UNBUNDLED)
    assert signals.filter(created_at__lt=now - dt.timedelta(days=2 * 365)).exists()
    assert not signals.filter(source=SignalSource.FAMILY).exclude(deelgemeente=None).exists()
    assert SearchGap.objects.exists() and SurveyAnswer.objects.exists()


def test_loading_the_demo_twice_adds_nothing():
    network_demo.load()
    signal_demo.load()
    counts = (Theme.objects.count(), Signal.objects.count())
    signal_demo.load()
    assert (Theme.objects.count(), Signal.objects.count()) == counts
