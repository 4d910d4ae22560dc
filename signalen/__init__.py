"""Signals (signalen): needs, gaps and barriers that professionals and families
notice, bundled into themes and fed back to policy and to the signal givers.
"""
