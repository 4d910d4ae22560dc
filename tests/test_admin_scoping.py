"""The admin as an attack surface: a coordinator of one network reaches nothing of another.

An admin form field is a URL too. This file walks every registered admin (and its
inlines) for a coordinator of network A and checks that no choice field lists an object
of network B; a new field pointing at a model without a scope, or a new model without a
foreign object in the world below, fails here. It also posts foreign ids to the key
forms, asks the autocomplete endpoint, and reads every admin page for B's names.
"""

import pytest
from django.contrib import admin
from django.db.models.fields.files import FieldFile
from django.forms import ModelChoiceField, SplitDateTimeWidget
from django.test import RequestFactory

from aanbod.models import Participation
from aanbod.tests.factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory
from actieplan.models import EvidencePack
from actieplan.tests.factories import ActionPlanFactory
from huisvanhetkind.permissions import OPEN_MODELS
from inschrijving.models import Transition
from opendata.models import OfferImport
from partners.choices import Role
from partners.models import Agreement, Group, Membership, Network
from partners.tests.factories import (
    AgreementFactory,
    GroupFactory,
    LocationFactory,
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from rechten.tests.factories import RightFactory
from signalen.models import Signal, Survey
from signalen.tests.factories import SignalFactory, ThemeFactory

pytestmark = pytest.mark.django_db

# Every object of network B carries this word: no admin page of A's coordinator may show it.
FOREIGN = "Zzvreemd"


def _network_world(name: str, slug: str) -> dict:
    network = NetworkFactory(name=f"{name} netwerk", slug=slug)
    organisation = OrganisationFactory(name=f"{name} partner", networks=[network])
    network.organiser = organisation
    network.save(update_fields=["organiser"])
    person = UserFactory(
        username=f"{slug}-persoon",
        email=f"{slug}@example.be",
        first_name=name,
        last_name=name,
    )
    offer = OfferFactory(
        organisation=organisation, networks=[network], title=f"{name} aanbod", indexed=False
    )
    return {
        "partners.Network": network,
        "partners.Organisation": organisation,
        "auth.User": person,
        "partners.Membership": MembershipFactory(
            user=person, role=Role.SOCIAL_WORKER, organisation=organisation
        ),
        "partners.Location": LocationFactory(
            organisation=organisation, network=network, name=f"{name} locatie"
        ),
        "partners.Agreement": AgreementFactory(network=network, subject=f"{name} akkoord"),
        "partners.Group": GroupFactory(network=network, name=f"{name} werkgroep"),
        "signalen.Theme": ThemeFactory(network=network, title=f"{name} thema"),
        "signalen.Signal": SignalFactory(network=network, text=f"{name} signaal"),
        "signalen.Survey": Survey.objects.create(
            network=network, slug=f"{slug}-bevraging", title=f"{name} bevraging"
        ),
        "aanbod.Offer": offer,
        "aanbod.Occurrence": OccurrenceFactory(offer=offer),
        "aanbod.RecurringSchedule": RecurringScheduleFactory(offer=offer),
        "aanbod.Participation": Participation.objects.create(
            offer=offer, date="2026-01-10", families=2, children=3
        ),
        "actieplan.ActionPlan": ActionPlanFactory(network=network, title=f"{name} plan"),
        "actieplan.EvidencePack": EvidencePack.objects.create(
            network=network, year=2026, kind="plan"
        ),
        "rechten.Right": RightFactory(network=network, name=f"{name} recht"),
        "inschrijving.Transition": Transition.objects.create(
            network=network, at_month=30, title=f"{name} overgang"
        ),
        "opendata.OfferImport": OfferImport.objects.create(
            kind="uitdatabank", organisation=organisation, network=network
        ),
    }


@pytest.fixture
def world():
    own = _network_world("Eigen", "eigen")
    foreign = _network_world(FOREIGN, FOREIGN.lower())
    coordinator = UserFactory(is_staff=True, username="coordinator-eigen")
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=own["partners.Network"])
    return own, foreign, coordinator


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _form_classes(model_admin, request, obj):
    """The admin's form and the form of each of its inlines, as the change page builds them."""
    yield type(model_admin).__name__, model_admin.get_form(request, obj, change=obj is not None)
    for inline_class in model_admin.inlines:
        inline = inline_class(model_admin.model, model_admin.admin_site)
        yield inline_class.__name__, inline.get_formset(request, obj).form


