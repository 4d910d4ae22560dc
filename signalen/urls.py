from django.urls import path

from . import views

app_name = "signalen"

urlpatterns = [
    # Public, no account: a family's signal and the needs surveys.
    path("signaal/", views.signal_give, name="give"),
    path("signaal/bedankt/", views.signal_give_thanks, name="give_thanks"),
    path("bevraging/<slug:slug>/", views.survey_answer, name="survey"),
    path("bevraging/<slug:slug>/bedankt/", views.survey_thanks, name="survey_thanks"),
    # Staff.
    path("signalen/", views.my_signals, name="mine"),
    path("signalen/nieuw/", views.signal_new, name="new"),
    path("signalen/overzicht/", views.overview, name="overview"),
    path("signalen/zoekvragen/signaal/", views.search_gap_signal, name="search_gap_signal"),
    # Coordinator of the network.
    path("signalen/bundelen/", views.bundle, name="bundle"),
    path("signalen/themas/", views.theme_list, name="theme_list"),
    path("signalen/themas/<int:pk>/", views.theme_detail, name="theme_detail"),
    path("signalen/themas/<int:pk>/status/", views.theme_status, name="theme_status"),
    path("signalen/themas/<int:pk>/terugkoppeling/", views.theme_feedback, name="theme_feedback"),
    path("signalen/<int:pk>/uit-thema/", views.signal_unbundle, name="unbundle"),
    path("signalen/bevragingen/", views.survey_list, name="survey_list"),
    path("signalen/bevragingen/<int:pk>/", views.survey_results, name="survey_results"),
    path(
        "signalen/antwoorden/<int:pk>/signaal/",
        views.survey_answer_to_signal,
        name="answer_to_signal",
    ),
]
