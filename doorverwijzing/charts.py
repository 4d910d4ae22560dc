"""Server-rendered SVG bar charts: an image with a title and a description, and
the same figures in a table beside it (the table is the text alternative).

Bars take their height from Cell.value and their label from Cell.text, so a
figure hidden by figures.protect() is hidden in the chart too.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .figures import Cell

HEIGHT = 240
TOP = 36  # room for the legend
BOTTOM = 40  # room for two lines of category labels
LEFT = 36  # room for the axis values
BAR_WIDTH = 22
GROUP_GAP = 14


def _nice_maximum(value: float) -> int:
    """A round number at or above value, so the axis reads 0 - 5 - 10, 0 - 25 - 50 …"""
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * 4
    return int(value) + 1


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[Cell]]],
) -> SafeString:
    """Grouped bars: one group per category, one bar per series (at most two: solid, hatched)."""
    bars = len(series)
    group = bars * BAR_WIDTH + GROUP_GAP
    width = LEFT + max(len(categories), 1) * group + GROUP_GAP
    plot = HEIGHT - TOP - BOTTOM
    shown = [cell.value for _name, cells in series for cell in cells if not cell.hidden]
    top = _nice_maximum(max(shown, default=0))
    baseline = TOP + plot

    def y(value: float) -> float:
        return baseline - plot * value / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hvhk-chart" role="img" '
        f'viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)} '
        f"{escape(_('The table beside the chart gives the same figures.'))}</desc>",
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" class="hvhk-chart__hatch-ground"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" class="hvhk-chart__hatch-line"/></pattern></defs>',
    ]
    for step in range(5):
        value = top * step / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{width}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'class="hvhk-chart__grid"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'class="hvhk-chart__axis">{value:g}</text>'
        )
    for index, (name, _cells) in enumerate(series):
        x = LEFT + index * 130
        parts.append(
            f'<rect x="{x}" y="8" width="14" height="14" class="{_bar_class(index)}" '
            f'fill="{_bar_fill(chart_id, index)}"/>'
            f'<text x="{x + 20}" y="20" class="hvhk-chart__label">{escape(name)}</text>'
        )
    for position, category in enumerate(categories):
        x0 = LEFT + GROUP_GAP + position * group
        for index, (_name, cells) in enumerate(series):
            cell = cells[position]
            x = x0 + index * BAR_WIDTH
            if not cell.hidden and cell.value:
                parts.append(
                    f'<rect x="{x}" y="{y(cell.value):.1f}" width="{BAR_WIDTH - 2}" '
                    f'height="{baseline - y(cell.value):.1f}" class="{_bar_class(index)}" '
                    f'fill="{_bar_fill(chart_id, index)}"/>'
                )
            label_y = (y(cell.value) if not cell.hidden and cell.value else baseline) - 3
            parts.append(
                f'<text x="{x + (BAR_WIDTH - 2) / 2}" y="{label_y:.1f}" text-anchor="middle" '
                f'class="hvhk-chart__value">{escape(cell.text)}</text>'
            )
        lines = category.split(" ", 1)
        centre = x0 + (bars * BAR_WIDTH) / 2
        for line_number, line in enumerate(lines):
            parts.append(
                f'<text x="{centre}" y="{baseline + 16 + 14 * line_number}" '
                f'text-anchor="middle" class="hvhk-chart__label">{escape(line)}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{width}" y1="{baseline}" y2="{baseline}" '
        f'class="hvhk-chart__baseline"/></svg>'
    )
    # Every text above went through escape().
    return mark_safe("".join(parts))


def _bar_class(index: int) -> str:
    return f"hvhk-chart__bar hvhk-chart__bar--{index}"


def _bar_fill(chart_id: str, index: int) -> str:
    # The second series is hatched: the chart does not rely on colour alone.
    return f"url(#{chart_id}-hatch)" if index else "currentColor"
