"""Showing tables, text and charts to a learner, safely.

Anything a learner typed is escaped before it reaches HTML. Charts are shown as an HTML
``<figure>`` with alt text and a caption, because JupyterLab puts no alt text on plain
image outputs (screen readers would announce nothing).
"""
from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Shown:
    """Something a notebook shows as HTML (learners' text already escaped) and any editor as text."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def escape(text: object) -> str:
    """Escape text for HTML.

    >>> escape("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


_CELL_TAG = re.compile(r"<(td|th)(\s|>)")
_CELL_STYLE = "padding:4px 10px;text-align:left;vertical-align:top;border-bottom:1px solid #d0d0d0"


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


def table_html(frame: pd.DataFrame, caption: str | None = None, index: bool = False,
               empty: str = "Nothing to show yet.", max_rows: int | None = 200) -> str:
    """A DataFrame as escaped HTML (learners' text shows as text, never runs).

    >>> import pandas as pd
    >>> "&lt;b&gt;" in table_html(pd.DataFrame({"contact": ["<b>"]}))
    True
    """
    if frame is None or len(frame) == 0:
        body = f"<p class='iiw-empty'>{escape(empty)}</p>"
    else:
        shown = frame if max_rows is None or len(frame) <= max_rows else frame.head(max_rows)
        shown = shown.map(_cell) if hasattr(shown, "map") else shown.applymap(_cell)
        body = shown.to_html(escape=True, index=index, border=0, classes="iiw-table",
                             na_rep="")
        # Inline cell styles: tables inside widgets get none of JupyterLab's table styling.
        body = _CELL_TAG.sub(lambda m: f"<{m.group(1)} style='{_CELL_STYLE}'{m.group(2)}", body)
        body = body.replace("<table ", "<table style='border-collapse:collapse;margin:0.3em 0' ", 1)
        if max_rows is not None and len(frame) > max_rows:
            body += f"<p>Showing the first {max_rows} of {len(frame)} rows.</p>"
    head = f"<p><strong>{escape(caption)}</strong></p>" if caption else ""
    return head + body


def show_table(frame: pd.DataFrame, caption: str | None = None, **kwargs) -> None:
    """Display a DataFrame as escaped HTML in a notebook."""
    from IPython.display import HTML, display

    display(HTML(table_html(frame, caption, **kwargs)))


def figure_html(fig: "Figure", alt: str, caption: str | None = None, dpi: int = 100) -> str:
    """Render a matplotlib figure as an accessible HTML ``<figure>`` and close it.

    ``alt`` says what the chart shows; ``caption`` (default: the same text) is shown under it.
    """
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        # A figure laid out by its own engine (constrained layout) is drawn once; "tight" would draw
        # it twice. Others are cropped to their contents.
        tight = {} if fig.get_layout_engine() is not None else {"bbox_inches": "tight"}
        fig.savefig(buffer, format="png", dpi=dpi, **tight)
    finally:
        plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    caption = alt if caption is None else caption
    return (
        "<figure class='iiw-figure' style='margin:0 0 1em 0;max-width:100%'>"
        f"<img src='data:image/png;base64,{data}' alt='{escape(alt)}' style='max-width:100%;height:auto'>"
        f"<figcaption style='font-size:0.95em'>{escape(caption)}</figcaption></figure>"
    )


def show_figure(fig: "Figure", alt: str, caption: str | None = None) -> None:
    """Display a chart with its text alternative (the one way every chart is shown)."""
    from IPython.display import HTML, display

    display(HTML(figure_html(fig, alt, caption)))


def message_html(text: str, kind: str = "info") -> str:
    """A short escaped message line: kind is 'ok', 'error', 'tip' or 'info'."""
    colours = {"ok": "#1b5e20", "error": "#b00020", "tip": "#0d47a1", "info": "#333333"}
    icons = {"ok": "✔ ", "error": "✖ ", "tip": "→ ", "info": ""}
    colour = colours.get(kind, colours["info"])
    return (f"<div class='iiw-msg iiw-{escape(kind)}' style='color:{colour};white-space:pre-wrap'>"
            f"{icons.get(kind, '')}{escape(text)}</div>")
