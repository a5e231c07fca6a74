"""The core every activity stands on: one result, one store, one set of text and date rules.

- :mod:`helpers.core.result`: :class:`Problem`, :class:`Advice`, :class:`Result` (what every
  save, change or delete returns) and :func:`render_problems`.
- :mod:`helpers.core.store`: :class:`Store`, one workspace file of keyed records, changed under a
  cross-process lock, read back after writing, never written over when damaged.
- :mod:`helpers.core.text`: cleaning, limits, formula escaping, folding.
- :mod:`helpers.core.detect`: the one detector of names and contact details.
- :mod:`helpers.core.dates`: the one date parser and the 7-10 day check-in window.
- :mod:`helpers.core.schema`: content files validated against a schema written once.
- :mod:`helpers.core.export`: plain blocks an activity exports (the workbook renders them).

``docs/architecture.md`` draws the layers and follows one save through them.
"""
from .result import Advice, Problem, Result, render_problems

__all__ = ["Advice", "Problem", "Result", "render_problems"]
