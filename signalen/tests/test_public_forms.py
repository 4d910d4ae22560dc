"""The family's signal form and the survey, GOV.UK style: the error summary first with a
link per field, plain messages, optional fields marked, the emergency number above."""

import re

import pytest

from signalen.models import Signal, Survey, SurveyQuestion

pytestmark = pytest.mark.django_db


def test_an_empty_signal_gets_an_error_summary_linking_to_the_text(client, network):
    response = client.post(f"/nl/signaal/?netwerk={network.slug}", {"text": "", "website": ""})
    content = response.content.decode()
    assert response.status_code == 200
    form = content.split("<form", 1)[1]
    assert form.index('id="error-summary"') < form.index('class="hvhk-field"')
    assert "Er is een probleem" in form
    assert 'href="#id_text">Schrijf in een paar woorden wat je mist of wat moeilijk is</a>' in form
    assert "Dit veld is verplicht" not in content
    assert not Signal.objects.exists()


def test_personal_data_is_listed_in_the_summary_too(client, network):
    response = client.post(
        f"/nl/signaal/?netwerk={network.slug}", {"text": "Bel mij op 0470 12 34 56", "website": ""}
    )
    summary = response.content.decode().split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_text"' in summary


def test_the_signal_form_marks_optional_fields_and_puts_112_above_the_form(client, network):
    content = client.get(f"/nl/signaal/?netwerk={network.slug}").content.decode()
    assert re.search(r'<label for="id_email">[^<]*\(niet verplicht\):?</label>', content)
    ages = r"<legend[^>]*>[^<]*Hoe oud zijn je kinderen\?[^<]*\(niet verplicht\)"
    assert re.search(ages, content)
    assert not re.search(r'<label for="id_text">[^<]*niet verplicht', content)
    assert content.index("Bij nood bel je 112") < content.index("<form")
    assert 'id="error-summary"' not in content


def test_an_empty_survey_gets_the_error_summary(client, network):
    survey = Survey.objects.create(network=network, slug="noden", title_nl="Wat heb je nodig?")
    SurveyQuestion.objects.create(survey=survey, position=0, text_nl="Wat mis je?")
    response = client.post("/nl/bevraging/noden/", {"website": ""})
    assert "Er is een probleem" in response.content.decode()
