from django.urls import path

from . import views, views_subscriptions

app_name = "inschrijving"

urlpatterns = [
    path("inschrijven/<int:pk>/", views.register, name="register"),
    path("inschrijving/<str:token>/", views.registration_manage, name="registration_manage"),
    path(
        "inschrijving/<str:token>/annuleren/", views.registration_cancel, name="registration_cancel"
    ),
    path(
        "inschrijving/<str:token>/wijzigen/", views.registration_change, name="registration_change"
    ),
    path("inschrijving/<str:token>/plaats/", views.seat_answer, name="seat_answer"),
    path("inschrijvingen/", views.list_index, name="list_index"),
    path("inschrijvingen/aanbod/<int:offer_pk>/", views.list_new, name="list_new"),
    path("inschrijvingen/<int:pk>/", views.list_detail, name="list_detail"),
    path("inschrijvingen/<int:pk>/balie/", views.list_desk, name="list_desk"),
    path("inschrijvingen/<int:pk>/aanwezig/", views.list_attendance, name="list_attendance"),
    path(
        "inschrijvingen/<int:pk>/plaats/<int:registration_pk>/",
        views.list_seat_answer,
        name="list_seat_answer",
    ),
    path("op-de-hoogte/", views_subscriptions.subscribe, name="subscribe"),
    path(
        "op-de-hoogte/bevestigen/<str:token>/",
        views_subscriptions.confirm,
        name="subscription_confirm",
    ),
    path("op-de-hoogte/afmelden/<str:token>/", views_subscriptions.unsubscribe, name="unsubscribe"),
    path("op-de-hoogte/agenda/", views_subscriptions.calendar_links, name="calendar_links"),
]
