"""A hand-made log for the log's tests: rows as dicts, written to a CSV and read back."""
from __future__ import annotations

from pathlib import Path

from helpers import log

HEADER = ",".join(log.COLUMNS)


def make(tmp_path: Path, *rows: dict[str, str], name: str = "log.csv") -> log.Log:
    """Write ``rows`` (column -> text; missing columns empty) under the full header and load it."""
    lines = [HEADER] + [",".join(r.get(c, "") for c in log.COLUMNS) for r in rows]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return log.load(path)