def _editable_admins(request, own):
    """(admin, object or None) pairs the coordinator may add or change."""
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if model_admin.has_add_permission(request):
            yield model_admin, None
        obj = own.get(label)
        if obj is not None and model_admin.has_change_permission(request, obj):
            yield model_admin, obj


def test_no_admin_form_field_lists_another_networks_objects(world):
    own, foreign, coordinator = world
    request = _request(coordinator)
    checked = set()
    for model_admin, obj in _editable_admins(request, own):
        for form_name, form_class in _form_classes(model_admin, request, obj):
            for name, field in form_class.base_fields.items():
                if not isinstance(field, ModelChoiceField):
                    continue
                label = field.queryset.model._meta.label
                if label in OPEN_MODELS:
                    continue
                assert label in foreign, (
                    f"{form_name}.{name} points at {label}: give it a scope in its app's "
                    "permissions.py and an object of the other network in this test's world"
                )
                listed = field.queryset.filter(pk=foreign[label].pk).exists()
                assert not listed, f"{form_name}.{name} lists another network's {label}"
                checked.add(f"{form_name}.{name}")
    # The forms of the report that let a coordinator take over another network. Roles
    # are no longer added or changed in the Membership form at all: only by invitation.
    assert not admin.site._registry[Membership].has_add_permission(request)
    assert not admin.site._registry[Membership].has_change_permission(
        request, own.get(Membership._meta.label)
    )
    assert {
        "GroupAdmin.member_users",
        "GroupAdmin.member_organisations",
        "AgreementAdmin.partners",
        "AgreementAdmin.network",
        "NetworkAdmin.organiser",
        "SignalAdmin.theme",
        "OfferAdmin.locations",
        "RecurringScheduleInline.location",
        "LocationInline.network",
        "ZitdagInline.organisation",
    } <= checked


def test_superusers_keep_every_network_in_the_admin_forms(world):
    """Superusers keep their broad access: the same fields list every network's objects."""
    _own, foreign, _coordinator = world
    root = UserFactory(is_staff=True, is_superuser=True)
    form_class = admin.site._registry[Membership].get_form(_request(root), None, change=False)
    assert (
        form_class.base_fields["network"]
        .queryset.filter(pk=foreign["partners.Network"].pk)
        .exists()
    )


