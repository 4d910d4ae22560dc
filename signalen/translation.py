from modeltranslation.translator import TranslationOptions, register

from .models import Survey, SurveyQuestion


# A missing translation falls back to Dutch (MODELTRANSLATION_FALLBACK_LANGUAGES).
@register(Survey)
class SurveyTranslationOptions(TranslationOptions):
    fields = ("title", "intro")


@register(SurveyQuestion)
class SurveyQuestionTranslationOptions(TranslationOptions):
    fields = ("text",)
