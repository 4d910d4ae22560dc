"""The public check, the hand-off to the contact point and the desk mode, through the client."""

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from doorverwijzing.choices import IntakeSource
from doorverwijzing.models import IntakeRequest
from doorverwijzing.tests.factories import social_worker
from partners.models import Deelgemeente
from partners.tests.factories import (
    MunicipalityFactory,
    NetworkFactory,
    OrganisationFactory,
)
from rechten.models import Right, RightCheckCount
from rechten.questions import QUESTION_LIST
from rechten.starting_set import rights_starting_set_load

pytestmark = pytest.mark.django_db
CHECK = "/nl/wat-kan-helpen/"


@pytest.fixture
def network():
    network = NetworkFactory(slug="scheldevallei")
    municipality = MunicipalityFactory(name="Wilgendaal")
    network.municipalities.set([municipality])
    Deelgemeente.objects.create(municipality=municipality, name="Wilgendaal", postcode="9240")
    organiser = OrganisationFactory(networks=[network])
    network.organiser = organiser
    network.save(update_fields=["organiser"])
    social_worker(organiser)  # someone reads the questions
    rights_starting_set_load(network=network)
    return network


def _url(network) -> str:
    return f"{CHECK}?netwerk={network.slug}"


def _walk(client, network, answers: dict) -> "HttpResponse":  # noqa: F821
    """Answer each screen as a family would: the answer, or "I don't know" when absent."""
    response = client.get(_url(network))
    assert response.status_code == 200
    data = {"step": -1, "go": "next"}
    response = client.post(_url(network), data)
    carried: dict = {}
    for index, question in enumerate(QUESTION_LIST):
        assert response.status_code == 200
        assert str(question.text) in response.content.decode()
        data = {**carried, "step": index}
        if question.key in answers:
            data[question.key] = answers[question.key]
            data["go"] = "next"
            carried[question.key] = answers[question.key]
        else:
            data["go"] = "skip"
        response = client.post(_url(network), data)
    return response


def _place(network) -> str:
    return str(Deelgemeente.objects.get(municipality__networks=network).id)


LEEFLOON = {
    "children": ["3_5", "6_11"],
    "single_parent": "yes",
    "status": "living_wage",
    "income": "low",
    "work": "job_seeking",
    "worries": ["money"],
}


def test_all_i_dont_know_shows_every_right_as_cant_tell_and_counts_nothing(client, network):
    response = _walk(client, network, {})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit is geen beslissing" in content
    result = response.context["result"]
    assert {item.verdict for item in result.rights} == {"cannot_tell"}
    assert not RightCheckCount.objects.exists()


def test_single_parent_on_leefloon_sees_what_is_worth_checking(client, network):
    response = _walk(client, network, {"place": _place(network), **LEEFLOON})
    worth = [item.right.key for item in response.context["result"].groups["worth_checking"]]
    assert {"groeipakket-sociale-toeslag", "schooltoeslag", "uitpas-kansentarief"} <= set(worth)
    assert "studietoelage" not in worth
    counts = RightCheckCount.objects.all()
    assert {c.right.key for c in counts} == set(worth)
    assert {(c.deelgemeente_id, c.worth_checking) for c in counts} == {(int(_place(network)), 1)}


def _table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (our own table names)
            counts[table] = cursor.fetchone()[0]
    return counts


def test_answers_are_not_stored_only_the_counts(client, network):
    before = _table_counts()
    response = _walk(client, network, {"place": _place(network), **LEEFLOON})
    after = _table_counts()
    changed = {table for table in before if before[table] != after[table]}
    assert changed == {"rechten_rightcheckcount"}
    # No session, no answers in a URL, nothing a browser or proxy keeps.
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]
    assert "living_wage" not in response.request.get("QUERY_STRING", "")


def test_counts_add_up_per_month_without_a_row_per_family(client, network):
    for _ in range(3):
        _walk(client, network, {"place": _place(network), **LEEFLOON})
    counts = RightCheckCount.objects.filter(right__key="schooltoeslag")
    assert [c.worth_checking for c in counts] == [3]


def test_a_tampered_answer_reads_as_i_dont_know(client, network):
    data = {"step": len(QUESTION_LIST) - 1, "go": "next", "status": "millionaire", "place": "x"}
    response = client.post(_url(network), data)
    assert response.status_code == 200
    assert response.context["result"].place is None


def test_back_keeps_the_answers_given(client, network):
    response = client.post(_url(network), {"step": 2, "go": "back", "children": "0_2"})
    assert response.context["step"] == 1
    assert response.context["selected"] == ["0_2"]


def test_unknown_network_is_404(client):
    assert client.get(f"{CHECK}?netwerk=bestaat-niet").status_code == 404


def test_help_me_sends_the_question_with_the_result_after_consent(client, network):
    data = {
        **LEEFLOON,
        "place": _place(network),
        "name": "Samira",
        "phone": "0499 11 22 33",
        "language": "ar",
        "question": "Ik wil hulp bij de aanvraag.",
        "consent": "on",
    }
    response = client.post(f"{reverse('rechten:help')}?netwerk={network.slug}", data)
    assert response.status_code == 302
    intake = IntakeRequest.objects.get()
    assert intake.source == IntakeSource.RIGHTS_CHECK
    assert intake.language == "ar"
    assert intake.question.startswith("Ik wil hulp bij de aanvraag.")
    assert "Schooltoeslag" in intake.question and "leefloon" in intake.question.lower()
    # The contact point's inbox says where the question came from.
    worker = social_worker(network.organiser)
    client.force_login(worker)
    inbox = client.get("/nl/doorverwijzingen/vragen/")
    assert inbox.status_code == 200
    assert "rechtencheck" in inbox.content.decode()


def test_help_me_without_consent_stores_nothing_and_says_why(client, network):
    data = {"place": _place(network), "name": "Samira", "phone": "0499 11 22 33", "language": "nl"}
    response = client.post(f"{reverse('rechten:help')}?netwerk={network.slug}", data)
    assert response.status_code == 200
    assert response.context["form"].errors["consent"]
    assert not IntakeRequest.objects.exists()


def test_desk_mode_is_for_social_workers(client, cast, network):
    url = reverse("rechten:desk")
    assert client.get(url).status_code == 302  # login
    client.force_login(cast.coordinator)
    assert client.get(url).status_code == 403
    client.force_login(cast.social_worker)
    assert client.get(url).status_code == 200
    response = client.post(url, {**LEEFLOON, "netwerk": network.slug, "language": "fr"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert len(response.context["result"].rights) == Right.objects.filter(network=network).count()
    assert response.context["family_language"] == "fr"


def test_check_pages_pin_their_queries(client, network, django_assert_max_num_queries):
    data = {**LEEFLOON, "place": _place(network), "step": len(QUESTION_LIST) - 1, "go": "next"}
    with django_assert_max_num_queries(12):
        response = client.post(_url(network), data)
    assert response.status_code == 200
