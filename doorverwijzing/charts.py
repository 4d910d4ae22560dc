"""Referral charts use the portal's one accessible SVG bar chart (huisvanhetkind/charts.py)."""

from huisvanhetkind.charts import bar_chart

__all__ = ["bar_chart"]
