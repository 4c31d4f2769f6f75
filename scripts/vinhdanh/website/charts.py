"""Bar charts drawn at build time as HTML and CSS: readable without JavaScript or a CDN.

HTML rather than SVG so text is laid out at the page's own size: an SVG scaled
to a phone's width shrank its labels to under 6 px, while these labels wrap
above their bars on a narrow screen and stay at the text size. Labels are
escaped; figures are numbers; each bar's length is a share of the longest.
Colours come from CSS (``.vd-bar``), so light and dark palettes both work.
"""

from __future__ import annotations

from html import escape

from vinhdanh.values import format_money


def bar_chart(title: str, bars: list[tuple[str, int]], *, unit: str = "") -> str:
    """A horizontal bar chart; the longest bar is the largest value.

    One line of HTML (a Markdown page takes it as one raw block); each row reads
    "label value" to a screen reader, the bar itself is decoration.
    """
    top = max((value for _, value in bars), default=0) or 1
    parts = [f'<figure class="vd-chart" role="group" aria-label="{escape(title)}">']
    for label, value in bars:
        width = round(100 * value / top, 1)
        parts.append(
            f'<div class="vd-chart-row"><span class="vd-chart-label">{escape(label)}</span>'
            f'<span class="vd-chart-track" aria-hidden="true">'
            f'<span class="vd-bar" style="width: {width}%"></span></span>'
            f'<span class="vd-chart-value">{format_money(value)}{escape(unit)}</span></div>'
        )
    parts.append("</figure>")
    return "".join(parts)
