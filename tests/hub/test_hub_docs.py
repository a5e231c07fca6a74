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
    assert "nbgitpuller" in prose and "requirements.txt" in prose
    for link in re.findall(r"\]\((\.\./[^)#]+)\)", prose):
        assert (GUIDE.parent / link).resolve().exists(), f"docs/jupyterhub.md links to a missing file: {link}"


def test_the_configuration_gives_each_learner_their_own_login_and_folders():
    from hub import hubrun

    config, names = load_config({"WORKSHOP_LEARNERS": "amina, ben chloe", "WORKSHOP_INSTRUCTORS": "pat"})
    assert names["LESSONS_FOLDER"] == hubrun.LESSONS_FOLDER
    assert names["WORK_FOLDER"] == hubrun.WORK_FOLDER
    assert config.Authenticator.allowed_users == {"amina", "ben", "chloe", "pat"}
    assert config.Authenticator.admin_users == set()
    assert config.JupyterHub.load_groups["learners"]["users"] == ["amina", "ben", "chloe"]
    assert config.JupyterHub.spawner_class == "localprocess"
    # Each person's own password (PAM): no shared password, no sign-up, nothing to claim.
    assert config.JupyterHub.authenticator_class == "pam"
    assert config.PAMAuthenticator.check_account is True
    assert "SharedPasswordAuthenticator" not in config and "WORKSHOP_PASSWORD" not in CONFIG.read_text(encoding="utf-8")
    # Nobody gets a role beyond the default: the instructor has no scope on learners' servers.
    assert "load_roles" not in config.JupyterHub
    assert config.Spawner.server_token_scopes == ["users:activity!user", "access:servers!server"]

    me = __import__("pwd").getpwuid(os.getuid())
    spawner = SimpleNamespace(user=SimpleNamespace(name=me.pw_name))
    env = {k: (v(spawner) if callable(v) else v) for k, v in config.Spawner.environment.items()}
    assert env["INTERVIEW_WORKSPACE"] == os.path.join(me.pw_dir, hubrun.WORK_FOLDER)
    assert env["PYTHONPATH"] == os.path.join(me.pw_dir, hubrun.LESSONS_FOLDER)
    assert env["WORKSHOP_DROP_DIR"] == "/srv/interview-workshop/hand-in"
    assert env["CLASS_LOGS_DIR"] == "" and env["WORKSHOP_LEARNERS"] == ""  # not an instructor
    assert config.Spawner.pre_spawn_hook is names["prepare"]


def test_the_deployer_names_every_account():
    """No default learner or instructor names: the hub will not start without a class list."""
    with pytest.raises(SystemExit, match="WORKSHOP_LEARNERS"):
        load_config({"WORKSHOP_LEARNERS": "", "WORKSHOP_INSTRUCTORS": "pat"})
    with pytest.raises(SystemExit, match="both learners and instructors: pat"):
        load_config({"WORKSHOP_LEARNERS": "amina pat", "WORKSHOP_INSTRUCTORS": "pat"})
    config, names = load_config({"WORKSHOP_LEARNERS": "amina", "WORKSHOP_INSTRUCTORS": ""})
    assert names["INSTRUCTORS"] == [] and config.Authenticator.allowed_users == {"amina"}
    assert '"instructor"' not in CONFIG.read_text(encoding="utf-8")


def test_the_start_hook_never_follows_a_link(tmp_path: Path):
    _, names = load_config({"WORKSHOP_LEARNERS": "amina"})
    me = __import__("pwd").getpwuid(os.getuid())
    folder = tmp_path / "work"
    folder.mkdir(mode=0o755)
    names["private_folder"](str(folder), me, 0o700)
    assert folder.stat().st_mode & 0o777 == 0o700
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o755)
    link = tmp_path / "link"
    link.symlink_to(target)
    with pytest.raises(RuntimeError, match="must be a folder, not a link"):
        names["private_folder"](str(link), me, 0o700)
    assert target.stat().st_mode & 0o777 == 0o755


