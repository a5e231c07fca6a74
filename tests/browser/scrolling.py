"""Outputs that scroll but cannot be reached from the keyboard (axe: scrollable-region-focusable).

Notebook 7 boxes a cell's output in a scroll area once it is taller than about 1,800 pixels; a wide
table scrolls sideways in JupyterLab. Neither box can be focused, so a keyboard user cannot scroll
it. This finds every such element under ``root`` (class names, or the tag when it has none).
"""
from __future__ import annotations

from typing import Any

_SCRIPT = """(root) => [...document.querySelectorAll(root + ', ' + root + ' *')]
    .filter(e => {
        const s = getComputedStyle(e);
        const scrolls = (/(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1) ||
                        (/(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1);
        return scrolls && e.tabIndex < 0 && !e.querySelector('a[href], button, input, select, textarea, summary, [tabindex]');
    })
    .map(e => (typeof e.className === 'string' && e.className) || e.tagName)"""


def unreachable(page: Any, root: str) -> list[str]:
    """Elements under ``root`` (a CSS selector) that scroll and that the keyboard cannot reach."""
    return page.evaluate(_SCRIPT, root)