def _values(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or isinstance(value, FieldFile):
            continue
        widget = form.fields[name].widget
        if isinstance(widget, SplitDateTimeWidget):  # a date and a time (an occurrence's start)
            for index, part in enumerate(widget.decompress(value)):
                data[f"{form.add_prefix(name)}_{index}"] = part
            continue
        data[form.add_prefix(name)] = (
            [str(v) for v in value] if isinstance(value, list | tuple) else value
        )
    return data


def _form_data(response, **overrides) -> dict:
    """What the browser would send back for the form on the page (and its inlines, with no
    extra row), with some values changed."""
    data = _values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(_values(formset.management_form))
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
        for form in formset.initial_forms:
            data.update(_values(form))
    data.update(overrides)
    return data


def _refused(response, *fields: str) -> None:
    assert response.status_code == 200, response.status_code  # the form again, not a redirect
    errors = response.context["adminform"].form.errors
    for field in fields:
        assert field in errors, (field, errors)


def test_coordinator_cannot_give_a_role_in_another_network(client, world):
    _own, foreign, coordinator = world
    client.force_login(coordinator)
    before = Membership.objects.count()
    url = "/admin/partners/membership/add/"
    response = client.post(
        url,
        {"user": foreign["auth.User"].pk, "role": Role.COORDINATOR,
         "network": foreign["partners.Network"].pk},
    )  # fmt: skip
    assert response.status_code == 403  # roles come only by invitation (tested below)
    response = client.post(
        url,
        {"user": coordinator.pk, "role": Role.SOCIAL_WORKER,
         "organisation": foreign["partners.Organisation"].pk},
    )  # fmt: skip
    assert response.status_code == 403
    assert Membership.objects.count() == before


@pytest.mark.parametrize("place", ["network", "organisation"])
def test_coordinator_cannot_invite_someone_into_another_network(client, world, place):
    _own, foreign, coordinator = world
    client.force_login(coordinator)
    before = Membership.objects.count()
    target = foreign["partners.Network" if place == "network" else "partners.Organisation"]
    response = client.post(
        "/admin/partners/membership/invite/",
        {"email": "nieuw@example.be", "role": Role.VIEWER, place: target.pk},
    )
    assert response.status_code == 200
    assert place in response.context["form"].errors
    assert Membership.objects.count() == before


def test_coordinator_cannot_put_another_networks_people_in_a_group(client, world):
    _own, foreign, coordinator = world
    client.force_login(coordinator)
    before = Group.objects.count()
    response = client.post(
        "/admin/partners/group/add/",
        {
            "name": "Werkgroep",
            "kind": "working",
            "network": foreign["partners.Network"].pk,
            "member_users": [foreign["auth.User"].pk],
            "member_organisations": [foreign["partners.Organisation"].pk],
        },
    )
    _refused(response, "network", "member_users", "member_organisations")
    assert Group.objects.count() == before


def test_coordinator_cannot_sign_an_agreement_with_another_networks_partner(client, world):
    own, foreign, coordinator = world
    client.force_login(coordinator)
    before = Agreement.objects.count()
    response = client.post(
        "/admin/partners/agreement/add/",
        {
            "network": own["partners.Network"].pk,
            "partners": [foreign["partners.Organisation"].pk],
            "kind": "cooperation",
            "subject": "Samenwerking",
            "start": "2026-01-01",
            "end": "2026-12-31",
            "status": "active",
        },
    )
    _refused(response, "partners")
    assert Agreement.objects.count() == before


def test_coordinator_cannot_make_another_networks_partner_the_contact_point(client, world):
    own, foreign, coordinator = world
    client.force_login(coordinator)
    network = own["partners.Network"]
    network.municipalities.add(MunicipalityFactory())
    url = f"/admin/partners/network/{network.pk}/change/"
    page = client.get(url)
    response = client.post(url, _form_data(page, organiser=foreign["partners.Organisation"].pk))
    _refused(response, "organiser")
    network.refresh_from_db()
    assert network.organiser_id == own["partners.Organisation"].pk
    # The page's own values are accepted: the refusal is the foreign id, not the form.
    accepted = client.post(url, _form_data(page))
    assert accepted.status_code == 302, accepted.context["adminform"].form.errors


def test_coordinator_cannot_file_a_signal_under_another_networks_theme(client, world):
    own, foreign, coordinator = world
    client.force_login(coordinator)
    signal = own["signalen.Signal"]
    url = f"/admin/signalen/signal/{signal.pk}/change/"
    page = client.get(url)
    response = client.post(url, _form_data(page, theme=foreign["signalen.Theme"].pk))
    _refused(response, "theme")
    assert Signal.objects.get(pk=signal.pk).theme_id is None


@pytest.mark.parametrize(
    ("model_name", "field_name"), [("membership", "organisation"), ("zitdag", "organisation")]
)
def test_autocomplete_lists_only_the_coordinators_organisations(
    client, world, model_name, field_name
):
    own, foreign, coordinator = world
    client.force_login(coordinator)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "partners", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 200
    listed = {int(result["id"]) for result in response.json()["results"]}
    assert own["partners.Organisation"].pk in listed
    assert foreign["partners.Organisation"].pk not in listed


# Lists without a network: shared by the whole installation, no personal data.
INSTALLATION_WIDE = {
    "signalen.SearchGap",
    "aanbod.Synonym",
    "aanbod.NeedWord",
    "opendata.UitTermMapping",
}


def test_no_admin_changelist_lists_another_networks_objects(world):
    own, foreign, coordinator = world
    request = _request(coordinator)
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if not model_admin.has_view_permission(request) or label in INSTALLATION_WIDE:
            continue
        if label in OPEN_MODELS:
            continue
        assert label in foreign, f"add an object of the other network of {label} to the world"
        listed = model_admin.get_queryset(request)
        assert not listed.filter(pk=foreign[label].pk).exists(), label
        assert listed.filter(pk=own[label].pk).exists(), label


def _admin_pages(own, request):
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(request):
            continue
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        yield base
        if model_admin.has_add_permission(request):
            yield f"{base}add/"
        obj = own.get(model._meta.label)
        if obj is not None and model_admin.has_view_permission(request, obj):
            yield f"{base}{obj.pk}/change/"
    yield "/admin/"


def test_no_admin_page_shows_another_networks_names(client, world):
    """Changelists with their filters, add and change pages with their dropdowns."""
    own, _foreign, coordinator = world
    client.force_login(coordinator)
    pages = list(_admin_pages(own, _request(coordinator)))
    assert len(pages) > 20
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert FOREIGN.lower() not in response.content.decode().lower(), url


def test_changelist_filter_lists_only_own_networks(client, world):
    own, _foreign, coordinator = world
    second = NetworkFactory(name="Tweede eigen netwerk")
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=second)
    client.force_login(coordinator)
    response = client.get("/admin/partners/location/")
    network_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.field_path == "network"
    )
    listed = {pk for pk, _name in network_filter.lookup_choices}
    assert listed == {own["partners.Network"].pk, second.pk}


