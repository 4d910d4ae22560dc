from modeltranslation.translator import TranslationOptions, register

from .models import Transition


@register(Transition)
class TransitionTranslationOptions(TranslationOptions):
    # A missing translation falls back to Dutch (MODELTRANSLATION_FALLBACK_LANGUAGES).
    fields = ("title", "text")
