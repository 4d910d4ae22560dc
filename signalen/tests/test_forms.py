"""Giving a signal: the staff form, the family form and a needs survey, as plain POSTs (no JS)."""

import pytest
from django.core.cache import cache

from signalen.choices import SignalKind, SignalSource
from signalen.models import Signal, Survey, SurveyAnswer, SurveyQuestion

pytestmark = pytest.mark.django_db

STAFF_SIGNAL = {"kind": SignalKind.NEED, "text": "Geen avondaanbod voor werkende ouders."}
FAMILY_SIGNAL = {"text": "Alle groepen zijn overdag, ik werk.", "barrier": "opening_hours"}


def test_staff_form_warns_against_personal_data(client, cast):
    client.force_login(cast["social_worker"])
    content = client.get("/nl/signalen/nieuw/").content.decode()
    assert "hvhk-field" in content
    assert "No personal data" in content or "Geen persoonsgegevens" in content


def test_staff_signal_is_saved_for_the_workers_network(client, cast, network):
    client.force_login(cast["social_worker"])
    response = client.post("/nl/signalen/nieuw/", {**STAFF_SIGNAL, "network": network.pk})
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.source == SignalSource.STAFF
    assert signal.reporter == cast["social_worker"] and signal.network == network


def test_staff_form_shows_personal_data_and_saves_nothing(client, cast, network):
    client.force_login(cast["social_worker"])
    text = "Mama Fatima El Amrani (0470 12 34 56, fatima@example.be) vindt geen opvang."
    response = client.post(
        "/nl/signalen/nieuw/", {**STAFF_SIGNAL, "network": network.pk, "text": text}
    )
    assert response.status_code == 200
    kinds = {finding.kind for finding in response.context["form"].findings}
    assert kinds == {"name", "phone", "email"}
    content = response.content.decode()
    assert "Fatima El Amrani" in content and 'name="not_personal"' in content
    assert not Signal.objects.exists()


def test_staff_may_confirm_that_a_flag_is_not_personal_data(client, cast, network):
    client.force_login(cast["social_worker"])
    data = {**STAFF_SIGNAL, "network": network.pk, "text": "Wachtlijst bij Sint Jozef is lang."}
    assert client.post("/nl/signalen/nieuw/", data).status_code == 200
    response = client.post("/nl/signalen/nieuw/", {**data, "not_personal": "on"})
    assert response.status_code == 302
    assert Signal.objects.count() == 1


