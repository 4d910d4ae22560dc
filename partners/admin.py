from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionMixin, ImportExportMixin
from modeltranslation.admin import TranslationAdmin

from huisvanhetkind import permissions
from huisvanhetkind.admin_scoping import (
    ReferenceDataAdmin,
    ScopedModelAdmin,
    ScopedStackedInline,
    ScopedTabularInline,
)
from huisvanhetkind.domain_errors import errors_on, for_each_object

from . import models
from .choices import Role
from .forms import InvitationForm, NetworkAdminForm
from .invitations import role_invite
from .resources import LocationResource, OrganisationResource


class ScopedImportExportMixin(ImportExportMixin, ExportActionMixin):
    """Import/export that tells the resource who is importing (rows stay in their scope)."""

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "actor": request.user}

    # django-import-export lets every staff member in unless a Django permission is named:
    # the admin's own rules decide (importing adds and changes, exporting reads).
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class DeelgemeenteInline(ScopedTabularInline):
    model = models.Deelgemeente
    extra = 0
    rows_are_parts = True


@admin.register(models.Municipality)
class MunicipalityAdmin(ReferenceDataAdmin):
    list_display = ["name", "nis_code"]
    search_fields = ["name", "nis_code", "deelgemeenten__name", "deelgemeenten__postcode"]
    inlines = [DeelgemeenteInline]


@admin.register(models.OrganisationType)
class OrganisationTypeAdmin(ReferenceDataAdmin):
    list_display = ["name", "is_social_house"]
    list_filter = ["is_social_house"]
    search_fields = ["name"]


@admin.register(models.SchoolHoliday)
class SchoolHolidayAdmin(ReferenceDataAdmin):
    list_display = ["name", "start", "end"]
    list_filter = ["start"]
    search_fields = ["name"]


def unique_slug(model, name: str) -> str:
    """A web-address name made from `name`, with -2, -3 … when it is taken."""
    max_length = model._meta.get_field("slug").max_length
    base = slugify(name)[: max_length - 4].strip("-") or model._meta.model_name
    slug, number = base, 1
    while model._default_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class SlugFromNameMixin:
    """The short web-address name may stay empty: it is made from the name.

    The browser fills it in as you type the name (prepopulated_fields); without
    JavaScript, or when someone empties it, the save does it instead of refusing.
    """

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text = _("Leave it empty: it is made from the name.")
        return form

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            obj.slug = unique_slug(type(obj), obj.name)
        super().save_model(request, obj, form, change)


@admin.register(models.Network)
class NetworkAdmin(SlugFromNameMixin, TranslationAdmin, ScopedModelAdmin):
    list_action = "network.view_internal"
    form = NetworkAdminForm
    view_action = "network.view_internal"
    change_action = "network.manage"
    list_display = ["name", "slug", "phone", "email"]
    search_fields = ["name", "slug"]
    list_filter = ["municipalities"]
    filter_horizontal = ["municipalities"]
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request, obj=None):
        return permissions.can(request.user, "network.create")


class LocationInline(ScopedStackedInline):
    model = models.Location
    extra = 0
    fields = ["name", "slug", "network", "street", "postcode", "city", "wheelchair_accessible"]
    show_change_link = True

    def get_queryset(self, request):
        # A shared partner's locations in a network the user does not work in stay out of
        # the form (and untouched when it is saved).
        return permissions.scope(request.user, super().get_queryset(request))


class AgreementPartnerInline(ScopedTabularInline):
    model = models.Agreement.partners.through
    extra = 0
    verbose_name = _("agreement")
    field_actions = {"agreement": "agreement.manage"}
    verbose_name_plural = _("agreements")
    # An agreement's partners are the agreement's to change: its network's coordinator.
    edit_action = "agreement.manage"
    rows_are_parts = True

    def get_queryset(self, request):
        agreements = permissions.scope(request.user, models.Agreement, "agreement.manage")
        return super().get_queryset(request).filter(agreement__in=agreements)


