from django.urls import path

from . import views

app_name = "dashboards"

# Every URL with an id answers 404 to a coordinator of another network:
# dashboards/tests/test_access.py lists them and fails on a new one without a row.
urlpatterns = [
    path("coordinatie/", views.cockpit, name="cockpit"),
    path("coordinatie/vergaderingen/nieuw/", views.meeting_new, name="meeting_new"),
    path("coordinatie/vergaderingen/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(
        "coordinatie/vergaderingen/<int:pk>/versturen/",
        views.meeting_send,
        name="meeting_send",
    ),
    path(
        "coordinatie/vergaderingen/<int:pk>/besluiten/",
        views.decision_new,
        name="decision_new",
    ),
    path("coordinatie/besluiten/", views.decision_log, name="decision_log"),
    path("coordinatie/besluiten/<int:pk>/gedaan/", views.decision_done, name="decision_done"),
]