def test_a_barrier_signal_needs_the_barrier(client, cast, network):
    client.force_login(cast["social_worker"])
    response = client.post(
        "/nl/signalen/nieuw/", {**STAFF_SIGNAL, "kind": SignalKind.BARRIER, "network": network.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["barrier"]


def test_staff_cannot_report_for_a_network_they_do_not_work_in(client, cast, network):
    client.force_login(cast["far_coordinator"])
    response = client.post("/nl/signalen/nieuw/", {**STAFF_SIGNAL, "network": network.pk})
    assert response.status_code == 200  # not a choice for them: a form error, nothing stored
    assert not Signal.objects.exists()


def test_the_staff_form_needs_a_login(client):
    response = client.get("/nl/signalen/nieuw/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def _give(client, network, **changes):
    return client.post(f"/nl/signaal/?netwerk={network.slug}", {**FAMILY_SIGNAL, **changes})


@pytest.mark.parametrize("lang", ["nl", "ar", "uk"])
def test_family_form_opens_without_an_account_in_every_language(client, network, lang):
    response = client.get(f"/{lang}/signaal/?netwerk={network.slug}")
    assert response.status_code == 200
    assert 'class="hvhk-honeypot" aria-hidden="true"' in response.content.decode()


def test_a_family_signal_is_stored_with_its_language_and_optional_email(client, network):
    response = client.post(
        f"/fr/signaal/?netwerk={network.slug}", {**FAMILY_SIGNAL, "email": "ouder@example.be"}
    )
    assert response.status_code == 302
    assert "/fr/signaal/bedankt/" in response["Location"]
    signal = Signal.objects.get()
    assert signal.source == SignalSource.FAMILY and signal.reporter is None
    assert signal.kind == SignalKind.BARRIER and signal.barrier == "opening_hours"
    assert signal.language == "fr" and signal.contact_email == "ouder@example.be"
    assert client.get(response["Location"]).status_code == 200


def test_a_family_signal_without_email_is_fine(client, network):
    assert _give(client, network, barrier="").status_code == 302
    signal = Signal.objects.get()
    assert signal.contact_email == "" and signal.kind == SignalKind.NEED


def test_a_filled_honeypot_stores_nothing(client, network):
    response = _give(client, network, website="https://spam.example")
    assert response.status_code == 400
    assert not Signal.objects.exists()


def test_a_family_is_asked_to_remove_a_phone_number(client, network):
    response = _give(client, network, text="Bel mij op 0470 12 34 56")
    assert response.status_code == 200
    assert not Signal.objects.exists()


def test_family_signals_are_rate_limited_per_address_without_storing_it(client, network):
    for _ in range(5):
        assert _give(client, network).status_code == 302
    response = _give(client, network)
    assert response.status_code == 429
    assert response.context["form"].non_field_errors()
    assert Signal.objects.count() == 5
    other = client.post(
        f"/nl/signaal/?netwerk={network.slug}", FAMILY_SIGNAL, REMOTE_ADDR="10.1.2.3"
    )
    assert other.status_code == 302
    keys = [key.decode() for key in cache._cache.get_client().keys("*signal-rate*")]
    assert keys and not any("127.0.0.1" in key for key in keys)


@pytest.fixture
def survey(network):
    survey = Survey.objects.create(
        network=network, slug="noden", title_nl="Wat heb je nodig?", title_en="What do you need?"
    )
    SurveyQuestion.objects.create(
        survey=survey, position=0, text_nl="Wat mis je?", text_en="What do you miss?"
    )
    SurveyQuestion.objects.create(
        survey=survey, position=1, text_nl="Wat is moeilijk?", kind=SignalKind.BARRIER
    )
    return survey


def test_a_survey_speaks_the_visitors_language_with_dutch_as_fallback(client, survey):
    content = client.get("/en/bevraging/noden/").content.decode()
    assert "What do you need?" in content and "What do you miss?" in content
    assert "Wat is moeilijk?" in content  # no English text: Dutch


def test_survey_answers_are_stored_anonymously(client, survey):
    first, second = survey.questions.all()
    response = client.post(
        "/nl/bevraging/noden/", {f"q{first.pk}": "Een speelplek", f"q{second.pk}": ""}
    )
    assert response.status_code == 302
    answer = SurveyAnswer.objects.get()
    assert answer.text == "Een speelplek" and answer.question == first


def test_an_empty_survey_or_a_honeypot_stores_nothing(client, survey):
    first = survey.questions.first()
    assert client.post("/nl/bevraging/noden/", {}).status_code == 200
    assert (
        client.post("/nl/bevraging/noden/", {f"q{first.pk}": "x", "website": "spam"}).status_code
        == 400
    )
    assert not SurveyAnswer.objects.exists()


def test_a_closed_survey_is_404(client, survey):
    survey.is_open = False
    survey.save()
    assert client.get("/nl/bevraging/noden/").status_code == 404


def test_a_flood_of_family_signals_stops_at_the_daily_cap_and_the_coordinator_hears_once(
    client, network, cast, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    from doorverwijzing.network_mail import daily_cap_mail_task

    settings.INTAKE_DAILY_CAP_PER_NETWORK = 2
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for index in range(4):
            cache.clear()  # each from another address: the per-address limit does not apply
            response = _give(client, network, text=f"Bericht nummer {index}")
    assert Signal.objects.filter(source=SignalSource.FAMILY).count() == 2
    assert response.status_code == 429
    assert network.phone in response.content.decode()
    assert len(callbacks) == 1
    assert daily_cap_mail_task(network.pk, "signal_cap") == 1
    assert mail.outbox[0].to == [cast["coordinator"].email]
    assert "Bericht" not in mail.outbox[0].body
