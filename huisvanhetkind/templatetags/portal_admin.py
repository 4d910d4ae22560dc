from django import template

from ..admin_site import app_list_html

register = template.Library()


@register.simple_tag(takes_context=True)
def app_list_kept(context):
    """The index's list of apps and models (admin/app_list.html), kept per process."""
    return app_list_html(context["request"], context["app_list"])
