from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from huisvanhetkind.admin_scoping import ScopedModelAdmin

from .models import Transition


@admin.register(Transition)
class TransitionAdmin(TranslationAdmin, ScopedModelAdmin):
    """Moments ahead in a child's life, told in the monthly mail (coordinators keep them)."""

    view_action = "transition.edit"
    change_action = "transition.edit"
    field_actions = {"network": "network.manage"}
    list_display = ["at_month", "title", "network"]
    list_select_related = ["network"]
    search_fields = ["title"]