def test_the_guides_commands_and_settings_are_the_configurations():
    guide = GUIDE.read_text(encoding="utf-8")
    prose = guide[:guide.rindex("```python")]
    config = CONFIG.read_text(encoding="utf-8")
    # Every configuration line the guide quotes is in the configuration, as written.
    quoted = re.findall(r"`(c\.[A-Za-z]+\.[a-z_]+ = [^`]+)`", prose)
    assert quoted, "the guide quotes no configuration line?"
    for line in quoted:
        assert line in config, f"docs/jupyterhub.md quotes `{line}`, which is not in the configuration"
    # Every deploy/ script the guide tells someone to run exists, and shows the same command.
    for script in sorted(set(re.findall(r"deploy/([a-z_]+\.py)", prose))):
        assert (ROOT / "deploy" / script).exists(), f"docs/jupyterhub.md names a missing deploy/{script}"
    for script, command in (("hand_in.py", "python ~/interview-workshop/deploy/hand_in.py"),
                            ("collect_shared_logs.py", "python ~/interview-workshop/deploy/collect_shared_logs.py"),
                            ("setup_class.py", "python3 deploy/setup_class.py")):
        assert command in (ROOT / "deploy" / script).read_text(encoding="utf-8")
        assert command in prose, f"the guide does not show `{command}`"
    # The folder modes the guide promises are the ones the start hook and the hand-in set.
    for mode in ("0o751", "0o2750", "0o700"):
        assert mode in config and f"`{mode[2:]}`" in prose, mode
    assert "0o640" in (ROOT / "deploy" / "hand_in.py").read_text(encoding="utf-8") and "`640`" in prose
    for heading in ("## Logging in", "## How learners hand in their log", "## HTTPS",
                    "## What this promises, and what it does not", "## On a university's own JupyterHub"):
        assert heading in prose, f"docs/jupyterhub.md has no section {heading!r}"


def _module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_hand_in_and_collection_without_a_hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The learner's and the instructor's side on a drop folder made here (one's own account)."""
    hand_in = _module(ROOT / "deploy" / "hand_in.py")
    collect = collector()
    me = hand_in.my_name()
    drop = tmp_path / "drop"
    (drop / me).mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("INTERVIEW_WORKSPACE", str(work))
    monkeypatch.setattr(hand_in, "_detector_findings", lambda path: [])
    # Nothing shared yet: said so, nothing handed in.
    result = hand_in.hand_in(drop=drop)
    assert not result.ok and "no shared copy" in result.message
    (work / "shared_log.csv").write_text("date,contact\n2026-10-05,Person 01\n", encoding="utf-8")
    result = hand_in.hand_in(drop=drop)
    assert result.ok, result.message
    handed = drop / me / "shared_log.csv"
    assert handed.read_bytes() == (work / "shared_log.csv").read_bytes()
    assert handed.stat().st_mode & 0o777 == 0o640
    # The detector still finds something: refused, with its finding, and the earlier hand-in stays.
    monkeypatch.setattr(hand_in, "_detector_findings", lambda path: ["row 1, notes: holds an e-mail address."])
    refused = hand_in.hand_in(drop=drop)
    assert not refused.ok and "e-mail address" in refused.message
    assert handed.exists()
    # Off the hub: no drop folder.
    monkeypatch.delenv("WORKSHOP_DROP_DIR", raising=False)
    assert not hand_in.hand_in().ok

    into = tmp_path / "class-logs"
    got = collect.collect(into, drop=drop, learners=[me, "nobody-here"])
    assert [p.name for p in got.saved] == [f"{collect.file_stem(me)}.csv"]
    assert got.missing == ["nobody-here: has not started their JupyterLab on the hub yet."]
    assert (into / f"{collect.file_stem(me)}.csv").read_bytes() == handed.read_bytes()
    # A link in place of the hand-in is not followed.
    handed.unlink()
    handed.symlink_to(work / "shared_log.csv")
    got = collect.collect(into, drop=drop, learners=[me])
    assert got.saved == [] and "could not be opened" in got.missing[0]
    # Taken back: the collected copy goes too.
    handed.unlink()
    assert hand_in.withdraw(drop=drop).message == "You have nothing handed in."
    got = collect.collect(into, drop=drop, learners=[me])
    assert got.removed == [into / f"{collect.file_stem(me)}.csv"] and not got.removed[0].exists()


def test_the_class_setup_script_examples_run():
    result = doctest.testmod(_module(ROOT / "deploy" / "setup_class.py"))
    assert result.attempted > 0 and result.failed == 0


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
    monkeypatch.delenv("WORKSHOP_DROP_DIR", raising=False)
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
