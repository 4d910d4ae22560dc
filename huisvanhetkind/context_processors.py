from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from .request_network import network_for_request


def portal(request) -> dict:
    """What the layout needs on every page: the network and the language links."""
    network = network_for_request(request)
    current = translation.get_language()
    languages = [
        {
            "code": code,
            "name_local": translation.get_language_info(code)["name_local"],
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"network": network, "language_links": languages}
