"""Coordinators keep their network's rights here: draft → review → published."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from huisvanhetkind.admin_scoping import ScopedModelAdmin
from huisvanhetkind.domain_errors import for_each_object

from . import services
from .models import Right


def _each(service, done: str):
    def action(modeladmin, request, queryset):
        changed = for_each_object(
            request, queryset, lambda right: service(right=right, actor=request.user), about=str
        )
        if changed:
            modeladmin.message_user(request, done % {"count": changed}, messages.SUCCESS)

    return action


@admin.register(Right)
class RightAdmin(ScopedModelAdmin):
    list_action = "right.manage"
    view_action = "right.manage"
    change_action = "right.manage"
    field_actions = {"network": "right.manage"}
    list_display = ["name", "network", "status", "from_starting_set", "reviewed_on", "reviewed_by"]
    list_filter = ["status", "from_starting_set"]
    search_fields = ["name", "key"]
    readonly_fields = ["status", "from_starting_set", "reviewed_by", "reviewed_on"]
    filter_horizontal = ["local_offers", "municipalities"]
    actions = ["submit_for_review", "publish", "confirm_reviewed", "withdraw"]

    @admin.action(description=_("Send for review"))
    def submit_for_review(self, request, queryset):
        _each(services.right_submit_for_review, str(_("Sent for review: %(count)d.")))(
            self, request, queryset
        )

    @admin.action(description=_("Reviewed: publish"))
    def publish(self, request, queryset):
        _each(services.right_publish, str(_("Published: %(count)d.")))(self, request, queryset)

    @admin.action(description=_("Checked: still right"))
    def confirm_reviewed(self, request, queryset):
        _each(services.right_confirm_reviewed, str(_("Confirmed: %(count)d.")))(
            self, request, queryset
        )

    @admin.action(description=_("Back to draft (families no longer see it)"))
    def withdraw(self, request, queryset):
        _each(services.right_withdraw, str(_("Back to draft: %(count)d.")))(self, request, queryset)
