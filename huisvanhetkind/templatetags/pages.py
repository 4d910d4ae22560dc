from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL (all its filters) on another page of the results."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()
