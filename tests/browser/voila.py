"""A private Voila serving a temporary copy of the lessons, configured as ``workshop.py app`` is.

Plain code (no pytest), shared by the app-view browser tests and ``scripts/screenshots.py --app``.
It listens on 127.0.0.1 only, on a free port, with a random token, has its own Jupyter folders and
its own workspace (``INTERVIEW_WORKSPACE``), reads the app view's configuration from
``app/jupyter-config`` (notebook-only and appendix cells left out), and is stopped by its own
process id.
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from browser import jlab

ROOT = jlab.ROOT


class VoilaServer:
    """``voila`` serving a copy of ``notebooks/`` and ``app/``, configured as the launcher does.

    With ``app="lab"`` it is JupyterLab instead, and the app view is Voila's server extension
    inside it (``/voila/render/...``): what a learner on a JupyterHub gets in their own server."""

    def __init__(self, base: Path, app: str = "voila") -> None:
        self.base = base
        self.app = app
        self.root = base / "served"
        self.workspace = base / "workspace"
        self.log_file = base / f"{app}.log"
        self.token = secrets.token_urlsafe(24)
        self.port = 0
        self.process: subprocess.Popen | None = None

    def copy(self) -> None:
        if self.root.exists():
            shutil.rmtree(self.root)
        ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        for folder in ("notebooks", "app"):
            shutil.copytree(ROOT / folder, self.root / folder, ignore=ignore)

    def reset(self) -> None:
        if self.workspace.exists():
            shutil.rmtree(self.workspace)
        self.workspace.mkdir(parents=True)

    def start(self, timeout: float = 60) -> "VoilaServer":
        self.copy()
        self.reset()
        for name in ("config", "data", "runtime"):
            (self.base / name).mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "JPY_")) and k not in ("MPLBACKEND", "INTERVIEW_CONTENT")}
        env.update({"JUPYTER_CONFIG_DIR": str(self.base / "config"), "JUPYTER_DATA_DIR": str(self.base / "data"),
                    "JUPYTER_RUNTIME_DIR": str(self.base / "runtime"),
                    "JUPYTER_CONFIG_PATH": str(ROOT / "app" / "jupyter-config"),
                    "INTERVIEW_WORKSPACE": str(self.workspace),
                    "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")})
        self.port = jlab.free_port()
        if self.app == "lab":
            cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
                   f"--port={self.port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                   f"--ServerApp.root_dir={self.root}", "--VoilaConfiguration.show_tracebacks=True"]
        else:
            cmd = [sys.executable, "-m", "voila", str(self.root), "--no-browser", "--Voila.ip=127.0.0.1",
                   f"--port={self.port}", "--Voila.port_retries=0", f"--token={self.token}",
                   "--show_tracebacks=True"]  # a failing cell names its error in the test report
        with open(self.log_file, "ab") as log:
            self.process = subprocess.Popen(cmd, cwd=self.base, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.app} exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/status?token={self.token}"
                                       if self.app == "lab" else f"http://127.0.0.1:{self.port}/voila/static/",
                                       timeout=2)
                return self
            except urllib.error.HTTPError:
                return self  # it answers
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.app} did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        proc, self.process = self.process, None
        jlab.stop_process(proc)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/voila/render/{path}?token={self.token}"

    def log_tail(self, lines: int = 30) -> str:
        return jlab.tail(self.log_file, lines)

    def __enter__(self) -> "VoilaServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
