"""Server-rendered SVG bar charts: an image with a title and a description, and
the same figures in a table beside it (the table is the text alternative).

Bars take their height from `value` and their label from `text` of each cell,
so a figure hidden by a suppression helper (doorverwijzing.figures.protect())
is hidden in the chart too. Any object with `value`, `text` and `hidden` is a cell.
"""

from dataclasses import dataclass
from typing import Protocol

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


class Cell(Protocol):
    value: float | None
    text: str

    @property
    def hidden(self) -> bool: ...


@dataclass(frozen=True)
class Figure:
    """A figure shown as it is (no suppression): a count of signals, of searches …"""

    value: float
    text: str

    @property
    def hidden(self) -> bool:
        return False


def figure(value: int) -> Figure:
    return Figure(value, formats.number_format(value))


# Series are told apart by fill, never by colour alone: solid, hatched, dotted.
MAX_SERIES = 3

HEIGHT = 240
TOP = 36  # room for the legend
BOTTOM = 40  # room for two lines of category labels
LEFT = 36  # room for the axis values
BAR_WIDTH = 22
GROUP_GAP = 14
LEGEND_STEP = 130


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
    """Grouped bars: one group per category, one bar per series (at most three:
    solid, hatched, dotted)."""
    if len(series) > MAX_SERIES:
        raise ValueError(f"A bar chart shows at most {MAX_SERIES} series.")
    bars = len(series)
    group = bars * BAR_WIDTH + GROUP_GAP
    # Wide enough for the bars and for the legend (130 px per series).
    width = max(LEFT + max(len(categories), 1) * group + GROUP_GAP, LEFT + bars * LEGEND_STEP)
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
        f'<line x1="0" y1="0" x2="0" y2="6" class="hvhk-chart__hatch-line"/></pattern>'
        f'<pattern id="{chart_id}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" class="hvhk-chart__hatch-ground"/>'
        f'<circle cx="2.5" cy="2.5" r="1.4" class="hvhk-chart__dot"/></pattern></defs>',
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
        x = LEFT + index * LEGEND_STEP
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
    # The second series is hatched, the third dotted: the chart does not rely on colour alone.
    return ("currentColor", f"url(#{chart_id}-hatch)", f"url(#{chart_id}-dots)")[index]
