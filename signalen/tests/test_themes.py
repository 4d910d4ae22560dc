"""Bundling, status of a theme, feedback to the givers, and who may do it."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail

from partners.tests.factories import NetworkFactory
from signalen import services
from signalen.choices import SignalSource, ThemeStatus
from signalen.exceptions import SignalPermissionError, SignalStateError
from signalen.models import Signal, Theme
from signalen.tasks import signal_feedback_mail_task, theme_feedback_mail_task

from .factories import SignalFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_coordinator_bundles_ticked_signals_into_a_new_theme(client, cast, network):
    signals = SignalFactory.create_batch(3, network=network)
    client.force_login(cast["coordinator"])
    page = client.get("/nl/signalen/bundelen/")
    assert page.status_code == 200
    assert all(f'value="{s.pk}"' in page.content.decode() for s in signals)
    response = client.post(
        "/nl/signalen/bundelen/",
        {"signals": [signals[0].pk, signals[1].pk], "new_title": "Geen avondaanbod"},
    )
    theme = Theme.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/themas/{theme.pk}/")
    assert set(theme.signals.all()) == {signals[0], signals[1]}
    assert theme.network == network and theme.status == ThemeStatus.NEW
    assert LogEntry.objects.filter(object_id=str(theme.pk)).exists()


def test_coordinator_adds_signals_to_an_existing_theme(client, cast, network):
    theme = ThemeFactory(network=network)
    signal = SignalFactory(network=network)
    client.force_login(cast["coordinator"])
    client.post("/nl/signalen/bundelen/", {"signals": [signal.pk], "theme": theme.pk})
    signal.refresh_from_db()
    assert signal.theme == theme


def test_signals_of_another_network_cannot_be_bundled(cast, network):
    theme = ThemeFactory(network=network)
    foreign = SignalFactory(network=NetworkFactory())
    with pytest.raises(SignalStateError):
        services.signals_bundle(actor=cast["coordinator"], theme=theme, signal_ids=[foreign.pk])
    assert Signal.objects.get().theme is None


def test_a_worker_cannot_bundle(client, cast, network):
    client.force_login(cast["social_worker"])
    assert client.get("/nl/signalen/bundelen/").status_code == 403


def test_status_moves_step_by_step_with_reason_and_audit(cast, network):
    theme = ThemeFactory(network=network)
    coordinator = cast["coordinator"]
    theme = services.theme_start_analysis(theme=theme, actor=coordinator)
    theme = services.theme_put_on_agenda(theme=theme, actor=coordinator, reason="Maart")
    theme = services.theme_take_into_action_plan(theme=theme, actor=coordinator)
    theme = services.theme_answer(theme=theme, actor=coordinator, reason="Avondgroep gestart.")
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.ANSWERED and theme.status_reason == "Avondgroep gestart."
    assert LogEntry.objects.filter(object_id=str(theme.pk)).count() == 4


@pytest.mark.parametrize(
    ("start", "step"),
    [
        (ThemeStatus.NEW, services.theme_put_on_agenda),
        (ThemeStatus.NEW, services.theme_take_into_action_plan),
        (ThemeStatus.ANSWERED, services.theme_start_analysis),
        (ThemeStatus.NOT_TAKEN_UP, services.theme_put_on_agenda),
        (ThemeStatus.IN_ACTION_PLAN, services.theme_start_analysis),
    ],
)
def test_illegal_status_steps_are_refused(cast, network, start, step):
    theme = ThemeFactory(network=network, status=start)
    with pytest.raises(SignalStateError):
        step(theme=theme, actor=cast["coordinator"], reason="x")
    theme.refresh_from_db()
    assert theme.status == start


def test_not_taking_up_needs_a_reason(cast, network):
    theme = ThemeFactory(network=network)
    with pytest.raises(SignalStateError):
        services.theme_not_take_up(theme=theme, actor=cast["coordinator"], reason=" ")


def test_the_status_page_refuses_an_illegal_step_with_a_message(client, cast, network):
    theme = ThemeFactory(network=network)
    client.force_login(cast["coordinator"])
    response = client.post(
        f"/nl/signalen/themas/{theme.pk}/status/", {"status": ThemeStatus.ANSWERED}, follow=True
    )
    assert response.status_code == 200
    assert list(response.context["messages"])
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.NEW
    client.post(f"/nl/signalen/themas/{theme.pk}/status/", {"status": ThemeStatus.IN_ANALYSIS})
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.IN_ANALYSIS


def test_outsider_gets_404_on_a_theme(client, cast, network):
    theme = ThemeFactory(network=network)
    client.force_login(cast["far_coordinator"])
    assert client.get(f"/nl/signalen/themas/{theme.pk}/").status_code == 404
    assert (
        client.post(
            f"/nl/signalen/themas/{theme.pk}/status/", {"status": ThemeStatus.IN_ANALYSIS}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/nl/signalen/themas/{theme.pk}/terugkoppeling/", {"feedback": "x"}
        ).status_code
        == 404
    )
    with pytest.raises(SignalPermissionError):
        services.theme_start_analysis(theme=theme, actor=cast["far_coordinator"])


def test_feedback_reaches_only_givers_with_an_address_and_the_staff_list(
    client, cast, network, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(network=network, title="Wachtlijst opvang")
    with_email = SignalFactory(
        network=network,
        theme=theme,
        source=SignalSource.FAMILY,
        contact_email="ouder@example.be",
        language="fr",
    )
    SignalFactory(network=network, theme=theme, source=SignalSource.FAMILY)
    staff = SignalFactory(network=network, theme=theme, reporter=cast["social_worker"])
    client.force_login(cast["coordinator"])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            f"/nl/signalen/themas/{theme.pk}/terugkoppeling/",
            {"feedback": "Er zijn 24 extra plaatsen in Ter Heide."},
        )
    assert response.status_code == 302
    assert len(callbacks) == 1  # queued only after commit
    # What the worker runs, with IDs only.
    assert theme_feedback_mail_task.run(theme.pk) == 1
    assert signal_feedback_mail_task(with_email.pk) == 1
    assert [message.to for message in mail.outbox] == [["ouder@example.be"]]
    assert "24 extra plaatsen" in mail.outbox[0].body
    # Never twice: the claim is a conditional update.
    assert signal_feedback_mail_task(with_email.pk) == 0
    assert signal_feedback_mail_task(staff.pk) == 0
    assert len(mail.outbox) == 1
    # The staff member reads it under "My signals".
    client.force_login(cast["social_worker"])
    content = client.get("/nl/signalen/").content.decode()
    assert "24 extra plaatsen in Ter Heide" in content and "Wachtlijst opvang" in content


def test_my_signals_shows_only_my_own(client, cast, network):
    SignalFactory(network=network, reporter=cast["social_worker"], text="Mijn eigen signaal")
    SignalFactory(network=network, reporter=cast["coordinator"], text="Iemand anders")
    client.force_login(cast["social_worker"])
    content = client.get("/nl/signalen/").content.decode()
    assert "Mijn eigen signaal" in content and "Iemand anders" not in content


def test_a_survey_answer_becomes_a_signal_once(client, cast, network):
    from signalen.models import Survey, SurveyAnswer, SurveyQuestion

    survey = Survey.objects.create(network=network, slug="s", title_nl="S")
    question = SurveyQuestion.objects.create(survey=survey, text_nl="Wat mis je?")
    answer = SurveyAnswer.objects.create(question=question, text="Een speelplek")
    theme = ThemeFactory(network=network)
    client.force_login(cast["far_coordinator"])
    assert client.post(f"/nl/signalen/antwoorden/{answer.pk}/signaal/").status_code == 404
    client.force_login(cast["coordinator"])
    assert client.get(f"/nl/signalen/bevragingen/{survey.pk}/").status_code == 200
    client.post(f"/nl/signalen/antwoorden/{answer.pk}/signaal/", {"theme": theme.pk})
    signal = Signal.objects.get()
    assert signal.source == SignalSource.SURVEY and signal.theme == theme
    assert signal.text == "Een speelplek"
    with pytest.raises(SignalStateError):
        services.survey_answer_to_signal(answer=answer, actor=cast["coordinator"])


def test_news_such_as_an_action_result_reaches_givers_who_were_already_told(cast, network):
    from signalen.services import feedback_recipient_ids, theme_feedback_send

    theme = ThemeFactory(network=network, title="Geen avondaanbod")
    told = SignalFactory(
        network=network, theme=theme, source=SignalSource.FAMILY, contact_email="ouder@example.be"
    )
    theme_feedback_send(theme=theme, actor=cast["coordinator"], feedback="We zoeken een zaal.")
    signal_feedback_mail_task(told.pk)
    assert feedback_recipient_ids(theme_id=theme.pk) == []
    theme_feedback_send(
        theme=theme, actor=cast["coordinator"], feedback="We zoeken een zaal.", renotify=True
    )
    assert feedback_recipient_ids(theme_id=theme.pk) == []  # same words: nothing new to tell
    theme_feedback_send(
        theme=theme,
        actor=cast["coordinator"],
        feedback="Resultaat: elke dinsdagavond speelcafé.",
        renotify=True,
    )
    assert feedback_recipient_ids(theme_id=theme.pk) == [told.pk]


def test_a_refused_bundle_into_a_new_theme_leaves_no_empty_theme(client, cast, network):
    foreign = SignalFactory(network=NetworkFactory())
    mine = SignalFactory(network=network)

    with pytest.raises(SignalStateError):
        services.signals_bundle_into_theme(
            actor=cast["coordinator"],
            network=network,
            signal_ids=[mine.pk, foreign.pk],
            theme=None,
            new_title="Geen avondaanbod",
        )

    assert not Theme.objects.exists()
    assert Signal.objects.filter(theme__isnull=False).count() == 0


def test_bundling_into_a_new_theme_creates_it_and_moves_the_signals(cast, network):
    signals = SignalFactory.create_batch(2, network=network)

    theme, moved = services.signals_bundle_into_theme(
        actor=cast["coordinator"],
        network=network,
        signal_ids=[s.pk for s in signals],
        theme=None,
        new_title="  Wachtlijst  ",
    )

    assert (theme.title, moved) == ("Wachtlijst", 2)
    assert set(theme.signals.all()) == set(signals)


def test_coordinator_takes_a_signal_out_of_its_theme(client, cast, network):
    theme = ThemeFactory(network=network)
    signal = SignalFactory(network=network, theme=theme)
    client.force_login(cast["coordinator"])

    response = client.post(f"/nl/signalen/{signal.pk}/uit-thema/")

    assert response.status_code == 302 and response["Location"].endswith(f"/themas/{theme.pk}/")
    signal.refresh_from_db()
    assert signal.theme is None
    assert LogEntry.objects.filter(object_id=str(theme.pk)).exists()


def test_a_signal_outside_a_theme_cannot_be_taken_out(cast, network):
    signal = SignalFactory(network=network)

    with pytest.raises(SignalStateError):
        services.signal_unbundle(actor=cast["coordinator"], signal=signal)


def test_only_the_networks_coordinator_takes_a_signal_out(client, cast, network):
    signal = SignalFactory(network=network, theme=ThemeFactory(network=network))

    with pytest.raises(SignalPermissionError):
        services.signal_unbundle(actor=cast["social_worker"], signal=signal)
    client.force_login(cast["far_coordinator"])
    assert client.post(f"/nl/signalen/{signal.pk}/uit-thema/").status_code == 404
    signal.refresh_from_db()
    assert signal.theme is not None


def test_a_family_with_several_signals_in_one_theme_gets_one_mail(
    client, cast, network, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(network=network, title="Geen avondaanbod")
    first, second, third = (
        SignalFactory(network=network, theme=theme, source=SignalSource.FAMILY, contact_email=email)
        for email in ("ouder@example.be", "Ouder@Example.be", "ander@example.be")
    )
    client.force_login(cast["coordinator"])
    with django_capture_on_commit_callbacks():
        client.post(
            f"/nl/signalen/themas/{theme.pk}/terugkoppeling/",
            {"feedback": "Vanaf januari: elke dinsdagavond speelcafé."},
        )
    # One mail task per address, and each claims all of its giver's signals.
    assert theme_feedback_mail_task.run(theme.pk) == 2
    for signal in (first, second, third):
        signal_feedback_mail_task(signal.pk)
    assert sorted(m.to[0].lower() for m in mail.outbox) == ["ander@example.be", "ouder@example.be"]
    assert not Signal.objects.filter(theme=theme, feedback_mailed_at__isnull=True).exists()
