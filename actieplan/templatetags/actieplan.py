from django import template

from huisvanhetkind import permissions

register = template.Library()


@register.filter
def may_read_plans(user) -> bool:
    """For the menu: the coordinator and the stuurgroep members see "Action plan"."""
    return permissions.can(user, "plan.view")
