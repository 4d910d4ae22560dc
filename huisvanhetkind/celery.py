"""The Celery app: Redis broker, settings under CELERY_* in Django settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huisvanhetkind.settings.base")

# DjangoTask adds delay_on_commit(): services enqueue only after their
# transaction commits, so a worker never sees a row that was rolled back.
app = Celery("huisvanhetkind", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
