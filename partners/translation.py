"""Texts of networks, organisations and places that a parent reads, in every site language.

Like offers (aanbod.translation): a missing translation falls back to Dutch, which the
templates mark with `fallback_lang` / `fallback_text` (lang="nl", isolated for bidi).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Location, Network, Organisation


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("intro", "opening_hours")


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Location)
class LocationTranslationOptions(TranslationOptions):
    fields = ("accessibility_notes",)