def test_network_choices_are_the_coordinated_networks_only(world):
    """A coordinator who is also partner editor elsewhere may not place an agreement there."""
    own, foreign, coordinator = world
    MembershipFactory(
        user=coordinator, role=Role.PARTNER_EDITOR, organisation=foreign["partners.Organisation"]
    )
    request = _request(coordinator)
    form_class = admin.site._registry[Agreement].get_form(request, None, change=False)
    assert list(form_class.base_fields["network"].queryset) == [own["partners.Network"]]
    assert Network.objects.count() == 2


def test_view_on_site_answers_only_for_objects_the_user_may_see(client, world):
    """/admin/r/ redirects to an object's public page: not a way to learn another network's
    drafts, nor any referral's reference (referrals have no admin, even for a superuser)."""
    from django.contrib.contenttypes.models import ContentType

    from doorverwijzing.tests.factories import ReferralFactory

    own, foreign, coordinator = world
    offer_type = ContentType.objects.get_for_model(own["aanbod.Offer"]).pk
    referral = ReferralFactory(
        referring_organisation=own["partners.Organisation"],
        receiving_organisation=foreign["partners.Organisation"],
    )
    referral_type = ContentType.objects.get_for_model(referral).pk
    client.force_login(coordinator)
    assert client.get(f"/admin/r/{offer_type}/{own['aanbod.Offer'].pk}/").status_code == 302
    assert client.get(f"/admin/r/{offer_type}/{foreign['aanbod.Offer'].pk}/").status_code == 404
    assert client.get(f"/admin/r/{offer_type}/not-a-number/").status_code == 404
    assert client.get(f"/admin/r/{referral_type}/{referral.pk}/").status_code == 404
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/admin/r/{offer_type}/{foreign['aanbod.Offer'].pk}/").status_code == 302
    assert client.get(f"/admin/r/{referral_type}/{referral.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("partners.Organisation", "networks"),
        ("aanbod.Offer", "networks"),
        ("aanbod.Offer", "locations"),
    ],
)
def test_saving_a_shared_object_keeps_its_links_to_another_network(client, world, label, field):
    """A partner (or an offer) in networks A and B: A's coordinator edits it, and the
    many-to-many field lists only what they may pick. The browser posts what the page shows,
    so saving it used to remove the partner from B (or B's location from the offer)
    without anyone in B knowing. What the user may not see is kept as it was."""
    own, foreign, coordinator = world
    obj = own[label]
    hidden = {
        "networks": foreign["partners.Network"],
        "locations": foreign["partners.Location"],
    }[field]
    getattr(obj, field).add(hidden)
    client.force_login(coordinator)
    app_label, model_name = label.lower().split(".")
    url = f"/admin/{app_label}/{model_name}/{obj.pk}/change/"
    page = client.get(url)
    shown = page.context["adminform"].form.fields[field].queryset
    assert not shown.filter(pk=hidden.pk).exists()
    posted = [str(related.pk) for related in getattr(obj, field).filter(pk__in=shown)]
    response = client.post(url, _form_data(page, **{field: posted}))
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
    )
    assert getattr(obj, field).filter(pk=hidden.pk).exists()


