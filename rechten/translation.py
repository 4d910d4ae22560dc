from modeltranslation.translator import TranslationOptions, register

from .models import Right


@register(Right)
class RightTranslationOptions(TranslationOptions):
    # A missing translation falls back to Dutch (MODELTRANSLATION_FALLBACK_LANGUAGES).
    fields = (
        "name",
        "description",
        "conditions_in_words",
        "why_worth_checking",
        "why_probably_not",
        "ask_who",
    )
