import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from aanbod import services
from aanbod.choices import AccessType, OfferStatus
from aanbod.exceptions import OfferStateError
from aanbod.filters import OfferFilters
from aanbod.search.results import offer_search

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def new_offer(cast, **fields):
    return services.offer_create(
        organisation=cast["organisation"],
        actor=cast["owner"],
        title=fields.pop("title", "Peuterspeelpunt De Knikker"),
        slug=fields.pop("slug", "peuterspeelpunt-de-knikker"),
        summary="Spelen met andere peuters.",
        access_type=AccessType.WALK_IN,
        **fields,
    )


def search(query: str) -> list[str]:
    return [o.slug for o in offer_search(query=query, filters=OfferFilters()).offers]


def test_partner_editor_creates_a_draft_in_the_organisations_networks(cast):
    offer = new_offer(cast)
    assert offer.status == OfferStatus.DRAFT
    assert list(offer.networks.all()) == [cast["network"]]


def test_outsider_may_not_create_an_offer_for_another_organisation(cast):
    with pytest.raises(PermissionDenied):
        services.offer_create(
            organisation=cast["organisation"],
            actor=cast["outsider"],
            title="X",
            slug="x",
            summary="X.",
            access_type=AccessType.WALK_IN,
        )


def test_offer_goes_from_draft_through_review_to_published_and_is_found(cast):
    offer = new_offer(cast)
    assert search("knikker") == []
    offer = services.offer_submit_for_review(offer=offer, actor=cast["owner"])
    assert offer.status == OfferStatus.IN_REVIEW
    offer = services.offer_approve(offer=offer, actor=cast["coordinator"])
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.last_verified == timezone.localdate()
    assert search("knikker") == ["peuterspeelpunt-de-knikker"]


def test_an_update_refreshes_the_search_document_at_once(cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]],
                         title="Speelcafé")  # fmt: skip
    services.offer_update(offer=offer, actor=cast["owner"], title="Knutselnamiddag")
    assert search("knutselen") == [offer.slug]
    assert search("speelcafe") == []


def test_update_refuses_fields_outside_the_content(cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]])
    with pytest.raises(TypeError):
        services.offer_update(offer=offer, actor=cast["owner"], status=OfferStatus.DRAFT)


def test_coordinator_sends_back_with_a_remark(cast):
    offer = services.offer_submit_for_review(offer=new_offer(cast), actor=cast["owner"])
    with pytest.raises(OfferStateError):
        services.offer_send_back(offer=offer, actor=cast["coordinator"], remark="  ")
    offer = services.offer_send_back(
        offer=offer, actor=cast["coordinator"], remark="Voeg de uren toe."
    )
    assert offer.status == OfferStatus.DRAFT
    assert offer.review_remark == "Voeg de uren toe."


def test_partner_editor_may_not_approve_its_own_offer(cast):
    offer = services.offer_submit_for_review(offer=new_offer(cast), actor=cast["owner"])
    with pytest.raises(PermissionDenied):
        services.offer_approve(offer=offer, actor=cast["owner"])


def test_outsider_may_not_change_or_archive_another_organisations_offer(cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]])
    with pytest.raises(PermissionDenied):
        services.offer_update(offer=offer, actor=cast["outsider"], title="Van mij")
    with pytest.raises(PermissionDenied):
        services.offer_archive(offer=offer, actor=cast["outsider"])


ILLEGAL = [
    (services.offer_submit_for_review, "owner", [OfferStatus.IN_REVIEW, OfferStatus.PUBLISHED,
                                                 OfferStatus.ARCHIVED]),
    (services.offer_approve, "coordinator", [OfferStatus.DRAFT, OfferStatus.PUBLISHED,
                                             OfferStatus.ARCHIVED]),
    (services.offer_send_back, "coordinator", [OfferStatus.DRAFT, OfferStatus.PUBLISHED,
                                               OfferStatus.ARCHIVED]),
    (services.offer_archive, "owner", [OfferStatus.ARCHIVED]),
    (services.offer_confirm_still_right, "owner", [OfferStatus.DRAFT, OfferStatus.IN_REVIEW,
                                                   OfferStatus.ARCHIVED]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("service", "role", "status"),
    [(service, role, status) for service, role, statuses in ILLEGAL for status in statuses],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_each_illegal_transition_raises_a_state_error(cast, service, role, status):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]],
                         status=status)  # fmt: skip
    kwargs = {"remark": "Graag aanvullen."} if service is services.offer_send_back else {}
    with pytest.raises(OfferStateError):
        service(offer=offer, actor=cast[role], **kwargs)
    offer.refresh_from_db()
    assert offer.status == status


def test_an_archived_offer_cannot_be_edited(cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]],
                         status=OfferStatus.ARCHIVED)  # fmt: skip
    with pytest.raises(OfferStateError):
        services.offer_update(offer=offer, actor=cast["owner"], title="Nieuw")


def test_confirming_sets_last_verified_to_today(cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]],
                         last_verified=None)  # fmt: skip
    offer = services.offer_confirm_still_right(offer=offer, actor=cast["owner"])
    assert offer.last_verified == timezone.localdate()


def test_archiving_takes_an_offer_out_of_search(cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]],
                         title="Ruilwinkel")  # fmt: skip
    services.offer_archive(offer=offer, actor=cast["coordinator"])
    assert search("ruilwinkel") == []