def test_a_delete_page_names_no_referral_even_for_an_administrator(client):
    """Deleting a partner lists what stops it: its referrals (PROTECT). The list named each
    referral's reference (which /admin/r/ refuses to tell) to the administrator, who may
    open no referral. It says how many there are, not which."""
    from doorverwijzing.tests.factories import ReferralFactory

    network = NetworkFactory()
    partner = OrganisationFactory(name="Te verwijderen", networks=[network])
    referrals = [
        ReferralFactory(referring_organisation=partner, receiving_organisation=partner)
        for _ in range(2)
    ]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for response in [
        client.get(f"/admin/partners/organisation/{partner.pk}/delete/"),
        client.post(
            "/admin/partners/organisation/",
            {"action": "delete_selected", "_selected_action": [partner.pk]},
        ),
    ]:
        assert response.status_code == 200
        assert response.context["protected"], "the referrals still stop the deletion"
        page = response.content.decode()
        for referral in referrals:
            assert referral.public_id not in page
            assert str(referral) not in str(response.context["protected"])


@pytest.mark.parametrize("superuser", [False, True])
def test_no_changelist_filters_by_referral_or_familys_question(client, world, superuser):
    """A one-step lookup through a reverse relation is allowed by Django on every admin:
    `?referrals=<id>` told which offer a referral was about, `?referrals_received=<id>`
    which partner received it, `?referrals_made=<id>` which social worker made it (to the
    administrator). Need-to-know: no admin filters by a referral or a family's question."""
    from doorverwijzing.tests.factories import ReferralFactory

    own, _foreign, coordinator = world
    referral = ReferralFactory(
        referring_organisation=own["partners.Organisation"],
        receiving_organisation=own["partners.Organisation"],
        offer=own["aanbod.Offer"],
    )
    user = UserFactory(is_staff=True, is_superuser=True) if superuser else coordinator
    client.force_login(user)
    urls = [
        f"/admin/aanbod/offer/?referrals={referral.pk}",
        f"/admin/partners/organisation/?referrals_received={referral.pk}",
        "/admin/partners/organisation/?referrals_sent__isnull=False",
        "/admin/partners/organisation/?referrals_received__pk__gte=0",
        "/admin/partners/network/?intake_requests__isnull=False",
    ]
    if superuser:
        urls.append(f"/admin/auth/user/?referrals_made={referral.pk}")
    for url in urls:
        assert client.get(url).status_code == 400, url
    # The lists themselves and their own filters still answer.
    assert client.get("/admin/aanbod/offer/?status__exact=published").status_code == 200


# --- Inlines answer from their parent admin (ScopedInlineMixin) ---------------------------


def _staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def _inlines(response) -> dict:
    """prefix -> the inline on the page, with the rights the page gives it."""
    return {inline.formset.prefix: inline for inline in response.context["inline_admin_formsets"]}


