"""The portal's URLs plus one view per domain error, to see the answer each one gets."""

from django.contrib import messages
from django.http import HttpResponse
from django.urls import path

from huisvanhetkind.exceptions import LimitReached, NotAllowed, NotFound, StateConflict
from huisvanhetkind.urls import *  # noqa: F403
from huisvanhetkind.urls import urlpatterns as portal_urlpatterns

ERRORS = {
    "conflict": StateConflict("This offer is already published."),
    "not-allowed": NotAllowed("You cannot do this."),
    "not-found": NotFound("Not yours."),
    "limit": LimitReached("We received many questions today. Please phone us."),
}


def refuse(request, kind: str):
    raise ERRORS[kind]


def messages_page(request):
    return HttpResponse(" | ".join(str(message) for message in messages.get_messages(request)))


urlpatterns = [
    path("weigeren/<str:kind>/", refuse),
    path("berichten/", messages_page),
    *portal_urlpatterns,
]
