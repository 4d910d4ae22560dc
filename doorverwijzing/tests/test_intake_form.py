"""'Stel je vraag' as a family meets it: the error summary first, plain messages, optional
fields marked, the emergency number above the form, and the offer it came from named."""

import re

import pytest
from django.urls import reverse

from aanbod.choices import OfferStatus
from aanbod.tests.factories import OfferFactory
from doorverwijzing.models import IntakeRequest
from partners.tests.factories import NetworkFactory, OrganisationFactory

from .factories import social_worker, with_mfa

pytestmark = pytest.mark.django_db

QUESTION = {
    "name": "Samira",
    "phone": "0470 98 76 54",
    "email": "",
    "language": "nl",
    "question": "Mag mijn dochter van 2 mee naar de babymassage?",
    "best_time": "",
    "website": "",
}


@pytest.fixture
def network():
    network = NetworkFactory(slug="scheldevallei")
    network.organiser = OrganisationFactory(networks=[network], name="Gemeente Wilgendaal")
    network.save()
    with_mfa(social_worker(network.organiser))
    return network


def _url(network, **query):
    extra = "".join(f"&{name}={value}" for name, value in query.items())
    return reverse("doorverwijzing:intake_new") + f"?netwerk={network.slug}{extra}"


def test_an_empty_form_gets_an_error_summary_first_with_a_link_per_field(client, network):
    response = client.post(_url(network), {"website": ""})
    content = response.content.decode()
    assert response.status_code == 200
    form = content.split("<form", 1)[1]
    summary = re.search(r'<div[^>]*id="error-summary"[^>]*>.*?</div>', form, re.S).group(0)
    assert form.index('id="error-summary"') < form.index('class="hvhk-field"')
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert "Er is een probleem" in summary
    assert '<a class="utrecht-link" href="#id_name">Vul je voornaam in</a>' in summary
    assert (
        'href="#id_phone">Vul je telefoonnummer of e-mailadres in zodat we je kunnen bereiken</a>'
        in summary
    )
    assert 'href="#id_question">Schrijf je vraag in een paar woorden</a>' in summary
    assert "Dit veld is verplicht" not in content
    assert "js/error-summary.js" in content  # moves the focus there
    assert "<title>Fout:" in content


def test_a_form_without_errors_has_no_summary_and_no_script(client, network):
    content = client.get(_url(network)).content.decode()
    assert 'id="error-summary"' not in content and "error-summary.js" not in content


def test_optional_fields_say_so_and_the_emergency_number_comes_before_the_form(client, network):
    content = client.get(_url(network)).content.decode()
    assert re.search(r'<label for="id_best_time">[^<]*\(niet verplicht\):?</label>', content)
    # Phone and e-mail: one of the two is needed, so neither is called optional.
    assert not re.search(r'<label for="id_(phone|email)">[^<]*niet verplicht', content)
    assert not re.search(r'<label for="id_(name|question)">[^<]*niet verplicht', content)
    assert content.index("Bij nood bel je 112") < content.index("<form")


def test_asking_from_an_offer_names_it_and_keeps_it_with_the_question(client, network):
    offer = OfferFactory(title="Babymassage", networks=[network])
    content = client.get(_url(network, offer=offer.pk)).content.decode()
    assert "Je vraag gaat over:" in content and "Babymassage" in content
    assert f'<input type="hidden" name="offer" value="{offer.pk}">' in content
    response = client.post(_url(network), QUESTION | {"offer": str(offer.pk)})
    assert response.status_code == 302
    assert IntakeRequest.objects.get().offer == offer


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999", "0", ""])
def test_a_bad_offer_id_is_ignored_not_a_500(client, network, value):
    assert client.get(_url(network, offer=value)).status_code == 200
    response = client.post(_url(network), QUESTION | {"offer": value})
    assert response.status_code == 302
    assert IntakeRequest.objects.get().offer is None


def test_a_draft_offer_is_not_named(client, network):
    draft = OfferFactory(title="Geheim ontwerp", networks=[network], status=OfferStatus.DRAFT)
    content = client.get(_url(network, offer=draft.pk)).content.decode()
    assert "Geheim ontwerp" not in content
    client.post(_url(network), QUESTION | {"offer": str(draft.pk)})
    assert IntakeRequest.objects.get().offer is None


def test_the_contact_point_sees_which_offer_the_question_is_about(client, network):
    offer = OfferFactory(title="Babymassage", networks=[network])
    client.post(_url(network), QUESTION | {"offer": str(offer.pk)})
    intake = IntakeRequest.objects.get()
    reader = network.organiser.memberships.first().user
    client.force_login(reader)
    content = client.get(reverse("doorverwijzing:intake_detail", kwargs={"pk": intake.pk}))
    assert "Over het aanbod" in content.content.decode()
    assert offer.get_absolute_url() in content.content.decode()