def _new_row(data: dict, prefix: str, **values) -> dict:
    """The data with one more (new) row in the inline `prefix`."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return data


@pytest.fixture
def location(cast):
    from partners.tests.factories import OpeningPeriodFactory

    location = LocationFactory(organisation=cast.organisation, network=cast.network)
    OpeningPeriodFactory(location=location, weekday=0)
    return location


def test_coordinator_edits_the_opening_hours_and_zitdagen_of_a_location(client, cast, location):
    """The inlines asked Django's model permissions, which nobody but a superuser has: a
    coordinator saw a location without its opening hours, closed days and zitdagen."""
    client.force_login(_staff(cast.coordinator))
    url = f"/admin/partners/location/{location.pk}/change/"
    page = client.get(url)
    inlines = _inlines(page)
    assert set(inlines) == {"opening_periods", "closed_days", "zitdagen"}
    for inline in inlines.values():
        assert inline.has_add_permission and inline.has_change_permission
        assert inline.has_delete_permission  # rows are part of the location
    data = _form_data(page)
    _new_row(data, "opening_periods", weekday=2, starts="13:00", ends="17:00")
    _new_row(data, "zitdagen", weekday=3, starts="09:00", ends="11:00",
             organisation=cast.other_organisation.pk)  # fmt: skip
    data["opening_periods-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, [i.formset.errors for i in _inlines(response).values()]
    assert list(location.opening_periods.values_list("weekday", flat=True)) == [2]
    assert location.zitdagen.get().organisation == cast.other_organisation


def test_coordinator_of_another_network_gets_no_inline(client, cast, location):
    client.force_login(_staff(cast.far_coordinator))
    url = f"/admin/partners/location/{location.pk}/change/"
    assert client.get(url).status_code == 302  # "does not exist": back to the admin index
    data = _new_row({"opening_periods-TOTAL_FORMS": 0, "opening_periods-INITIAL_FORMS": 0},
                    "opening_periods", weekday=2, starts="13:00", ends="17:00")  # fmt: skip
    client.post(url, data)
    assert list(location.opening_periods.values_list("weekday", flat=True)) == [0]


def test_viewer_gets_no_location_and_a_view_only_parent_shows_inlines_read_only(
    client, cast, location, monkeypatch
):
    client.force_login(_staff(cast.viewer))
    url = f"/admin/partners/location/{location.pk}/change/"
    assert client.get(url).status_code == 403  # a viewer has no location admin at all
    # Whoever may only view the parent sees its rows and may add, change or remove none.
    from partners.admin import LocationAdmin

    monkeypatch.setattr(LocationAdmin, "has_change_permission", lambda *args: False)
    client.force_login(_staff(cast.coordinator))
    page = client.get(url)
    assert page.status_code == 200
    inlines = _inlines(page)
    assert set(inlines) == {"opening_periods", "closed_days", "zitdagen"}
    for inline in inlines.values():
        assert inline.has_view_permission
        assert not (
            inline.has_add_permission
            or inline.has_change_permission
            or inline.has_delete_permission
        )
    assert client.post(url, _form_data(page)).status_code == 403


def test_partner_editor_sees_the_inlines_their_rules_allow(client, cast, location):
    client.force_login(_staff(cast.owner))
    page = client.get(f"/admin/partners/location/{location.pk}/change/")
    assert all(i.has_change_permission for i in _inlines(page).values())
    agreement = AgreementFactory(network=cast.network)
    agreement.partners.add(cast.organisation)
    page = client.get(f"/admin/partners/organisation/{cast.organisation.pk}/change/")
    inlines = _inlines(page)
    locations = inlines["locations"]
    assert [form.instance for form in locations.formset.initial_forms] == [location]
    assert locations.has_change_permission and not locations.has_delete_permission
    # An organisation's agreements are the agreement's coordinator's to change.
    partners = next(i for prefix, i in inlines.items() if prefix != "locations")
    assert not (partners.has_add_permission or partners.has_change_permission)
    # The page saves as it is shown.
    response = client.post(
        f"/admin/partners/organisation/{cast.organisation.pk}/change/", _form_data(page)
    )
    assert response.status_code == 302, [i.formset.errors for i in _inlines(response).values()]
    assert agreement.partners.filter(pk=cast.organisation.pk).exists()
    # Another organisation's location is not theirs, with or without inlines.
    other = LocationFactory(organisation=cast.other_organisation, network=cast.network)
    assert client.get(f"/admin/partners/location/{other.pk}/change/").status_code == 302


def test_an_inline_row_pointing_at_another_network_is_refused(client, cast, location):
    foreign = OrganisationFactory(networks=[cast.far_network])
    client.force_login(_staff(cast.coordinator))
    url = f"/admin/partners/location/{location.pk}/change/"
    data = _new_row(_form_data(client.get(url)), "zitdagen", weekday=3, starts="09:00",
                    ends="11:00", organisation=foreign.pk)  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "organisation" in _inlines(response)["zitdagen"].formset.errors[0]
    assert not location.zitdagen.exists()


def test_coordinator_cannot_delete_a_location_through_the_organisation(client, cast, location):
    """A location is an object in its own right: only an administrator deletes it."""
    client.force_login(_staff(cast.coordinator))
    url = f"/admin/partners/organisation/{cast.organisation.pk}/change/"
    page = client.get(url)
    locations = _inlines(page)["locations"]
    assert locations.has_change_permission and not locations.has_delete_permission
    data = _form_data(page)
    data["locations-0-DELETE"] = "on"
    client.post(url, data)
    assert type(location).objects.filter(pk=location.pk).exists()


def test_a_shared_partners_location_in_another_network_stays_out_of_its_form(client, cast):
    """A partner in two networks: the coordinator of one sees, and saves, only the
    locations in theirs; the other network's location is neither shown nor changed."""
    cast.organisation.networks.add(cast.far_network)
    far = LocationFactory(organisation=cast.organisation, network=cast.far_network)
    own = LocationFactory(organisation=cast.organisation, network=cast.network)
    client.force_login(_staff(cast.coordinator))
    url = f"/admin/partners/organisation/{cast.organisation.pk}/change/"
    page = client.get(url)
    shown = [form.instance for form in _inlines(page)["locations"].formset.initial_forms]
    assert shown == [own]
    response = client.post(url, _form_data(page, networks=[str(cast.network.pk)]))
    assert response.status_code == 302, response.context["errors"]
    far.refresh_from_db()
    assert far.network == cast.far_network


