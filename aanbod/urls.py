from django.urls import path

from .views import agenda, flyer, mine, offer, search, shortlist

app_name = "aanbod"

urlpatterns = [
    path("aanbod/", search.search, name="search"),
    path("aanbod/flyer/", flyer.flyer, name="flyer"),
    path("lijstje/", shortlist.shortlist, name="shortlist"),
    path("lijstje/delen/", shortlist.shortlist_shared, name="shortlist_shared"),
    path("lijstje/toevoegen/<int:pk>/", shortlist.shortlist_add_view, name="shortlist_add"),
    path("lijstje/verwijderen/<int:pk>/", shortlist.shortlist_remove_view, name="shortlist_remove"),
    path("aanbod/<slug:slug>/afbeelding/", offer.offer_image, name="offer_image"),
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda.ics", agenda.agenda_feed, name="agenda_feed"),
    # Mijn aanbod: partners' and coordinators' own offers (login required).
    path("mijn-aanbod/", mine.mine, name="mine"),
    path("mijn-aanbod/nieuw/", mine.mine_new, name="mine_new"),
    path("mijn-aanbod/nalezen/", mine.review_list, name="review"),
    path("mijn-aanbod/alles-nog-juist/", mine.mine_confirm_all, name="mine_confirm_all"),
    path("mijn-aanbod/nalezen/<int:pk>/goedkeuren/", mine.review_approve, name="review_approve"),
    path(
        "mijn-aanbod/nalezen/<int:pk>/terugsturen/", mine.review_send_back, name="review_send_back"
    ),
    path("mijn-aanbod/<int:pk>/bewerken/", mine.mine_edit, name="mine_edit"),
    path("mijn-aanbod/<int:pk>/voorbeeld/", mine.mine_preview, name="mine_preview"),
    path("mijn-aanbod/<int:pk>/vertalingen/", mine.mine_translations, name="mine_translations"),
    path("mijn-aanbod/<int:pk>/kopieren/", mine.mine_duplicate, name="mine_duplicate"),
    path("mijn-aanbod/<int:pk>/archiveren/", mine.mine_archive, name="mine_archive"),
    path("mijn-aanbod/<int:pk>/nalezen-vragen/", mine.mine_submit, name="mine_submit"),
    path("mijn-aanbod/<int:pk>/plaatsen/", mine.mine_availability, name="mine_availability"),
    path("mijn-aanbod/<int:pk>/nog-juist/", mine.mine_confirm, name="mine_confirm"),
    path("mijn-aanbod/<int:pk>/deelname/", mine.mine_participation, name="mine_participation"),
    path("aanbod/<slug:slug>/", offer.offer_detail, name="offer_detail"),
    path("aanbod/<slug:slug>/agenda.ics", offer.offer_ics, name="offer_ics"),
]
