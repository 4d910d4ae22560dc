"""The portal project: settings, URLs, the Celery app and what the apps share.

It is also a small Django app for what belongs to no domain app: the worker's
heartbeat, health checks, the site-wide layout and the demo data command.
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
