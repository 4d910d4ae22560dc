"""The permission matrix: role × action × (own / other organisation / other network).

Every action in the one registry (huisvanhetkind.permissions.ACTIONS, offer actions
included), every admin of our apps and every public URL of the network must have an
entry here; a new one without an entry fails this file. `scope()` must agree with
`can()` on every object of the matrix.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from aanbod.models import Participation
from aanbod.tests.factories import NeedWordFactory, OfferFactory, SynonymFactory
from actieplan.tests.factories import ActionPlanFactory
from doorverwijzing.models import IntakeRequest
from doorverwijzing.tests.factories import ReferralFactory
from huisvanhetkind.permissions import ACTIONS, REFERRAL_ACTIONS, can, scope, scope_rules
from inschrijving.models import Transition
from opendata.models import OfferImport, UitTermMapping
from partners import urls as partners_urls
from partners.choices import Role
from partners.tests.factories import (
    AgreementFactory,
    GroupFactory,
    LocationFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from rechten.tests.factories import RightFactory
from signalen.tests.factories import SignalFactory, ThemeFactory

pytestmark = pytest.mark.django_db
OUR_APPS = {
    "partners",
    "aanbod",
    "doorverwijzing",
    "signalen",
    "actieplan",
    "rechten",
    "huisvanhetkind",
    "inschrijving",
    "opendata",
}


@pytest.fixture
def world():
    own_network, other_network = NetworkFactory(), NetworkFactory()
    own_org = OrganisationFactory(networks=[own_network])
    other_org = OrganisationFactory(networks=[own_network])
    far_org = OrganisationFactory(networks=[other_network])
    objects = {
        ("network", "own"): own_network,
        ("network", "other_network"): other_network,
        ("organisation", "own"): own_org,
        ("organisation", "other_org"): other_org,
        ("organisation", "other_network"): far_org,
        ("location", "own"): LocationFactory(organisation=own_org, network=own_network),
        ("location", "other_org"): LocationFactory(organisation=other_org, network=own_network),
        ("location", "other_network"): LocationFactory(organisation=far_org, network=other_network),
        ("agreement", "own"): AgreementFactory(network=own_network),
        ("agreement", "other_network"): AgreementFactory(network=other_network),
        ("group", "own"): GroupFactory(network=own_network, member_organisations=[own_org]),
        ("group", "other_org"): GroupFactory(network=own_network, member_organisations=[other_org]),
        ("group", "other_network"): GroupFactory(network=other_network),
        ("referral", "own"): ReferralFactory(
            referring_organisation=own_org, receiving_organisation=other_org
        ),
        ("referral", "other_org"): ReferralFactory(
            referring_organisation=other_org, receiving_organisation=own_org
        ),
        ("referral", "other_network"): ReferralFactory(
            referring_organisation=far_org, receiving_organisation=far_org
        ),
    }
    own_network.organiser = own_org
    own_network.save(update_fields=["organiser"])
    other_network.organiser = far_org
    other_network.save(update_fields=["organiser"])
    objects[("intake", "own")] = IntakeRequest.objects.create(
        network=own_network, name="An", question="?"
    )
    objects[("intake", "other_network")] = IntakeRequest.objects.create(
        network=other_network, name="Bo", question="?"
    )
    objects[("theme", "own")] = ThemeFactory(network=own_network)
    objects[("theme", "other_network")] = ThemeFactory(network=other_network)
    # The action plan: the coordinator writes it, the stuurgroep (here: own_org) reads it.
    GroupFactory(network=own_network, kind="steering", member_organisations=[own_org])
    objects[("plan", "own")] = ActionPlanFactory(network=own_network)
    objects[("plan", "other_network")] = ActionPlanFactory(network=other_network)
    # Offers: own organisation's, a network partner's, another network's.
    own_offer = OfferFactory(organisation=own_org, networks=[own_network], indexed=False)
    other_offer = OfferFactory(organisation=other_org, networks=[own_network], indexed=False)
    far_offer = OfferFactory(organisation=far_org, networks=[other_network], indexed=False)
    objects[("offer", "own")] = own_offer
    objects[("offer", "other_org")] = other_offer
    objects[("offer", "other_network")] = far_offer
    for scope_name, offer in (("own", own_offer), ("other_network", far_offer)):
        objects[("participation", scope_name)] = Participation.objects.create(
            offer=offer, date="2026-01-10", families=3, children=4
        )
    objects[("transition", "own")] = Transition.objects.create(
        network=own_network, at_month=30, title="Kleuterschool"
    )
    objects[("transition", "every")] = Transition.objects.create(at_month=12, title="Vaccinatie")
    objects[("transition", "other_network")] = Transition.objects.create(
        network=other_network, at_month=144, title="Secundair"
    )
    objects[("synonym", "any")] = SynonymFactory()
    objects[("needword", "any")] = NeedWordFactory()
    objects[("uitterm", "any")] = UitTermMapping.objects.create(term_id="1.7.12.0.0")
    for scope_name, org, net in (
        ("own", own_org, own_network),
        ("other_org", other_org, own_network),
        ("other_network", far_org, other_network),
    ):
        objects[("offerimport", scope_name)] = OfferImport.objects.create(
            kind="uitdatabank", organisation=org, network=net
        )
    objects[("none", "any")] = None
    # Roles and people: someone of the own network's partner, someone of another network.
    objects[("membership", "own")] = MembershipFactory(role=Role.VIEWER, organisation=other_org)
    objects[("membership", "other_network")] = MembershipFactory(
        role=Role.VIEWER, organisation=far_org
    )
    objects[("user", "own")] = objects[("membership", "own")].user
    objects[("user", "other_network")] = objects[("membership", "other_network")].user
    objects[("signal", "own")] = SignalFactory(network=own_network)
    objects[("signal", "other_network")] = SignalFactory(network=other_network)
    objects[("right", "own")] = RightFactory(network=own_network)
    objects[("right", "other_network")] = RightFactory(network=other_network)
    users = {"anonymous": AnonymousUser()}
    for role in Role:
        user = UserFactory(is_staff=True)
        if role in (Role.COORDINATOR, Role.VIEWER):
            MembershipFactory(user=user, role=role, network=own_network)
        else:
            MembershipFactory(user=user, role=role, organisation=own_org)
        users[role.value] = user
    return objects, users


C, E, W, V = "coordinator", "partner_editor", "social_worker", "viewer"
# action -> kind of object -> {scope: roles allowed}. Everyone else is refused.
MATRIX = {
    "network.manage": ("network", {"own": {C}, "other_network": set()}),
    "network.view_internal": ("network", {"own": {C, V}, "other_network": set()}),
    "organisation.edit": (
        "organisation",
        {"own": {C, E}, "other_org": {C}, "other_network": set()},
    ),
    "organisation.create": ("network", {"own": {C}, "other_network": set()}),
    "organisation.view": (
        "organisation",
        {"own": {C, E, V}, "other_org": {C, V}, "other_network": set()},
    ),
    "location.edit": ("location", {"own": {C, E}, "other_org": {C}, "other_network": set()}),
    "agreement.view": ("agreement", {"own": {C, V}, "other_network": set()}),
    "agreement.manage": ("agreement", {"own": {C}, "other_network": set()}),
    "reference.edit": (None, {}),
    "accounts.manage": (None, {}),
    "admin.delete": (None, {}),
    "admin.use": ("none", {"any": {C, E, V}}),
    "network.create": (None, {}),
    "network.choose": ("network", {"own": {C, E}, "other_network": set()}),
    "membership.manage": ("membership", {"own": {C}, "other_network": set()}),
    "user.choose": ("user", {"own": {C}, "other_network": set()}),
    "membership.grant": ("organisation", {"own": {C}, "other_org": {C}, "other_network": set()}),
    "group.view": ("group", {"own": {C, E, W}, "other_org": {C}, "other_network": set()}),
    "group.manage": ("group", {"own": {C}, "other_org": {C}, "other_network": set()}),
    # Professional secrecy: only social workers of the two organisations, never C or admins.
    "referral.send": ("organisation", {"own": {W}, "other_org": set(), "other_network": set()}),
    "referral.read": ("referral", {"own": {W}, "other_org": {W}, "other_network": set()}),
    "referral.handle": ("referral", {"own": set(), "other_org": {W}, "other_network": set()}),
    "referral.follow_up": ("referral", {"own": {W}, "other_org": set(), "other_network": set()}),
    "referral.figures": ("network", {"own": {C}, "other_network": set()}),
    "intake.handle": ("intake", {"own": {W}, "other_network": set()}),
    "plan.view": ("plan", {"own": {C, E, W}, "other_network": set()}),
    "plan.manage": ("plan", {"own": {C}, "other_network": set()}),
    # Signals: any role gives one for its own network; the stuurgroep (own_org) reads the
    # overview; bundling, status and feedback belong to the network's coordinator.
    "signal.report": ("network", {"own": {C, E, W, V}, "other_network": set()}),
    "signal.view": ("signal", {"own": {C}, "other_network": set()}),
    "signal.view_all": ("network", {"own": {C}, "other_network": set()}),
    "signal.overview": ("network", {"own": {C, E, W, V}, "other_network": set()}),
    "theme.manage": ("theme", {"own": {C}, "other_network": set()}),
    # The catalogue: a partner edits its own offers, the coordinator its network's.
    "offer.edit": ("offer", {"own": {C, E}, "other_org": {C}, "other_network": set()}),
    "offer.review": ("offer", {"own": {C}, "other_org": {C}, "other_network": set()}),
    "synonym.edit": ("synonym", {"any": {C}}),
    "needword.edit": ("needword", {"any": {C}}),
    "participation.view": ("participation", {"own": {C}, "other_network": set()}),
    # Rights: the network's coordinator keeps them; any social worker runs the check at the
    # desk (it stores nothing); families need no login.
    "right.manage": ("right", {"own": {C}, "other_network": set()}),
    "right.check_with_family": ("none", {"any": {W}}),
    # Registration lists hold families' contact details: whoever keeps the offer.
    "registration.manage": ("offer", {"own": {C, E}, "other_org": {C}, "other_network": set()}),
    "transition.edit": ("transition", {"own": {C}, "every": set(), "other_network": set()}),
    # Imports of offers (opendata): like editing offers; the UiTdatabank terms serve everyone.
    "offerimport.view": ("offerimport", {"own": {C, E}, "other_org": {C}, "other_network": set()}),
    "uitterm.edit": ("uitterm", {"any": {C}}),
}
ROLES = ["anonymous", C, E, W, V]


def test_every_action_has_a_row_in_the_matrix():
    assert set(MATRIX) == set(ACTIONS)


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_permission_matrix(world, action):
    objects, users = world
    kind, scopes = MATRIX[action]
    for role in ROLES:
        for scope_name, allowed in scopes.items():
            expected = role in allowed
            assert can(users[role], action, objects[(kind, scope_name)]) is expected, (
                f"{role} {action} {scope_name}: expected {expected}"
            )
    if not scopes:
        assert not any(can(users[role], action) for role in ROLES)


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_scope_agrees_with_can(world, action):
    """A row that `can` allows is in `scope`, and no other: selectors, admin changelists and
    admin form fields (which use scope) answer as the object rules do."""
    objects, users = world
    kind, scopes = MATRIX[action]
    for scope_name in scopes:
        obj = objects[(kind, scope_name)]
        if obj is None or (type(obj)._meta.label, action) not in scope_rules():
            continue
        for role in ROLES:
            listed = scope(users[role], type(obj), action).filter(pk=obj.pk).exists()
            assert listed is can(users[role], action, obj), (role, action, scope_name)


def test_every_scope_is_checked_against_can_by_a_row_of_the_matrix(world):
    objects, _users = world
    checked = {
        (type(objects[(kind, name)])._meta.label, action)
        for action, (kind, scopes) in MATRIX.items()
        for name in scopes
        if objects[(kind, name)] is not None
    }
    # Scopes of another model than the action's object (a pick list for a form field).
    pick_lists = {
        ("partners.Organisation", "offer.edit"),
        ("partners.Network", "plan.manage"),
        ("partners.Network", "right.manage"),
        ("aanbod.Occurrence", "offer.edit"),
        ("inschrijving.RegistrationList", "registration.manage"),
        ("aanbod.RecurringSchedule", "offer.edit"),
        ("actieplan.EvidencePack", "plan.view"),
        ("actieplan.EvidencePack", "plan.manage"),
        ("signalen.Survey", "theme.manage"),
        ("signalen.Signal", "signal.view_all"),
    }
    assert set(scope_rules()) - checked <= pick_lists


def test_superuser_may_do_everything_but_open_referrals(world):
    objects, _users = world
    root = UserFactory(is_staff=True, is_superuser=True)
    assert all(can(root, action) for action in set(ACTIONS) - REFERRAL_ACTIONS)
    for kind in ("referral", "intake"):
        action = "referral.read" if kind == "referral" else "intake.handle"
        assert not can(root, action, objects[(kind, "own")])
        assert not scope(root, type(objects[(kind, "own")])).exists()


# Admin: model -> roles that see the changelist (200). Others get 403 (staff) or login.
ADMIN_MATRIX = {
    "partners.municipality": {C, E, V},
    "partners.organisationtype": {C, E, V},
    "partners.schoolholiday": {C, E, V},
    "partners.network": {C, V},
    "partners.organisation": {C, E},
    "partners.location": {C, E},
    "partners.agreement": {C, V},
    "partners.membership": {C},
    "partners.group": {C},
    "huisvanhetkind.heartbeat": set(),
    "aanbod.offer": {C, E},
    "aanbod.synonym": {C},
    "aanbod.needword": {C},
    "aanbod.participation": {C},
    "actieplan.actionplan": {C},
    "actieplan.evidencepack": {C},
    "signalen.theme": {C},
    "signalen.signal": {C},
    "signalen.searchgap": {C},
    "signalen.survey": {C},
    "rechten.right": {C},
    "inschrijving.transition": {C},
    "opendata.uittermmapping": {C},
    "opendata.offerimport": {C, E},
}


def _our_admin_models() -> set[str]:
    return {
        f"{model._meta.app_label}.{model._meta.model_name}"
        for model in admin.site._registry
        if model._meta.app_label in OUR_APPS
    }


def test_every_admin_of_our_apps_has_a_row_in_the_matrix():
    assert _our_admin_models() <= set(ADMIN_MATRIX)


@pytest.mark.parametrize("model", sorted(ADMIN_MATRIX))
def test_admin_changelist_matrix(client, world, model):
    _objects, users = world
    if model not in _our_admin_models():
        pytest.skip("not registered in the admin")
    url = f"/admin/{model.replace('.', '/')}/"
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        status = client.get(url).status_code
        if role == "anonymous":
            assert status == 302, (role, model)
        else:
            assert status == (200 if role in ADMIN_MATRIX[model] else 403), (role, model, status)


@pytest.mark.parametrize(
    ("kind", "admin_path"),
    [
        ("organisation", "partners/organisation"),
        ("location", "partners/location"),
        ("agreement", "partners/agreement"),
        ("network", "partners/network"),
    ],
)
def test_coordinator_cannot_open_another_networks_object_in_the_admin(
    client, world, kind, admin_path
):
    objects, users = world
    client.force_login(users[C])
    own = client.get(f"/admin/{admin_path}/{objects[(kind, 'own')].pk}/change/")
    other = client.get(f"/admin/{admin_path}/{objects[(kind, 'other_network')].pk}/change/")
    assert own.status_code == 200
    # Django admin answers "does not exist" with a redirect to the admin index.
    assert other.status_code == 302 and other["Location"] == "/admin/"


def test_partner_editor_sees_only_its_own_organisation_in_the_admin(client, world):
    objects, users = world
    client.force_login(users[E])
    response = client.get("/admin/partners/organisation/")
    listed = {row.pk for row in response.context["cl"].result_list}
    assert listed == {objects[("organisation", "own")].pk}


# Public pages of the network: url name -> status for an unknown slug.
PUBLIC_URLS = {
    "network_home": 404,
    "partners:partner_directory": 404,
    "partners:location_detail": 404,
    "partners:group_list": None,  # members only: tested in partners/tests/test_groups.py
    "partners:group_detail": None,
    "partners:agreement_document": None,  # private: partners/tests/test_agreement_documents.py
}


def test_every_public_network_url_has_a_row():
    names = {f"partners:{pattern.name}" for pattern in partners_urls.urlpatterns}
    assert names <= set(PUBLIC_URLS)


@pytest.mark.parametrize("name", sorted(n for n, status in PUBLIC_URLS.items() if status))
def test_public_network_urls_answer_404_for_an_unknown_slug(client, name):
    kwarg = "network_slug" if "network" in name or "directory" in name else "slug"
    url = reverse(name, kwargs={kwarg: "bestaat-niet"})
    assert client.get(url).status_code == PUBLIC_URLS[name]
