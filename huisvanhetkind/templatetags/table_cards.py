"""Helpers for tables that become cards on a phone (portal.css, .hvhk-table-cards)."""

from django import template

register = template.Library()


@register.filter
def with_columns(values, columns):
    """(value, column) pairs for cells whose columns come from a list (one per year), so each
    cell can carry its column's name: `{% for count, year in counts|with_columns:years %}`.
    """
    return list(zip(values, columns, strict=False))
