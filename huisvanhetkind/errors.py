"""Error pages in the portal's own layout and the visitor's language.

A parent who follows an old link lands here: they get plain words, the search box
and the network's contact point instead of Django's bare English page. A 500 may
come from a database or cache that is down, so these views read nothing that can
fail again: the contact point is shown only when it can be had.
"""

import logging

from django.http import HttpResponse
from django.template import loader
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PAGES = {
    400: (
        _("We could not read that request"),
        _("Something in the address or the form was not right. Try again from the home page."),
    ),
    403: (
        _("You cannot open this page"),
        _(
            "This page is not for your account. "
            "Log in with another account, or go back to the home page."
        ),
    ),
    404: (
        _("We cannot find this page"),
        _("The page may be old or moved. Search again, or call us: we are glad to help."),
    ),
    409: (
        _("This step is not possible now"),
        _("Go back and look at the page again: it may have changed in the meantime."),
    ),
    429: (
        _("We received many requests"),
        _("Wait a moment and try again. Need help now? Call us."),
    ),
    500: (
        _("Something went wrong on our side"),
        _("Try again in a few minutes. Need help now? Call us."),
    ),
    "csrf": (
        _("This form has expired"),
        _(
            "For your safety a form only works for a while. Go back, reload the page "
            "and send it again. What you typed may be gone."
        ),
    ),
}


def _contact_network(request):
    """The network whose contact point the page shows, or None when it cannot be had."""
    try:
        from .request_network import network_for_request

        return network_for_request(request)
    except Exception:  # the error page must not fail on what caused the error
        logger.warning("error page without contact point", exc_info=True)
        return None


def _language_links(request) -> list[dict]:
    from django.conf import settings

    current = translation.get_language()
    return [
        {
            "code": code,
            "name_local": translation.get_language_info(code)["name_local"],
            "url": translate_url(request.path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def render_error(request, key, status: int, *, text: str = "") -> HttpResponse:
    """The error page for `key`; `text` replaces the standard explanation (a domain error's)."""
    title, standard_text = PAGES[key]
    text = text or standard_text
    context = {
        "status": status,
        "title": title,
        "text": text,
        "network": _contact_network(request),
        "language_links": _language_links(request),
    }
    body = loader.get_template("errors/page.html").render(context)
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return render_error(request, 400, 400)


def permission_denied(request, exception=None):
    return render_error(request, 403, 403)


def page_not_found(request, exception=None):
    return render_error(request, 404, 404)


def server_error(request):
    return render_error(request, 500, 500)


def csrf_failure(request, reason=""):
    return render_error(request, "csrf", 403)
