"""Warm referrals (warme doorverwijzing) between Sociaal Huis, Huis van het Kind
and partners: consent, hand-over and follow-up until the family is connected.
Referral data is personal data under professional secrecy.
"""
