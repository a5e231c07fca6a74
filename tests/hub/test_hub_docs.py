"""The hub guide matches the configuration the hub test runs (no hub needed for these checks).

If the first test fails after a change to ``deploy/jupyterhub_config.py``, copy the file into
the last block of ``docs/jupyterhub.md``: ``python tests/hub/test_hub_docs.py --update``.
"""
from __future__ import annotations

import doctest
import importlib.util
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
GUIDE = ROOT / "docs" / "jupyterhub.md"
HUB_REQUIREMENTS = ROOT / "deploy" / "requirements-hub.txt"
COLLECTOR = ROOT / "deploy" / "collect_shared_logs.py"
FENCE = "```python\n"


def guide_config_block(text: str) -> str:
    """The last ```python block of the guide (the configuration, in full)."""
    assert text.rstrip().endswith("```") and FENCE in text, \
        "docs/jupyterhub.md must end with the configuration in a ```python block"
    return text[text.rindex(FENCE) + len(FENCE):text.rstrip().rindex("```")]


def collector() -> Any:
    """deploy/collect_shared_logs.py, imported from its file."""
    spec = importlib.util.spec_from_file_location("collect_shared_logs", COLLECTOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def load_config(env: dict[str, str]) -> tuple[Any, dict[str, Any]]:
    """Run deploy/jupyterhub_config.py as JupyterHub would; return (config, its names)."""
    from traitlets.config import Config

    config = Config()
    names: dict[str, Any] = {"get_config": lambda: config, "__file__": str(CONFIG), "__name__": "jupyterhub_config"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        exec(compile(CONFIG.read_text(encoding="utf-8"), str(CONFIG), "exec"), names)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return config, names


def test_the_guide_shows_the_configuration_the_test_runs():
    assert guide_config_block(GUIDE.read_text(encoding="utf-8")) == CONFIG.read_text(encoding="utf-8"), (
        "docs/jupyterhub.md's configuration differs from deploy/jupyterhub_config.py: "
        "run `python tests/hub/test_hub_docs.py --update`")


def test_the_guide_lists_every_setting_and_the_link_format():
    from hub import hubrun

    guide = GUIDE.read_text(encoding="utf-8")
    prose = guide[:guide.rindex("```python")]
    settings = set(re.findall(r'(?:setting|names)\("(WORKSHOP_[A-Z_]+)"', CONFIG.read_text(encoding="utf-8")))
    assert settings, "the configuration reads no WORKSHOP_ settings?"
    for name in sorted(settings):
        assert f"| `{name}` |" in prose, f"{name} is missing from the settings table in docs/jupyterhub.md"
    example = hubrun.gitpuller_link("https://hub.example.org",
                                    "https://github.com/YOUR-ORG/informational-interview-workshop",
                                    "notebooks/00-start-here.ipynb")
    assert example in prose, "the guide's example link is not the link format the test uses"
    assert f"targetpath={hubrun.LESSONS_FOLDER}" in prose
    assert "Zero to JupyterHub" in prose
    for link in re.findall(r"\]\((\.\./[^)#]+)\)", prose):
        assert (GUIDE.parent / link).resolve().exists(), f"docs/jupyterhub.md links to a missing file: {link}"


def test_the_configuration_gives_each_learner_their_own_folders():
    from hub import hubrun

    config, names = load_config({"WORKSHOP_LEARNERS": "amina, ben chloe", "WORKSHOP_INSTRUCTORS": "pat",
                                 "WORKSHOP_PASSWORD": "a-long-class-password"})
    assert names["LESSONS_FOLDER"] == hubrun.LESSONS_FOLDER
    assert names["WORK_FOLDER"] == hubrun.WORK_FOLDER
    assert config.Authenticator.allowed_users == {"amina", "ben", "chloe", "pat"}
    assert config.JupyterHub.load_groups["learners"]["users"] == ["amina", "ben", "chloe"]
    assert config.JupyterHub.spawner_class == "localprocess"
    assert config.JupyterHub.authenticator_class == "shared-password"

    me = __import__("pwd").getpwuid(os.getuid())
    spawner = SimpleNamespace(user=SimpleNamespace(name=me.pw_name))
    env = {k: (v(spawner) if callable(v) else v) for k, v in config.Spawner.environment.items()}
    assert env["INTERVIEW_WORKSPACE"] == os.path.join(me.pw_dir, hubrun.WORK_FOLDER)
    assert env["PYTHONPATH"] == os.path.join(me.pw_dir, hubrun.LESSONS_FOLDER)
    assert env["CLASS_LOGS_DIR"] == ""  # not an instructor
    # The instructor role reaches each learner's server by name (group filters are refused there).
    role = next(r for r in config.JupyterHub.load_roles if r["name"] == "instructor")
    assert {"access:servers!user=amina", "access:servers!user=ben", "access:servers!user=chloe"} <= set(role["scopes"])
    assert not any(s.startswith("access:servers!group") for s in role["scopes"])
    assert config.Spawner.server_token_scopes(spawner) == ["users:activity!user", "access:servers!server"]
    teacher = SimpleNamespace(user=SimpleNamespace(name="pat"))
    assert set(role["scopes"]) <= set(config.Spawner.server_token_scopes(teacher))


def test_the_tested_versions_are_the_pinned_ones():
    from hub import hubenv

    pins = dict(re.findall(r"^([a-z-]+)==(\S+)", HUB_REQUIREMENTS.read_text(encoding="utf-8"), re.M))
    header = CONFIG.read_text(encoding="utf-8").split("import os", 1)[0]
    assert f"jupyterhub {pins['jupyterhub']}" in header
    assert f"nbgitpuller {pins['nbgitpuller']}" in header
    assert f"configurable-http-proxy {hubenv.PROXY_VERSION}" in header
    assert f"configurable-http-proxy@{hubenv.PROXY_VERSION}" in GUIDE.read_text(encoding="utf-8")


def test_the_collector_examples_run():
    result = doctest.testmod(collector())
    assert result.attempted > 0 and result.failed == 0


def test_the_collector_says_where_to_run_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    module = collector()
    for name in ("WORKSHOP_HUB_URL", "JUPYTERHUB_PUBLIC_URL", "JUPYTERHUB_API_URL", "JUPYTERHUB_API_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(RuntimeError, match="on the class hub"):
        module.collect(tmp_path)
    assert module.main(["--into", str(tmp_path)]) == 2


def test_a_machine_that_cannot_run_the_hub_is_named(monkeypatch: pytest.MonkeyPatch):
    """The hub tests skip (or fail under REQUIRE_HUB=1) with a reason that says what is missing."""
    from hub import hubenv

    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert "root" in (hubenv.unavailable() or "")
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(hubenv.shutil, "which", lambda tool: None if tool == "useradd" else "/usr/bin/" + tool)
    assert "useradd" in (hubenv.unavailable() or "")
    monkeypatch.setenv("REQUIRE_HUB", "1")
    assert hubenv.required()
    monkeypatch.setenv("REQUIRE_HUB", "0")
    assert not hubenv.required()


def _update() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.rindex(FENCE) + len(FENCE)
    GUIDE.write_text(text[:start] + CONFIG.read_text(encoding="utf-8") + "```\n", encoding="utf-8")
    print(f"updated {GUIDE}")


if __name__ == "__main__" and "--update" in sys.argv:
    _update()
