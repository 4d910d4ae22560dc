"""Offers, synonyms and need words in the admin, scoped by the permission registry
(aanbod/permissions.py).

Form saves change content only; status changes go through the actions, which call the same
services as the partner pages. After every save the search document is refreshed.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from huisvanhetkind import permissions
from huisvanhetkind.admin_scoping import ScopedModelAdmin, ScopedTabularInline
from huisvanhetkind.domain_errors import for_each_object

from . import models, services


class RecurringScheduleInline(ScopedTabularInline):
    model = models.RecurringSchedule
    extra = 0
    rows_are_parts = True


class OccurrenceInline(ScopedTabularInline):
    model = models.Occurrence
    extra = 0
    # Not removed with a change of the offer: a date may carry a registration list, whose
    # families would go without a word (cancel it through the partner's pages instead).
    rows_are_parts = False


def _run(modeladmin, request, queryset, service, done_message, **kwargs) -> None:
    done = for_each_object(
        request,
        queryset,
        lambda offer: service(offer=offer, actor=request.user, **kwargs),
        about=str,
    )
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


@admin.register(models.Offer)
class OfferAdmin(TranslationAdmin, ScopedModelAdmin):
    view_action = "offer.edit"
    change_action = "offer.edit"
    list_display = ["title", "organisation", "status", "availability", "last_verified"]
    list_filter = ["status", "access_type", "availability", "networks"]
    search_fields = ["title_nl", "summary_nl", "keywords", "organisation__name"]
    list_select_related = ["organisation"]
    prepopulated_fields = {"slug": ["title_nl"]}
    readonly_fields = ["status", "review_remark", "last_verified", "published_at"]
    filter_horizontal = ["networks", "locations"]
    inlines = [RecurringScheduleInline, OccurrenceInline]
    actions = ["submit_for_review", "approve", "send_back", "archive", "confirm_still_right"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.networks.exists():
            form.instance.networks.set(form.instance.default_networks)
        services.offer_refresh_search(offer=form.instance)

    @admin.action(description=_("Send for review"))
    def submit_for_review(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.offer_submit_for_review,
            lambda n: (
                ngettext("%(count)d offer sent for review.", "%(count)d offers sent for review.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Approve and publish"))
    def approve(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.offer_approve,
            lambda n: (
                ngettext("%(count)d offer published.", "%(count)d offers published.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Send back to the partner with a remark"))
    def send_back(self, request, queryset):
        remark = (request.POST.get("remark") or "").strip()
        if "apply" in request.POST and remark:
            _run(
                self,
                request,
                queryset,
                services.offer_send_back,
                lambda n: (
                    ngettext("%(count)d offer sent back.", "%(count)d offers sent back.", n)
                    % {"count": n}
                ),
                remark=remark,
            )
            return None
        return TemplateResponse(
            request,
            "admin/aanbod/send_back.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send back to the partner"),
                "offers": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "missing_remark": "apply" in request.POST,
            },
        )

    @admin.action(description=_("Archive"))
    def archive(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.offer_archive,
            lambda n: (
                ngettext("%(count)d offer archived.", "%(count)d offers archived.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Confirm still right"))
    def confirm_still_right(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.offer_confirm_still_right,
            lambda n: (
                ngettext("%(count)d offer confirmed.", "%(count)d offers confirmed.", n)
                % {"count": n}
            ),
        )


@admin.register(models.Synonym)
class SynonymAdmin(ScopedModelAdmin):
    view_action = "synonym.edit"
    change_action = "synonym.edit"
    list_display = ["term", "expands_to"]
    search_fields = ["term", "expands_to"]

    def has_delete_permission(self, request, obj=None):
        return permissions.can(request.user, "synonym.edit")


@admin.register(models.NeedWord)
class NeedWordAdmin(ScopedModelAdmin):
    """Parents' words in every language → catalogue words or a life domain.

    See aanbod.search.vocabulary.
    """

    view_action = "needword.edit"
    change_action = "needword.edit"
    list_display = ["word", "language", "catalogue_terms", "life_domain"]
    list_filter = ["language", "life_domain"]
    search_fields = ["word", "catalogue_terms"]

    def has_delete_permission(self, request, obj=None):
        return permissions.can(request.user, "needword.edit")


@admin.register(models.Participation)
class ParticipationAdmin(ScopedModelAdmin):
    """Read only for coordinators: partners enter the counts under Mijn aanbod."""

    view_action = "participation.view"
    list_display = ["offer", "date", "families", "children", "entered_at"]
    list_filter = ["date", "offer__networks"]
    list_select_related = ["offer"]
    search_fields = ["offer__title_nl"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
