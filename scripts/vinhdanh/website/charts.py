"""Bar charts as inline SVG, drawn at build time: readable without JavaScript or a CDN.

Labels are escaped for XML; figures are numbers. Colours come from CSS
(``.vd-bar``) so light and dark palettes both work.
"""

from __future__ import annotations

from html import escape

from vinhdanh.values import format_money

ROW, LABEL_WIDTH, BAR_WIDTH = 28, 320, 360


def bar_chart(title: str, bars: list[tuple[str, int]], *, unit: str = "") -> str:
    """A horizontal bar chart; the longest bar is the largest value."""
    height = ROW * len(bars) + 10
    top = max((value for _, value in bars), default=0) or 1
    parts = [
        f'<svg class="vd-chart" role="img" viewBox="0 0 {LABEL_WIDTH + BAR_WIDTH + 140} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for index, (label, value) in enumerate(bars):
        y = index * ROW + 5
        width = round(BAR_WIDTH * value / top)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="vd-bar" x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{ROW - 8}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 17}">{format_money(value)}{unit}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
