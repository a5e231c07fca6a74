"""The classroom materials: what an instructor prints, plans with and hands out.

- :mod:`.facilitator` and :mod:`.facilitator_view`: the 60- and 90-minute plans and the per-lesson
  instructor notes (``data/content/workshop.toml``, ``instructor_notes.toml``);
- :mod:`.printables` and :mod:`.printables_view`: persona cards, the observer checklist, pre-work
  and the instructor notes as printable pages; :mod:`.worksheets`: every activity on paper;
- :mod:`.student`: student copies of the lessons, worked answers and instructor notes taken out.

These assemble the activities (the personas, the plans, the lessons), so this package sits above
them, beside the registry (:mod:`helpers.activities`); no activity imports it.
"""
