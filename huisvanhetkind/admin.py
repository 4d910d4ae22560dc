"""The admin of accounts: who reads referrals is protected even from administrators.

- Authenticators (TOTP) show only their type and dates, never the secret.
- Accounts come by invitation (partners/invitations.py), not from the admin's add form.
- The password of someone who must log in with a second factor is never set by
  someone else: the admin offers to mail them a reset link instead.
- A user the referral access log names is deactivated, not deleted (the log keeps who).
- Only administrators (superusers) reach these pages: the registry's "accounts.manage".
  Django's model permissions and groups are not used (the registry is the one home of
  every rule), so their admin and the account's permission fields are left out.
"""

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import permissions
from .admin_scoping import PersonalDataMixin
from .domain_errors import for_each_object
from .kept_users import kept_user_ids
from .second_factor import second_factor_required
from .services import user_deactivate, user_password_reset_send

User = get_user_model()

admin.site.unregister(Authenticator)
admin.site.unregister(EmailAddress)
admin.site.unregister(Group)
admin.site.unregister(User)


# Django's groups and model permissions: the portal's rules live in its registry.
UNUSED = {"groups", "user_permissions"}


class AccountsAdmin(PersonalDataMixin, admin.ModelAdmin):
    """Administrators only, from the registry (no statements on Django's permissions)."""

    def has_module_permission(self, request):
        return permissions.can(request.user, "accounts.manage")

    def has_view_permission(self, request, obj=None):
        return permissions.can(request.user, "accounts.manage")

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


def _protected_from(request, user) -> bool:
    """Someone else's account that must log in with a second factor."""
    return user.pk != request.user.pk and second_factor_required(user)


@admin.register(EmailAddress)
class PortalEmailAddressAdmin(AccountsAdmin, EmailAddressAdmin):
    """The addresses of someone who must use a second factor are theirs to change: a
    verified address added here receives the password-reset link, as the user form's
    address would (which is read-only for them, see PortalUserAdmin)."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and _protected_from(request, obj.user):
            return False
        return super().has_change_permission(request, obj)

    has_delete_permission = has_change_permission

    def make_verified(self, request, queryset):
        theirs = [a.pk for a in queryset.select_related("user") if _protected_from(request, a.user)]
        super().make_verified(request, queryset.exclude(pk__in=theirs))

    make_verified.short_description = EmailAddressAdmin.make_verified.short_description

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        def clean_user(bound):
            user = bound.cleaned_data.get("user")
            if user is not None and _protected_from(request, user):
                raise ValidationError(
                    _(
                        "Only %(name)s can add or change their addresses: they must log in "
                        "with a second factor."
                    )
                    % {"name": user.get_full_name() or user.email}
                )
            return user

        return type(form.__name__, (form,), {"clean_user": clean_user})


@admin.register(Authenticator)
class AuthenticatorAdmin(AccountsAdmin):
    """Read-only, without the secret. Deleting one makes its owner set up a new one."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    fields = list_display
    readonly_fields = list_display
    raw_id_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data").select_related("user")

    def lookup_allowed(self, lookup, value, request=None):
        # Any other lookup on a local field (`?data__startswith=A`) would leak the secret.
        return lookup in {"type", "type__exact"}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class PortalUserAdmin(AccountsAdmin, UserAdmin):
    actions = ["deactivate_users", "send_password_reset_links"]
    fieldsets = [
        (name, {**options, "fields": [f for f in options["fields"] if f not in UNUSED]})
        for name, options in UserAdmin.fieldsets
    ]
    list_filter = [name for name in UserAdmin.list_filter if name not in UNUSED]

    def has_add_permission(self, request):
        return False  # staff accounts come by invitation only

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and _protected_from(request, obj):
            # A changed address would let the reset link go to someone else.
            fields.append("email")
        return fields

    def user_change_password(self, request, id, form_url=""):
        if not self.has_change_permission(request):
            # Before any look-up: the message below names the person.
            raise PermissionDenied
        user = self.get_object(request, unquote(id))
        if user is not None and _protected_from(request, user):
            messages.error(
                request,
                _(
                    "Only %(name)s can choose their password: they must log in with a second "
                    "factor. Send them a link to choose a new one (action on the user list)."
                )
                % {"name": user.get_full_name() or user.email},
            )
            return redirect(reverse("admin:auth_user_change", args=[user.pk]))
        return super().user_change_password(request, id, form_url)

    def get_deleted_objects(self, objs, request):
        """Users the referral access log names cannot be deleted: show why, offer deactivate."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        logged = kept_user_ids(user_ids=[user.pk for user in objs])
        for user in objs:
            if user.pk in logged:
                protected = [
                    *protected,
                    _(
                        "%(name)s opened referrals: the access log keeps their name. "
                        "Deactivate this account instead."
                    )
                    % {"name": user.get_full_name() or user.email},
                ]
        return deleted, model_count, perms_needed, protected

    @admin.action(description=_("Deactivate (cannot log in any more; history kept)"))
    def deactivate_users(self, request, queryset):
        done = for_each_object(
            request, queryset, lambda user: user_deactivate(actor=request.user, user=user)
        )
        self.message_user(request, _("%(count)d account(s) deactivated.") % {"count": done})

    @admin.action(description=_("Send a link to choose a new password"))
    def send_password_reset_links(self, request, queryset):
        sent = for_each_object(
            request,
            queryset,
            lambda user: user_password_reset_send(actor=request.user, user=user, request=request),
            about=lambda user: user.email,
        )
        self.message_user(request, _("%(count)d link(s) sent.") % {"count": sent})
