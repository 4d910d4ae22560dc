import datetime as dt

import pytest
from django.utils import timezone
from django.utils.safestring import mark_safe

from dashboards import start_page_parts
from partners.tests.factories import AgreementFactory, staff

pytestmark = pytest.mark.django_db


def _lists(client, user) -> str:
    client.force_login(user)
    content = client.get("/admin/").content.decode()
    return content[content.index('id="start-page"') : content.index('id="content-main"')]


def test_kept_start_lists_show_each_coordinator_only_their_own_lines(client, cast):
    here, there = cast.network, cast.far_network
    here.name, there.name = "Netwerk Hier", "Netwerk Daar"
    here.save(update_fields=["name"])
    there.save(update_fields=["name"])
    ending = timezone.localdate() + dt.timedelta(days=30)
    agreement = AgreementFactory(network=here, subject="Convenant hier", end=ending)
    AgreementFactory(network=there, subject="Convenant daar", end=ending)
    near, far = staff(cast.coordinator, cast.far_coordinator)
    for _round in range(2):  # the second round reads what the first kept
        mine, theirs = _lists(client, near), _lists(client, far)
        assert "Convenant hier" in mine and "Convenant daar" not in mine
        assert "Convenant daar" in theirs and "Convenant hier" not in theirs
        assert "Netwerk Daar" not in mine and "Netwerk Hier" not in theirs
    agreement.subject = "Convenant hernoemd"
    agreement.save(update_fields=["subject"])
    assert "Convenant hernoemd" in _lists(client, near)


def test_kept_start_lists_are_drawn_in_each_language(client, cast):
    coordinator = staff(cast.coordinator)
    AgreementFactory(network=cast.network, end=timezone.localdate() + dt.timedelta(days=30))
    dutch = _lists(client, coordinator)
    client.cookies["django_language"] = "fr"
    french = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Wat nu je aandacht vraagt" in dutch and "loopt af op" in dutch
    assert "Ce qui demande votre attention" in french and "se termine le" in french
    assert "loopt af op" not in french


def test_kept_start_lists_escape_what_partners_typed(client, cast):
    AgreementFactory(
        network=cast.network, subject="<b>vet</b>", end=timezone.localdate() + dt.timedelta(days=9)
    )
    lists = _lists(client, staff(cast.coordinator))
    assert "&lt;b&gt;vet&lt;/b&gt;" in lists and "<b>vet</b>" not in lists


def test_a_shown_value_is_keyed_with_its_type_and_whether_it_is_safe():
    assert start_page_parts._value(1) != start_page_parts._value(True)
    assert start_page_parts._value(1) != start_page_parts._value(1.0)
    assert start_page_parts._value("<b>") != start_page_parts._value(mark_safe("<b>"))
    assert start_page_parts._plain(start_page_parts._value(mark_safe("<b>"))) == "<b>"
