"""The menu entries of social workers: their referrals and questions, with what waits."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from huisvanhetkind import permissions

register = template.Library()


@register.inclusion_tag("doorverwijzing/_menu.html", takes_context=True)
def referral_menu(context):
    """Only for social workers: a few counts, no query for anyone else."""
    from ..selectors import intake_open_count_for_menu, referrals_needing_action_count

    user = context["user"]
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match and match.app_name == "doorverwijzing" else ""
    if not user.is_authenticated or not permissions.social_worker_organisation_ids(user):
        return {"show": False}
    return {
        "show": True,
        "current": current,
        "referrals_waiting": referrals_needing_action_count(user=user),
        "questions_open": intake_open_count_for_menu(user=user),
    }


@register.filter
def language_name(code: str) -> str:
    """'ar' → 'Arabisch' in the page's language; a code Django does not know stays as is."""
    if not code:
        return ""
    names = dict(settings.ALL_LANGUAGES) | {"other": _("another language")}
    if code in names:
        return str(names[code])
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code
