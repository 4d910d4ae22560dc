"""From what families and staff notice to the plan: signal, bundle, feedback, evidence pack."""

import io
import time

import pytest
from django.core import mail

from actieplan.models import ActionPlan
from huisvanhetkind.testing import Client
from partners.models import Network
from partners.tests.factories import UserFactory
from signalen.models import Signal, Theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(demo_data):
    demo_data("partners.demo")
    return Network.objects.get(slug="scheldevallei")


def _logged_in(new_page, live_server, email, width=1280):
    client = Client()
    client.force_login(UserFactory._meta.model.objects.get(email=email))
    page = new_page(width)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def _family_signal(browser, live_server, *, javascript: bool, text: str, email: str):
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/nl/signaal/")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=email]", email)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/signaal/bedankt/**")
    context.close()


def _wait(predicate, what: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.3)


def test_signals_are_bundled_fed_back_and_the_plan_is_built(
    live_server, network, browser, new_page, celery_worker
):
    _family_signal(
        browser,
        live_server,
        javascript=False,
        email="ouder1@example.be",
        text="Er is geen avondaanbod voor werkende ouders.",
    )
    _family_signal(
        browser,
        live_server,
        javascript=True,
        email="ouder2@example.be",
        text="Na het werk is alles al dicht voor ons kind.",
    )

    coordinator = _logged_in(new_page, live_server, "coordinator@demo.huisvanhetkind.be")
    coordinator.goto(f"{live_server.url}/nl/signalen/nieuw/")
    coordinator.locator("input[name=kind]").first.check()
    coordinator.fill("textarea[name=text]", "Ouders vragen naar activiteiten na 18 uur.")
    coordinator.locator("main form button[type=submit]").last.click()
    coordinator.wait_for_load_state()
    assert Signal.objects.filter(network=network).count() == 3

    coordinator.goto(f"{live_server.url}/nl/signalen/bundelen/")
    for checkbox in coordinator.locator("input[name=signals]").all():
        checkbox.check()
    coordinator.fill("input[name=new_title]", "Geen avondaanbod")
    coordinator.locator("main form button[type=submit]").last.click()
    coordinator.wait_for_load_state()
    theme = Theme.objects.get(title="Geen avondaanbod")
    assert theme.signals.count() == 3

    coordinator.goto(f"{live_server.url}/nl/signalen/themas/{theme.pk}/")
    coordinator.fill("textarea[name=feedback]", "Vanaf januari: elke dinsdagavond speelcafé.")
    coordinator.locator("form:has(textarea[name=feedback]) button[type=submit]").click()
    coordinator.wait_for_load_state()
    _wait(
        lambda: (
            {"ouder1@example.be", "ouder2@example.be"}
            <= {address for message in mail.outbox for address in message.to}
        ),
        "the feedback did not reach both families",
    )

    plan = ActionPlan.objects.create(network=network, year=2027, title="Actieplan 2027")
    coordinator.goto(f"{live_server.url}{plan.get_absolute_url()}")
    coordinator.locator("#evidence-section form button[type=submit]").first.click()
    coordinator.wait_for_selector("a[href$='download.pdf']", timeout=60_000)  # htmx polling
    pdf = coordinator.request.get(
        live_server.url + coordinator.locator("a[href$='download.pdf']").first.get_attribute("href")
    )
    docx = coordinator.request.get(
        live_server.url
        + coordinator.locator("a[href$='download.docx']").first.get_attribute("href")
    )
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert docx.ok

    from docx import Document
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Geen avondaanbod" in text
    document = Document(io.BytesIO(docx.body()))
    cells = " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Geen avondaanbod" in cells or any(
        "Geen avondaanbod" in paragraph.text for paragraph in document.paragraphs
    )
