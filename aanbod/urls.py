from django.urls import path

from .views import agenda, offer, search

app_name = "aanbod"

urlpatterns = [
    path("aanbod/", search.search, name="search"),
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda.ics", agenda.agenda_feed, name="agenda_feed"),
    path("aanbod/<slug:slug>/", offer.offer_detail, name="offer_detail"),
    path("aanbod/<slug:slug>/agenda.ics", offer.offer_ics, name="offer_ics"),
]
