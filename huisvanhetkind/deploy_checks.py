"""System checks for a production start (`manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 (names, not a bind)


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Mails sent by the worker link to SITE_URL: with the development default every
    invitation and reminder would point at the recipient's own computer."""
    if settings.DEBUG:
        return []
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return [
            checks.Error(
                f"SITE_URL must be the portal's public address, not {settings.SITE_URL!r}.",
                hint="Set SITE_URL, e.g. https://huisvanhetkind.example.be.",
                id="huisvanhetkind.E001",
            )
        ]
    if parts.hostname in LOCAL_HOSTS or parts.hostname.endswith(".localhost"):
        return [
            checks.Error(
                f"SITE_URL points at this computer ({settings.SITE_URL}): links in mails "
                "would not work for anyone else.",
                hint="Set SITE_URL to the public address, e.g. https://huisvanhetkind.example.be.",
                id="huisvanhetkind.E002",
            )
        ]
    if parts.scheme != "https":
        return [
            checks.Warning(
                "SITE_URL is not https: links in mails would be sent over plain http.",
                id="huisvanhetkind.W001",
            )
        ]
    return []
