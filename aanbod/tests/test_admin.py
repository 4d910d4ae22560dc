import pytest
from django.contrib.messages import get_messages

from aanbod.choices import OfferStatus
from aanbod.models import NeedWord, Synonym
from partners.tests.factories import OrganisationFactory, staff

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py) with staff accounts, as their invitations give them."""
    staff(cast.coordinator, cast.owner, cast.outsider, cast.viewer)
    return cast


@pytest.fixture
def offers(cast):
    """An offer of the owner's organisation in review, one of the outsider's organisation
    in the same network and one in the far network."""
    own = OfferFactory(
        organisation=cast.organisation, networks=[cast.network], status=OfferStatus.IN_REVIEW
    )
    OfferFactory(organisation=cast.other_organisation, networks=[cast.network])
    far_org = OrganisationFactory(networks=[cast.far_network])
    far = OfferFactory(organisation=far_org, networks=[cast.far_network])
    return own, far


def test_partner_editor_sees_only_its_own_offers_in_the_admin(client, cast, offers):
    own, _far = offers
    client.force_login(cast.owner)
    response = client.get("/admin/aanbod/offer/")
    assert [row.pk for row in response.context["cl"].result_list] == [own.pk]


def test_coordinator_cannot_open_another_networks_offer(client, cast, offers):
    own, far = offers
    client.force_login(cast.coordinator)
    assert client.get(f"/admin/aanbod/offer/{own.pk}/change/").status_code == 200
    assert client.get(f"/admin/aanbod/offer/{far.pk}/change/").status_code == 302


def test_viewer_gets_403_on_offers_and_synonyms(client, cast):
    client.force_login(cast.viewer)
    assert client.get("/admin/aanbod/offer/").status_code == 403
    assert client.get("/admin/aanbod/synonym/").status_code == 403


def test_coordinator_sends_back_with_a_remark_through_the_admin_action(client, cast, offers):
    own, _far = offers
    client.force_login(cast.coordinator)
    data = {"action": "send_back", "_selected_action": [own.pk]}
    form = client.post("/admin/aanbod/offer/", data)
    assert form.status_code == 200 and b'name="remark"' in form.content
    client.post("/admin/aanbod/offer/", {**data, "apply": "1", "remark": "Voeg uren toe."})
    own.refresh_from_db()
    assert own.status == OfferStatus.DRAFT and own.review_remark == "Voeg uren toe."


def test_coordinator_approves_through_the_admin_action(client, cast, offers):
    own, _far = offers
    client.force_login(cast.coordinator)
    client.post("/admin/aanbod/offer/", {"action": "approve", "_selected_action": [own.pk]})
    own.refresh_from_db()
    assert own.status == OfferStatus.PUBLISHED


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_an_admin_action_warns_per_offer_it_cannot_change_and_does_the_rest(client, cast, offers):
    own, _far = offers
    draft = OfferFactory(
        organisation=own.organisation, networks=list(own.networks.all()), status=OfferStatus.DRAFT
    )
    client.force_login(cast.coordinator)
    response = client.post(
        "/admin/aanbod/offer/",
        {"action": "approve", "_selected_action": [own.pk, draft.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    own.refresh_from_db()
    draft.refresh_from_db()
    assert (own.status, draft.status) == (OfferStatus.PUBLISHED, OfferStatus.DRAFT)
    assert sorted(_messages(response)) == [
        ("success", "1 offer published."),
        ("warning", f"{draft}: Only an offer in review can be published."),
    ]


def test_a_partner_editor_approving_in_the_admin_is_told_they_may_not(client, cast, offers):
    own, _far = offers
    client.force_login(cast.owner)
    response = client.post(
        "/admin/aanbod/offer/",
        {"action": "approve", "_selected_action": [own.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    own.refresh_from_db()
    assert own.status == OfferStatus.IN_REVIEW
    assert _messages(response) == [("warning", f"{own}: You may not do this.")]


def test_coordinator_adds_a_synonym_stored_without_accents(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        "/admin/aanbod/synonym/add/", {"term": "Crèche", "expands_to": "Kinderopvang"}
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(term="creche", expands_to="kinderopvang").exists()


def test_coordinator_adds_a_need_word_stored_as_search_compares_it(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        "/admin/aanbod/needword/add/",
        {"language": "ar", "word": "الكِرِش", "catalogue_terms": "Kinderopvang", "life_domain": ""},
    )
    assert response.status_code == 302
    assert NeedWord.objects.filter(
        language="ar", word="كرش", catalogue_terms="kinderopvang"
    ).exists()


def test_partner_editor_gets_403_on_need_words(client, cast):
    client.force_login(cast.owner)
    assert client.get("/admin/aanbod/needword/").status_code == 403
