from django.urls import path
from django.views.decorators.cache import never_cache

from .views import figures as figures_views
from .views import forwarding as forwarding_views
from .views import intake as intake_views
from .views import referrals as views

app_name = "doorverwijzing"

# Every URL with a referral's public_id must refuse other organisations (404):
# tests/test_referral_access.py lists them and fails on a new one without a row.
urlpatterns = [
    path("doorverwijzingen/", views.inbox, name="inbox"),
    path("doorverwijzingen/nieuw/", views.referral_new, name="new"),
    path(
        "doorverwijzingen/nieuw/ander-netwerk/",
        forwarding_views.referral_new_across_networks,
        name="new_across_networks",
    ),
    # Fixed paths before the <str:public_id> ones, or "vragen" would be read as a reference.
    path("stel-je-vraag/", intake_views.intake_new, name="intake_new"),
    path("stel-je-vraag/bedankt/", intake_views.intake_thanks, name="intake_thanks"),
    path("doorverwijzingen/vragen/", intake_views.intake_inbox, name="intake_inbox"),
    path("doorverwijzingen/vragen/<int:pk>/", intake_views.intake_detail, name="intake_detail"),
    path(
        "doorverwijzingen/vragen/<int:pk>/logboek/",
        intake_views.intake_access_log,
        name="intake_access_log",
    ),
    path(
        "doorverwijzingen/vragen/<int:pk>/oppakken/",
        intake_views.intake_take_in_hand,
        name="intake_take_in_hand",
    ),
    path(
        "doorverwijzingen/vragen/<int:pk>/afsluiten/",
        intake_views.intake_close,
        name="intake_close",
    ),
    path(
        "doorverwijzingen/vragen/<int:pk>/doorverwijzen/",
        intake_views.intake_convert,
        name="intake_convert",
    ),
    path("doorverwijzingen/cijfers/", figures_views.figures, name="figures"),
    path("doorverwijzingen/mails/", views.mail_preference, name="mail_preference"),
    path("doorverwijzingen/<str:public_id>/", views.referral_detail, name="detail"),
    path("doorverwijzingen/<str:public_id>/aanvaarden/", views.referral_accept, name="accept"),
    path("doorverwijzingen/<str:public_id>/weigeren/", views.referral_decline, name="decline"),
    path(
        "doorverwijzingen/<str:public_id>/contactpoging/",
        views.referral_contact_attempt,
        name="contact_attempt",
    ),
    path(
        "doorverwijzingen/<str:public_id>/eerste-contact/",
        views.referral_first_contact,
        name="first_contact",
    ),
    path("doorverwijzingen/<str:public_id>/afsluiten/", views.referral_close, name="close"),
    path("doorverwijzingen/<str:public_id>/annuleren/", views.referral_cancel, name="cancel"),
    path(
        "doorverwijzingen/<str:public_id>/toestemming-intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "doorverwijzingen/<str:public_id>/doorsturen/",
        forwarding_views.referral_forward,
        name="forward",
    ),
    path(
        "doorverwijzingen/<str:public_id>/doorsturen/antwoord/",
        forwarding_views.forwarding_answer,
        name="forwarding_answer",
    ),
    path("doorverwijzingen/<str:public_id>/logboek/", views.referral_access_log, name="access_log"),
    path("doorverwijzingen/<str:public_id>/inzage/", views.referral_export, name="export"),
]


# The family's form and its thank-you page are public. Every other page of this app shows
# personal data (or could): no browser, proxy or "back" button may keep a copy
# (Cache-Control: no-store). A new URL is private unless it is named here.
PUBLIC_URL_NAMES = {"intake_new", "intake_thanks"}
for _pattern in urlpatterns:
    if _pattern.name not in PUBLIC_URL_NAMES:
        _pattern.callback = never_cache(_pattern.callback)
