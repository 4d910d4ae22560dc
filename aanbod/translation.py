from modeltranslation.translator import TranslationOptions, register

from .models import Offer


@register(Offer)
class OfferTranslationOptions(TranslationOptions):
    # A missing translation falls back to Dutch (MODELTRANSLATION_FALLBACK_LANGUAGES).
    fields = ("title", "summary", "description", "how_to_join", "referral_note")
