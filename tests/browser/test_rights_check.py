"""The rights check on a phone (360 px), in Dutch and Arabic: all "I don't know", a typical
single-parent family on leefloon, and the hand-off to the contact point with consent.
The result page passes axe and reflows at 320 px. Runs without JavaScript too."""

import pytest

from .conftest import LANGUAGES
from .test_reflow import NARROWEST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_rights(demo_data):
    demo_data("partners.demo", "aanbod.demo", "rechten.demo")


def _start(page, live_server, lang):
    page.goto(f"{live_server.url}/{lang}/wat-kan-helpen/?netwerk=scheldevallei")
    page.locator("button[name=go][value=next]").click()


def _next(page):
    page.locator("button[name=go][value=next]").click()


def _skip(page):
    page.locator("button[name=go][value=skip]").click()


def _answer_leefloon_family(page):
    page.locator("input[name=place]").first.check()
    _next(page)
    page.locator("input[name=children][value='3_5']").check()
    page.locator("input[name=children][value='6_11']").check()
    _next(page)
    page.locator("input[name=single_parent][value=yes]").check()
    _next(page)
    page.locator("input[name=status][value=living_wage]").check()
    _next(page)
    page.locator("input[name=income][value=low]").check()
    _next(page)
    page.locator("input[name=work][value=job_seeking]").check()
    _next(page)
    page.locator("input[name=worries][value=money]").check()
    _next(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_all_i_dont_know_gives_cant_tell_for_every_right(
    live_server, demo_rights, new_page, assert_accessible, lang
):
    from rechten.models import RightCheckCount

    page = new_page(360)
    _start(page, live_server, lang)
    assert_accessible(page)  # a question screen
    for _ in range(7):
        _skip(page)
    assert page.locator("#cannot_tell li.hvhk-right").count() == 8
    assert page.locator("#worth_checking li.hvhk-right").count() == 0
    assert_accessible(page)
    assert not RightCheckCount.objects.exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_single_parent_on_leefloon_and_the_hand_off_with_consent(
    live_server, demo_rights, new_page, assert_accessible, lang
):
    from doorverwijzing.choices import IntakeSource
    from doorverwijzing.models import IntakeRequest
    from rechten.models import RightCheckCount

    page = new_page(360)
    _start(page, live_server, lang)
    _answer_leefloon_family(page)
    worth = page.locator("#worth_checking li.hvhk-right h3").all_inner_texts()
    assert "Schooltoeslag" in worth and "UiTPAS met kansentarief" in worth
    assert "Studietoelage hoger onderwijs" in page.locator("#probably_not").inner_text()
    assert page.locator("button[data-print]").is_visible()  # with JS: a print button
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    counted = RightCheckCount.objects.count()
    assert counted == len(worth)

    # Without consent nothing goes; with it, the question lands at the contact point.
    page.fill("#id_name", "Samira")
    page.fill("#id_phone", "0499 11 22 33")
    page.locator("form[action*='/wat-kan-helpen/hulp/'] button[type=submit]").click()
    assert not IntakeRequest.objects.exists()
    assert page.locator(".hvhk-error-summary, #id_consent_error, .errorlist").first.is_visible()
    page.locator("#id_consent").check()
    page.locator("form[action*='/wat-kan-helpen/hulp/'] button[type=submit]").click()
    page.wait_for_url("**/stel-je-vraag/bedankt/**")
    intake = IntakeRequest.objects.get()
    assert intake.source == IntakeSource.RIGHTS_CHECK
    assert "Schooltoeslag" in intake.question
    assert RightCheckCount.objects.count() == counted  # sending did not count again


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_check_works_without_javascript_and_the_result_reflows(
    browser, live_server, demo_rights, lang
):
    context = browser.new_context(
        viewport={"width": NARROWEST, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        _start(page, live_server, lang)
        _skip(page)
        page.locator("input[name=children][value='0_2']").check()
        _next(page)
        page.locator("button[name=go][value=back]").click()
        assert page.locator("input[name=children][value='0_2']").is_checked()
        _next(page)
        for _ in range(5):
            _skip(page)
        assert page.locator("#worth_checking li.hvhk-right").count() >= 1
        assert not page.locator("button[data-print]").is_visible()  # without JS: the text says how
        width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= viewport
    finally:
        context.close()
