"""The coordinator's week on a phone: the cockpit, a stuurgroep agenda drafted from what is
due, a decision that becomes an action with a reminder, and the plan as PDF and DOCX."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.utils import timezone

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_data):
    demo_data(
        "partners.demo", "aanbod.demo", "doorverwijzing.demo", "signalen.demo", "actieplan.demo"
    )


def test_coordinator_prepares_a_stuurgroep_and_downloads_the_plan(
    live_server, demo, new_page, celery_worker
):
    from actieplan.models import ActionPlan
    from partners.models import Decision, Group, Meeting
    from signalen.models import Theme

    theme = Theme.objects.filter(network__slug="scheldevallei").first()
    theme.status = "on_agenda"
    theme.save(update_fields=["status"])
    steering = Group.objects.get(kind="steering", network__slug="scheldevallei")
    page = new_page(360)
    log_in(page, live_server, "nl", "coordinator@demo.huisvanhetkind.be")
    # After login the coordinator lands on the cockpit.
    assert page.url.endswith("/nl/coordinatie/"), page.url
    assert (
        page.locator("h1").inner_text() == "Wat heeft jou deze week nodig"
        or page.locator("#due-themes").is_visible()
    )
    assert theme.title in page.locator("main").inner_text()

    # Draft the agenda for the stuurgroep from what is due.
    page.get_by_role("link", name="Vergadering voorbereiden").click()
    page.select_option("select[name=group]", str(steering.pk))
    meeting_day = timezone.localdate() + dt.timedelta(days=10)
    page.fill("input[name=date]", meeting_day.isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    agenda = page.locator("textarea[name=agenda]").input_value()
    assert theme.title in agenda
    page.locator("textarea[name=agenda]").fill(agenda + "\nExtra: de zomerwerking")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    meeting = Meeting.objects.get(group=steering, date=meeting_day)
    assert "de zomerwerking" in meeting.agenda

    # Send it (the worker mails the members).
    page.locator(f"form[action$='/vergaderingen/{meeting.pk}/versturen/'] button").click()
    page.wait_for_load_state()
    deadline = timezone.now() + dt.timedelta(seconds=30)
    while not any("de zomerwerking" in m.body for m in mail.outbox):
        assert timezone.now() < deadline, "the agenda mail did not go out"
        page.wait_for_timeout(300)

    # Record a decision that becomes an owned action, due soon: the reminder goes out.
    form = page.locator("form[action$='/besluiten/']")
    form.locator("textarea[name=text]").fill("We openen een speelcafé op dinsdagavond")
    form.locator("textarea[name=action]").fill("Zaal vastleggen in Berkhove")
    form.locator("select[name=owner]").select_option(index=1)
    form.locator("input[name=due_date]").fill(
        (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    )
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    decision = Decision.objects.get(meeting=meeting)
    assert decision.is_action
    assert "herinnering" in page.locator("main").inner_text()
    deadline = timezone.now() + dt.timedelta(seconds=30)
    while not Decision.objects.filter(pk=decision.pk, reminded_at__isnull=False).exists():
        assert timezone.now() < deadline, "the owner got no reminder"
        page.wait_for_timeout(300)
    assert any(
        "Zaal vastleggen" in m.subject and m.to == [decision.owner.email] for m in mail.outbox
    )

    # The decision log finds it.
    page.goto(f"{live_server.url}/nl/coordinatie/besluiten/?q=speelcaf")
    assert "speelcafé op dinsdagavond" in page.locator("main").inner_text()

    # The plan as PDF and DOCX.
    plan = ActionPlan.objects.get(network__slug="scheldevallei", year=timezone.localdate().year)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    pdf_href = page.locator("a[href$='/plan.pdf']").get_attribute("href")
    docx_href = page.locator("a[href$='/plan.docx']").get_attribute("href")
    pdf = page.request.get(live_server.url + pdf_href)
    docx = page.request.get(live_server.url + docx_href)
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert docx.ok

    from docx import Document
    from pypdf import PdfReader

    first_goal = plan.goals.first()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert plan.title in text and first_goal.text[:30] in " ".join(text.split())
    document = Document(io.BytesIO(docx.body()))
    assert any(plan.title in paragraph.text for paragraph in document.paragraphs)
