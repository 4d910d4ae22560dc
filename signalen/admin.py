"""Minimal admin: the coordinator's own network only; the pages in signalen/views.py do the work."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from huisvanhetkind import permissions
from huisvanhetkind.admin_scoping import ScopedInlineMixin, ScopedModelAdmin

from .models import SearchGap, Signal, Survey, SurveyQuestion, Theme


@admin.register(Theme)
class ThemeAdmin(ScopedModelAdmin):
    view_action = "theme.manage"
    change_action = "theme.manage"
    field_actions = {"network": "network.manage"}
    list_display = ["title", "network", "status", "created_at", "feedback_sent_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    # Status and feedback change through the services (audit, mails): on the theme page.
    readonly_fields = [
        "status",
        "status_reason",
        "status_changed_at",
        "feedback",
        "feedback_sent_at",
    ]
    exclude = ["created_by"]


@admin.register(Signal)
class SignalAdmin(ScopedModelAdmin):
    list_action = "signal.view_all"
    view_action = "signal.view_all"
    change_action = "theme.manage"
    list_display = ["created_at", "network", "source", "kind", "barrier", "theme"]
    list_filter = ["source", "kind", "barrier"]
    list_select_related = ["network", "theme"]
    search_fields = ["text"]
    date_hierarchy = "created_at"
    readonly_fields = ["network", "source", "reporter", "contact_email", "created_at"]
    exclude = ["feedback_mailed_at", "decline_reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SearchGap)
class SearchGapAdmin(admin.ModelAdmin):
    """Installation-wide counts without personal data: every coordinator reads them."""

    list_display = ["week", "query", "count"]
    search_fields = ["query"]
    date_hierarchy = "week"

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return permissions.can(request.user, "signal.view_all")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return permissions.can(request.user, "admin.delete", obj)


class SurveyQuestionInline(ScopedInlineMixin, TranslationTabularInline):
    model = SurveyQuestion
    extra = 1
    rows_are_parts = True


@admin.register(Survey)
class SurveyAdmin(TranslationAdmin, ScopedModelAdmin):
    view_action = "theme.manage"
    change_action = "theme.manage"
    field_actions = {"network": "network.manage"}
    list_display = ["title", "network", "is_open", "created_at"]
    prepopulated_fields = {"slug": ("title",)}
    inlines = [SurveyQuestionInline]
