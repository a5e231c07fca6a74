"""Run a notebook headless, as Run All would, and find error outputs in it."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, workspace: Path, timeout: int = 180, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Execute a notebook in its own folder with INTERVIEW_WORKSPACE set; return the executed copy."""
    nb = nbformat.read(path, as_version=4)
    saved = {k: os.environ.get(k) for k in ["INTERVIEW_WORKSPACE", "MPLBACKEND", *(env or {})]}
    os.environ["INTERVIEW_WORKSPACE"] = str(workspace)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ.update(env or {})
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def errors(nb: nbformat.NotebookNode) -> list[str]:
    """Every error output and every stderr stream in an executed notebook, as text."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i} stderr: {out.get('text', '')[:500]}")
    return found


def output_text(nb: nbformat.NotebookNode) -> str:
    """All text and HTML output of an executed notebook, joined (for looking things up)."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            data = out.get("data", {})
            for key in ("text/html", "text/plain", "text/markdown"):
                if key in data:
                    parts.append(data[key])
    return "\n".join(parts)