@pytest.mark.parametrize("name", ["offer", "survey", "plan", "group"])
def test_the_other_admins_show_their_inlines_to_who_may_change_them(client, cast, name):
    """An offer's schedule and dates (its partner editor), a survey's questions, a plan's
    goals and a group's meetings (the coordinator). Meetings are not removed from the
    group's page: they are objects in their own right; nor an offer's dates (a date may
    carry a registration list, whose families would go without a word)."""
    if name == "offer":
        user, obj = cast.owner, OfferFactory(organisation=cast.organisation, indexed=False)
        prefixes = {"recurring_schedules", "occurrences"}
    elif name == "survey":
        user, prefixes = cast.coordinator, {"questions"}
        obj = Survey.objects.create(network=cast.network, slug="vraag", title="Vragen")
    elif name == "plan":
        user, obj, prefixes = cast.coordinator, ActionPlanFactory(network=cast.network), {"goals"}
    else:
        user, obj, prefixes = cast.coordinator, GroupFactory(network=cast.network), {"meetings"}
    client.force_login(_staff(user))
    meta = obj._meta
    url = f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"
    inlines = _inlines(client.get(url))
    assert set(inlines) == prefixes
    kept = {"meetings", "occurrences"}
    for prefix, inline in inlines.items():
        assert inline.has_add_permission and inline.has_change_permission
        assert inline.has_delete_permission == (prefix not in kept), prefix
    client.force_login(_staff(cast.far_coordinator))
    assert client.get(url).status_code == 302


def test_a_partner_editor_saves_a_location_hosting_another_partners_zitdag(client, cast, location):
    """The zitdag's partner is not one the editor may pick: the row keeps it, and the page
    saves; changing a row to a partner outside their scope is still refused."""
    from partners.models import Zitdag

    zitdag = Zitdag.objects.create(
        location=location, organisation=cast.other_organisation, weekday=1,
        starts="09:00", ends="10:00",
    )  # fmt: skip
    client.force_login(_staff(cast.owner))
    url = f"/admin/partners/location/{location.pk}/change/"
    page = client.get(url)
    response = client.post(url, _form_data(page, **{"zitdagen-0-note": "elke dinsdag"}))
    assert response.status_code == 302, response.context["errors"]
    zitdag.refresh_from_db()
    assert (zitdag.note, zitdag.organisation) == ("elke dinsdag", cast.other_organisation)
    foreign = OrganisationFactory(networks=[cast.far_network])
    response = client.post(url, _form_data(page, **{"zitdagen-0-organisation": foreign.pk}))
    assert "organisation" in _inlines(response)["zitdagen"].formset.errors[0]
    zitdag.refresh_from_db()
    assert zitdag.organisation == cast.other_organisation
