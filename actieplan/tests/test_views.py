"""The plan pages: who may read and write, progress polling, downloads."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from actieplan import urls
from actieplan.choices import BuildStatus, PackKind
from actieplan.evidence import evidence_figures
from actieplan.models import EvidencePack
from actieplan.services import evidence_pack_request
from actieplan.tests.factories import ActionFactory, GoalFactory

from .conftest import BUILD_DAY, PLAN_YEAR

pytestmark = pytest.mark.django_db

# url name -> (object the id belongs to, method, answer for a stuurgroep member who may read).
# Every URL with an id is here: a coordinator of another network gets 404 on each.
URLS_WITH_ID = {
    "plan_detail": ("plan", "get", 200),
    "plan_download": ("plan", "get", 200),
    "plan_edit": ("plan", "get", 403),
    "plan_adopt": ("plan", "post", 403),
    "goal_create": ("plan", "get", 403),
    "pack_request": ("plan", "post", 403),
    "goal_edit": ("goal", "get", 403),
    "action_create": ("goal", "get", 403),
    "action_edit": ("action", "get", 403),
    "action_result": ("action", "get", 403),
    "pack_detail": ("pack", "get", 200),
    "pack_status": ("pack", "get", 200),
    "pack_download": ("pack", "get", 200),
}


def test_every_url_with_an_id_has_a_row():
    with_id = {p.name for p in urls.urlpatterns if "<int:pk>" in str(p.pattern)}
    assert with_id == set(URLS_WITH_ID)


@pytest.fixture
def built(evidence_world, media):
    plan = evidence_world["plan"]
    goal = GoalFactory(plan=plan)
    action = ActionFactory(goal=goal)
    # A finished pack as the worker leaves it; test_evidence.py builds real ones (slower).
    figures = evidence_figures(
        network=plan.network, year=PLAN_YEAR, kind=PackKind.PLAN, today=BUILD_DAY
    )
    pack = EvidencePack(
        network=plan.network,
        year=PLAN_YEAR,
        kind=PackKind.PLAN,
        status=BuildStatus.DONE,
        progress=100,
        is_current=True,
        figures=figures,
        built_at=timezone.now(),
    )
    pack.pdf.save("pack.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    pack.docx.save("pack.docx", ContentFile(b"PK test"), save=False)
    pack.save()
    return {"plan": plan, "goal": goal, "action": action, "pack": pack, **evidence_world}


def _url(name: str, objects: dict) -> str:
    kind, _method, _status = URLS_WITH_ID[name]
    kwargs = {"pk": objects[kind].pk}
    if name in ("pack_download", "plan_download"):
        kwargs["extension"] = "pdf"
    return reverse(f"actieplan:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(URLS_WITH_ID))
def test_coordinator_of_another_network_gets_404(client, built, far_coordinator, name):
    client.force_login(far_coordinator)
    method = URLS_WITH_ID[name][1]
    response = getattr(client, method)(_url(name, built), {"kind": "plan"})
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(URLS_WITH_ID))
def test_stuurgroep_member_reads_but_may_not_write(client, built, name):
    client.force_login(built["steering_member"])
    _kind, method, status = URLS_WITH_ID[name]
    response = getattr(client, method)(_url(name, built), {"kind": "plan"})
    assert response.status_code == status


@pytest.mark.parametrize("name", sorted(URLS_WITH_ID))
def test_coordinator_opens_every_page_of_the_own_plan(client, built, name):
    client.force_login(built["coordinator"])
    _kind, method, _status = URLS_WITH_ID[name]
    response = getattr(client, method)(_url(name, built), {"kind": "plan"})
    # A page opens; a step (adopt, build the pack) is taken and goes back to the plan.
    assert response.status_code == (200 if method == "get" else 302)
    if method == "post":
        assert response["Location"].startswith(built["plan"].get_absolute_url())


def test_anonymous_is_sent_to_the_login(client, built):
    response = client.get(reverse("actieplan:plan_detail", kwargs={"pk": built["plan"].pk}))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_plan_list_shows_only_own_networks_with_a_fixed_number_of_queries(
    client, built, far_coordinator, django_assert_max_num_queries
):
    from actieplan.tests.factories import ActionPlanFactory

    for year in range(2010, 2020):
        ActionPlanFactory(network=built["network"], year=year)
    ActionPlanFactory(title="Niet van jou")
    client.force_login(built["coordinator"])
    with django_assert_max_num_queries(9):
        response = client.get(reverse("actieplan:plan_list"))
    assert response.status_code == 200
    assert "Niet van jou" not in response.content.decode()
    assert response.content.decode().count("/actieplan/") >= 12


def test_the_menu_shows_the_plan_to_coordinator_and_stuurgroep_only(client, built):
    from partners.tests.factories import UserFactory

    link = reverse("actieplan:plan_list")
    for user, shown in (
        (built["coordinator"], True),
        (built["steering_member"], True),
        (UserFactory(), False),
    ):
        client.force_login(user)
        assert (f'href="{link}"' in client.get("/nl/").content.decode()) is shown


def test_the_button_queues_a_build_and_the_page_polls_its_status(client, built):
    client.force_login(built["coordinator"])
    plan = built["plan"]
    response = client.post(
        reverse("actieplan:pack_request", kwargs={"pk": plan.pk}), {"kind": "report"}
    )
    assert response.status_code == 302
    build = EvidencePack.objects.get(kind="report", status=BuildStatus.QUEUED)
    page = client.get(plan.get_absolute_url()).content.decode()
    status_url = reverse("actieplan:pack_status", kwargs={"pk": build.pk})
    assert f'hx-get="{status_url}"' in page and 'hx-trigger="every 2s"' in page
    # Without JavaScript: a link to refresh.
    assert build.get_absolute_url() in page


def test_status_fragment_keeps_polling_while_building_and_stops_when_ready(client, built):
    client.force_login(built["coordinator"])
    plan = built["plan"]
    build = evidence_pack_request(network=plan.network, year=plan.year, kind=PackKind.REPORT)
    EvidencePack.objects.filter(id=build.id).update(status=BuildStatus.RUNNING, progress=40)
    url = reverse("actieplan:pack_status", kwargs={"pk": build.pk})
    running = client.get(url, headers={"HX-Request": "true"})
    assert running.status_code == 200 and "40%" in running.content.decode()
    done = client.get(
        reverse("actieplan:pack_status", kwargs={"pk": built["pack"].pk}),
        headers={"HX-Request": "true"},
    )
    assert done.status_code == 286  # htmx: show this and stop polling
    assert "download.pdf" in done.content.decode()


def test_pack_page_and_downloads(client, built):
    client.force_login(built["steering_member"])
    pack = built["pack"]
    page = client.get(pack.get_absolute_url()).content.decode()
    assert "Geen avondaanbod" in page and "<svg" in page
    pdf = client.get(reverse("actieplan:pack_download", kwargs={"pk": pack.pk, "extension": "pdf"}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    docx = reverse("actieplan:pack_download", kwargs={"pk": pack.pk, "extension": "docx"})
    assert client.get(docx).status_code == 200
    other = reverse("actieplan:pack_download", kwargs={"pk": pack.pk, "extension": "exe"})
    assert client.get(other).status_code == 404


def test_coordinator_records_a_result_through_the_form(client, built):
    client.force_login(built["coordinator"])
    action = built["action"]
    response = client.post(
        reverse("actieplan:action_result", kwargs={"pk": action.pk}),
        {"result": "done", "result_note": "Elke donderdag open."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.result == "done" and action.status == "done"


@pytest.mark.parametrize("name", ["plan_detail", "pack_detail"])
def test_plan_and_pack_pages_run_a_fixed_number_of_queries(
    client, built, name, django_assert_max_num_queries
):
    for _index in range(8):  # enough goals and actions that one query per row would show
        ActionFactory.create_batch(2, goal=GoalFactory(plan=built["plan"]))
    client.force_login(built["coordinator"])
    with django_assert_max_num_queries(PAGE_QUERIES[name]):
        response = client.get(_url(name, built))
    assert response.status_code == 200


PAGE_QUERIES = {"plan_detail": 11, "pack_detail": 7}


def test_the_plan_downloads_as_pdf_and_docx_with_budget_planned_and_spent(client, built):
    import io

    from docx import Document
    from pypdf import PdfReader

    action = built["action"]
    action.budget, action.spent = 1500, 1200
    action.save(update_fields=["budget", "spent"])
    ActionFactory(goal=built["goal"], text="Folder in het Arabisch", budget=250, spent=100)
    client.force_login(built["steering_member"])
    plan = built["plan"]
    page = client.get(reverse("actieplan:plan_detail", kwargs={"pk": plan.pk})).content.decode()
    assert "€ 1.750,00" in page and "€ 1.300,00" in page  # planned and spent in total
    pdf = client.get(reverse("actieplan:plan_download", kwargs={"pk": plan.pk, "extension": "pdf"}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Speelcafé op donderdagavond" in text
    assert "€ 1.750,00" in text and "€ 1.300,00" in text and "€ 450,00" in text
    docx = client.get(
        reverse("actieplan:plan_download", kwargs={"pk": plan.pk, "extension": "docx"})
    )
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Folder in het Arabisch" in cells
    # Totals: planned 1.750 (1.500 + 250), spent 1.300, left 450.
    assert cells[-3:] == ["€ 1.750,00", "€ 1.300,00", "€ 450,00"]
    other = reverse("actieplan:plan_download", kwargs={"pk": plan.pk, "extension": "exe"})
    assert client.get(other).status_code == 404


def test_each_reader_gets_their_sections_from_the_same_figures(client, built):
    pack = built["pack"]
    client.force_login(built["coordinator"])
    url = reverse("actieplan:pack_detail", kwargs={"pk": pack.pk})
    everything = client.get(url).content.decode()
    assert 'id="signals"' in everything and 'id="recognition"' not in everything
    opgroeien = client.get(url, {"lezer": "opgroeien"}).content.decode()
    assert 'id="recognition"' in opgroeien and 'id="signals"' not in opgroeien
    local = client.get(url, {"lezer": "lokaal-bestuur"}).content.decode()
    assert 'id="actions"' in local and 'id="referrals"' not in local
    assert client.get(url, {"lezer": "onbekend"}).status_code == 200


def test_the_recognition_figures_match_raw_sql(built):
    from django.db import connection

    from actieplan.evidence import recognition

    network = built["network"]
    figures = recognition(network=network, plan_year=PLAN_YEAR)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM partners_organisation_networks WHERE network_id = %s",
            [network.pk],
        )
        assert figures["partners"]["value"] == cursor.fetchone()[0]
        for row in figures["pillars"]:
            cursor.execute(
                "SELECT count(DISTINCT o.id) FROM aanbod_offer o "
                "JOIN aanbod_offer_networks n ON n.offer_id = o.id "
                "WHERE n.network_id = %s AND o.status = 'published' AND %s = ANY(o.pillars)",
                [network.pk, row["pillar"]],
            )
            assert row["offers"]["value"] == cursor.fetchone()[0], row["pillar"]
            cursor.execute(
                "SELECT count(DISTINCT o.id) FROM partners_organisation o "
                "JOIN partners_organisation_networks n ON n.organisation_id = o.id "
                "WHERE n.network_id = %s AND %s = ANY(o.pillars)",
                [network.pk, row["pillar"]],
            )
            assert row["partners"]["value"] == cursor.fetchone()[0], row["pillar"]
    assert figures["plan"]["goals"] == built["plan"].goals.count()
    assert figures["plan"]["actions"] == 1
