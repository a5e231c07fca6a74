"""Fixtures for the hub tests: the hub's environment, throwaway users, a running JupyterHub.

Every test under ``tests/hub`` that uses the ``hub`` fixture is marked ``hub``. When the hub cannot run here (not root, no
``useradd``, no ``python3-venv``, no npm for the proxy) they are skipped with the reason; with
``REQUIRE_HUB=1`` (CI) they fail instead.

One hub serves the whole run (session scope): ``deploy/jupyterhub_config.py`` through
``jupyterhub_overlay.py``, three learners and one instructor, all Unix users named
``iwh<id>-...`` that are removed afterwards, even when a test fails. The hub and everything
it started are stopped by their process ids.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from hub import hubenv, hubrun

HERE = Path(__file__).resolve().parent

# A JupyterHub config file (it needs JupyterHub's get_config), not a module to import.
collect_ignore = ["jupyterhub_overlay.py"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hub: runs a real JupyterHub with throwaway Unix users "
                                       "(skipped when it cannot run here, unless REQUIRE_HUB=1)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test here that runs the hub (the checks of the guide run everywhere)."""
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents and "hub" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.hub)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def skip_or_fail(reason: str) -> None:
    if hubenv.required():
        pytest.fail(f"REQUIRE_HUB=1 but the hub tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"hub tests skipped: {reason}")


@pytest.fixture(scope="session")
def hub_tools() -> tuple[Path, Path]:
    """(the hub's Python environment, the proxy command), built once and reused by hash."""
    reason = hubenv.unavailable()
    if reason:
        skip_or_fail(reason)
    try:
        return hubenv.build_env(), hubenv.build_proxy()
    except (RuntimeError, OSError) as exc:
        skip_or_fail(f"building the hub's environment failed: {exc}")
        raise


@pytest.fixture(scope="session")
def site(hub_tools: tuple[Path, Path]) -> Iterator[hubrun.Site]:
    """Three learners and an instructor (throwaway Unix users) and the lessons repository."""
    made = hubrun.Site(learners=3, instructors=1)
    try:
        made.create()
        yield made
    finally:
        problems = made.remove()
        assert problems == [], f"cleaning up the hub test's users failed: {problems}"


@pytest.fixture(scope="session")
def hub(site: hubrun.Site, hub_tools: tuple[Path, Path]) -> Iterator[hubrun.Hub]:
    """A running JupyterHub on 127.0.0.1 (stopped by its pid at the end of the run)."""
    env_dir, proxy = hub_tools
    running = hubrun.Hub(site, env_dir, proxy)
    started = time.monotonic()
    try:
        running.start()
        print(f"\n[hub] started in {time.monotonic() - started:.1f} s")
        yield running
    finally:
        stopping = time.monotonic()
        forced = running.stop()
        print(f"\n[hub] stopped in {time.monotonic() - stopping:.1f} s, after {stopping - started:.1f} s")
        assert forced == [], f"stopping the hub left processes behind: {forced}"