@admin.register(models.Organisation)
class OrganisationAdmin(
    SlugFromNameMixin, ScopedImportExportMixin, TranslationAdmin, ScopedModelAdmin
):
    resource_classes = [OrganisationResource]
    actions = ["invite_contact_persons"]
    view_action = "organisation.edit"
    change_action = "organisation.edit"
    list_display = ["name", "type", "contact_name", "email", "phone"]
    list_filter = ["type", "networks"]
    search_fields = ["name", "contact_name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LocationInline, AgreementPartnerInline]

    def has_add_permission(self, request, obj=None):
        return permissions.can(request.user, "organisation.create")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None and "networks" in form.base_fields:
            # A new partner joins networks its maker coordinates (organisation.create), at
            # least one: not a network where they only edit their own partner, nor none.
            field = form.base_fields["networks"]
            field.queryset = permissions.scope(request.user, models.Network, "network.manage")
            field.required = not request.user.is_superuser
        return form

    @admin.action(description=_("Invite the contact persons as partner editor"))
    def invite_contact_persons(self, request, queryset):
        organisations = list(queryset)
        for organisation in organisations:
            if not organisation.contact_email:
                self.message_user(
                    request,
                    _("Not invited: %(reason)s") % {"reason": organisation.name},
                    messages.WARNING,
                )
        invited = for_each_object(
            request,
            [organisation for organisation in organisations if organisation.contact_email],
            lambda organisation: role_invite(
                actor=request.user,
                email=organisation.contact_email,
                role=Role.PARTNER_EDITOR,
                organisation=organisation,
            ),
            about=lambda organisation: _("Not invited: %(reason)s") % {"reason": organisation.name},
        )
        if invited:
            self.message_user(request, _("%(count)d invitation(s) sent.") % {"count": invited})


class OpeningPeriodInline(ScopedTabularInline):
    model = models.OpeningPeriod
    extra = 0
    rows_are_parts = True


class ClosedDayInline(ScopedTabularInline):
    model = models.ClosedDay
    extra = 0
    rows_are_parts = True


class ZitdagInline(ScopedTabularInline):
    model = models.Zitdag
    extra = 0
    rows_are_parts = True
    autocomplete_fields = ["organisation"]


@admin.register(models.Location)
class LocationAdmin(SlugFromNameMixin, ScopedImportExportMixin, TranslationAdmin, ScopedModelAdmin):
    resource_classes = [LocationResource]
    view_action = "location.edit"
    change_action = "location.edit"
    list_display = ["name", "organisation", "city", "wheelchair_accessible"]
    list_filter = ["network", "city", "wheelchair_accessible", "closed_in_school_holidays"]
    search_fields = ["name", "street", "city", "organisation__name"]
    list_select_related = ["organisation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningPeriodInline, ClosedDayInline, ZitdagInline]


@admin.register(models.Agreement)
class AgreementAdmin(ScopedModelAdmin):
    view_action = "agreement.view"
    change_action = "agreement.manage"
    field_actions = {"network": "network.manage"}
    filter_actions = {"network": "network.view_internal"}
    list_display = ["subject", "network", "kind", "start", "end", "status"]
    list_filter = ["status", "kind", "network", "end"]
    search_fields = ["subject", "partners__name"]
    date_hierarchy = "end"
    filter_horizontal = ["partners"]


@admin.register(models.Membership)
class MembershipAdmin(ScopedModelAdmin):
    change_list_template = "admin/partners/membership_changelist.html"
    view_action = "network.manage"
    change_action = "network.manage"
    list_display = ["user", "role", "network", "organisation", "created_at"]
    list_filter = ["role", "network"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    field_actions = {"network": "network.manage", "organisation": "membership.grant"}

    def get_urls(self):
        return [
            path(
                "invite/",
                self.admin_site.admin_view(self.invite_view),
                name="partners_membership_invite",
            ),
            *super().get_urls(),
        ]

    def invite_view(self, request):
        """Grant a role by e-mail: the coordinator's way to give people an account."""
        if not permissions.can(request.user, "network.manage"):
            raise PermissionDenied
        form = InvitationForm(request.POST or None, actor=request.user)
        if request.method == "POST" and form.is_valid():
            with errors_on(form, not_allowed_too=True):
                role_invite(actor=request.user, **form.cleaned_data)
            if form.is_valid():
                self.message_user(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("admin:partners_membership_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Invite someone"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/partners/invite.html", context)

    # Roles are granted only through role_invite (the invite page above): nobody grants
    # a role to themself, and a grant of referral access is logged and told. Adding or
    # editing a role in this form would skip those rules; a role is revoked by deleting it.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return permissions.can(request.user, "network.manage")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "network", "organisation")


class MeetingInline(ScopedStackedInline):
    model = models.Meeting
    extra = 0


@admin.register(models.Group)
class GroupAdmin(ScopedModelAdmin):
    view_action = "group.manage"
    change_action = "group.manage"
    field_actions = {"network": "network.manage"}
    list_display = ["name", "kind", "network"]
    list_filter = ["kind", "network"]
    search_fields = ["name", "meetings__decisions", "meetings__minutes"]
    filter_horizontal = ["member_users", "member_organisations"]
    inlines = [MeetingInline]
