from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .request_network import network_for_request


def portal(request) -> dict:
    """What the layout needs on every page: the network and the language links. Both are
    looked up only when a template reads them: the admin's pages read neither."""
    return {
        "network": SimpleLazyObject(lambda: network_for_request(request)),
        "language_links": SimpleLazyObject(lambda: language_links(request)),
    }


def language_links(request) -> list[dict]:
    current = translation.get_language()
    return [
        {
            "code": code,
            "name_local": translation.get_language_info(code)["name_local"],
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
