"""Run a real JupyterHub for the tests: throwaway Unix users, a local lessons repository, the
hub process, and clients that act as a learner would (login form, nbgitpuller link, a kernel).

Plain functions and classes (no pytest), used by ``conftest.py``.

Everything lives in one folder ``/var/tmp/iwhub-<id>/`` (not under ``/tmp/pytest-of-root``,
which other accounts cannot enter): the learners' homes, the lessons repository, the hub's
state. Users are named ``iwh<id>-...``; each run records its users and process id there, so a
later run can remove what a killed run left behind. The hub and everything it started are
stopped by their process ids.
"""
from __future__ import annotations

import importlib.util
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from hub import hubenv

ROOT = hubenv.ROOT
REFERENCE_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
SETUP_CLASS = ROOT / "deploy" / "setup_class.py"
TEST_CONFIG = Path(__file__).resolve().parent / "jupyterhub_overlay.py"
BASE_PARENT = Path("/var/tmp")
BASE_PREFIX = "iwhub-"
USER_PREFIX = "iwh"
LESSONS_FOLDER = "interview-workshop"          # as in deploy/jupyterhub_config.py
WORK_FOLDER = "informational-interview-work"   # as in deploy/jupyterhub_config.py
BRANCH = "main"
SHARED_NAME = "shared_log.csv"                 # as in deploy/hand_in.py


def setup_class() -> Any:
    """deploy/setup_class.py, imported from its file: the test makes its class with it."""
    spec = importlib.util.spec_from_file_location("setup_class", SETUP_CLASS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pid_alive(pid: int) -> bool:
    """True while the process runs (a zombie, killed but not yet reaped, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return not re.search(r"^State:\s+Z", Path(f"/proc/{pid}/status").read_text(), re.M)
    except OSError:
        return False


def _run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


# ---- users ----------------------------------------------------------------------------------
def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def processes_of(uids: set[int]) -> list[int]:
    """Process ids owned by any of ``uids`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        match = re.search(r"^Uid:\s+(\d+)", status, re.M)
        if match and int(match.group(1)) in uids:
            found.append(int(entry.name))
    return found


def stop_pids(pids: list[int], grace: float = 5) -> None:
    """SIGTERM each process id, then SIGKILL what is still there after ``grace`` seconds."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_pid_alive(p) for p in pids):
        time.sleep(0.1)
    for pid in pids:
        if _pid_alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


class Site:
    """The run's folder, its throwaway users (made with deploy/setup_class.py, each with a
    password of their own), the instructors' group, the drop folder and the lessons repository."""

    def __init__(self, learners: int = 3, instructors: int = 1) -> None:
        self.id = secrets.token_hex(3)
        self.prefix = f"{USER_PREFIX}{self.id}-"
        self.base = BASE_PARENT / f"{BASE_PREFIX}{self.id}"
        self.homes = self.base / "home"
        self.state = self.base / "state"
        self.repo = self.base / "lessons.git"     # bare, what the nbgitpuller link names
        self.source = self.base / "lessons-src"   # a working copy, to publish updates from
        self.git_config = self.base / "gitconfig"
        self.learners = [f"{self.prefix}learner{i}" for i in range(1, learners + 1)]
        self.instructors = [f"{self.prefix}teacher{i}" for i in range(1, instructors + 1)]
        # A Unix account with a valid password that is not on the class lists.
        self.outsider = f"{self.prefix}outsider"
        self.group = f"{self.prefix}teachers"
        self.drop = self.base / "hand-in"
        self.passwords: dict[str, str] = {}
        self.created: list[str] = []

    @property
    def users(self) -> list[str]:
        return self.learners + self.instructors

    def box(self, name: str) -> Path:
        """A learner's hand-in folder in the drop."""
        return self.drop / name

    def home(self, name: str) -> Path:
        return self.homes / name

    def workspace(self, name: str) -> Path:
        return self.home(name) / WORK_FOLDER

    # -- set up and tear down --------------------------------------------------------------
    def create(self) -> "Site":
        remove_leftovers()
        old = os.umask(0o022)
        try:
            self.base.mkdir(mode=0o755)
            (self.base / "owner.pid").write_text(f"{os.getpid()}\n")
            self.homes.mkdir(mode=0o755)
            self.state.mkdir(mode=0o700)
            # Recorded before they exist: always removed, even if a step below fails.
            (self.base / "group.txt").write_text(self.group + "\n")
            with open(self.base / "users.txt", "a") as handle:
                handle.write("\n".join(self.users + [self.outsider]) + "\n")
            self.created = self.users + [self.outsider]
            tool = setup_class()
            self.passwords = tool.set_up(self.learners, self.instructors, group=self.group,
                                         drop=self.drop, homes=self.homes)
            _run(["useradd", "--create-home", "--home-dir", str(self.homes / self.outsider), self.outsider])
            self.passwords[self.outsider] = tool.new_password()
            tool.set_password(self.outsider, self.passwords[self.outsider])
            self.publish_lessons()
        finally:
            os.umask(old)
        return self

    def remove(self) -> list[str]:
        """Stop every process of the run's users, delete the users and the folder.

        Returns what could not be cleaned (empty when all went well).
        """
        problems: list[str] = []
        names = set(self.created)
        users_file = self.base / "users.txt"
        if users_file.exists():
            names.update(users_file.read_text().split())
        problems += remove_users(sorted(names))
        problems += remove_group(self.group)
        shutil.rmtree(self.base, ignore_errors=True)
        if self.base.exists():
            problems.append(f"could not remove {self.base}")
        return problems

    # -- the lessons repository ------------------------------------------------------------
    def publish_lessons(self) -> None:
        """Copy the working tree (committed and new files, not ignored ones) into a fresh
        repository and make a bare clone of it for the learners to pull from.

        ``HUB_TEST_LESSONS=REV`` (for working on the hub while others edit the lessons in the
        same checkout) publishes the lessons as committed in git revision REV instead, with
        ``deploy/`` still from the working tree: the hub under test is always the one on disk.
        """
        self.source.mkdir(mode=0o755)
        revision = os.environ.get("HUB_TEST_LESSONS", "").strip()
        if revision:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision],
                                     capture_output=True)
            if archive.returncode != 0:
                raise RuntimeError(f"HUB_TEST_LESSONS={revision}: {archive.stderr.decode().strip()}")
            subprocess.run(["tar", "-x", "-C", str(self.source)], input=archive.stdout, check=True)
            shutil.rmtree(self.source / "deploy", ignore_errors=True)
            shutil.copytree(ROOT / "deploy", self.source / "deploy",
                            ignore=shutil.ignore_patterns("__pycache__"))
            listed = None
        else:
            listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
                                     "--exclude-standard"], capture_output=True)
        if listed is None:
            pass
        elif listed.returncode == 0:
            for rel in filter(None, listed.stdout.decode().split("\0")):
                src = ROOT / rel
                if src.is_file():
                    dst = self.source / rel
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, dst)
        else:  # not a git checkout: copy the tree without local state
            shutil.copytree(ROOT, self.source, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
                ".git", ".venv", "my_work", "__pycache__", ".ipynb_checkpoints", "*.egg-info", ".pytest_cache"))
        git = ["git", "-C", str(self.source), "-c", "user.name=Hub test", "-c", "user.email=hub-test@localhost"]
        _run(["git", "init", "-q", "-b", BRANCH, str(self.source)])
        _run(git + ["add", "-A"])
        _run(git + ["commit", "-q", "-m", "Lessons as handed out to the class"])
        _run(["git", "clone", "-q", "--bare", str(self.source), str(self.repo)])
        self.git_config.write_text(f"[safe]\n\tdirectory = {self.repo}\n\tdirectory = {self.repo}/.git\n")

    def publish_update(self, rel: str, text: str, message: str) -> None:
        """Commit a change to the lessons and push it to the repository the link names."""
        target = self.source / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git = ["git", "-C", str(self.source), "-c", "user.name=Hub test", "-c", "user.email=hub-test@localhost"]
        _run(git + ["add", "-A"])
        _run(git + ["commit", "-q", "-m", message])
        _run(git + ["push", "-q", str(self.repo), BRANCH])

    @property
    def repo_url(self) -> str:
        return f"file://{self.repo}"


def remove_users(names: list[str]) -> list[str]:
    problems = []
    existing = [n for n in names if user_exists(n)]
    uids = {pwd.getpwnam(n).pw_uid for n in existing}
    if uids:
        left = processes_of(uids)
        if left:
            stop_pids(left)
    for name in existing:
        result = subprocess.run(["userdel", name], capture_output=True, text=True)
        if result.returncode != 0 and user_exists(name):
            problems.append(f"userdel {name}: {result.stderr.strip()}")
    for name in names:
        if user_exists(name):
            problems.append(f"user {name} still exists")
    return problems


def remove_group(name: str) -> list[str]:
    try:
        __import__("grp").getgrnam(name)
    except KeyError:
        return []
    result = subprocess.run(["groupdel", name], capture_output=True, text=True)
    return [f"groupdel {name}: {result.stderr.strip()}"] if result.returncode != 0 else []


def _read_pid(file: Path) -> int:
    try:
        return int(file.read_text().strip())
    except (OSError, ValueError):
        return 0


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def remove_leftovers() -> list[str]:
    """Remove the users and folders of earlier runs whose test process is gone."""
    problems = []
    for base in BASE_PARENT.glob(f"{BASE_PREFIX}*"):
        pid = _read_pid(base / "owner.pid")
        if pid and _pid_alive(pid):
            continue
        users_file = base / "users.txt"
        names = users_file.read_text().split() if users_file.exists() else []
        names = [n for n in names if n.startswith(USER_PREFIX)]
        for pidfile, program in ((base / "hub.pid", "jupyterhub"),
                                 (base / "state" / "jupyterhub-proxy.pid", "configurable-http-proxy")):
            pid = _read_pid(pidfile)
            if pid and program in _cmdline(pid):  # never a reused pid of something else
                stop_pids([pid])
        problems += remove_users(names)
        group_file = base / "group.txt"
        for group in (group_file.read_text().split() if group_file.exists() else []):
            if group.startswith(USER_PREFIX):
                problems += remove_group(group)
        shutil.rmtree(base, ignore_errors=True)
    return problems


# ---- the hub ----------------------------------------------------------------------------------
def gitpuller_link(hub_url: str, repo: str, lesson: str, branch: str = BRANCH,
                   folder: str = LESSONS_FOLDER) -> str:
    """The link an instructor hands out: log in, pull (or update) the lessons, open ``lesson``.

    >>> gitpuller_link("https://hub.example.org", "https://github.com/org/lessons", "notebooks/00-start-here.ipynb")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Flessons&branch=main&targetpath=interview-workshop&urlpath=lab%2Ftree%2Finterview-workshop%2Fnotebooks%2F00-start-here.ipynb'
    """
    query = urllib.parse.urlencode({"repo": repo, "branch": branch, "targetpath": folder,
                                    "urlpath": f"lab/tree/{folder}/{lesson}"})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


class Hub:
    """A JupyterHub process started from deploy/jupyterhub_config.py (through the test overlay)."""

    def __init__(self, site: Site, env_dir: Path, proxy: Path) -> None:
        self.site = site
        self.env_dir = env_dir
        self.proxy = proxy
        self.port = 0
        self.admin_token = secrets.token_hex(32)
        self.process: subprocess.Popen | None = None
        self.log_file = site.base / "hub.log"
        self.started_at = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items()
                if k in ("LANG", "LC_ALL", "TZ", "HOME", "USER", "LOGNAME", "TERM")}
        self.port = free_port()
        return {
            **keep,
            "PATH": f"{self.env_dir / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "WORKSHOP_REFERENCE_CONFIG": str(REFERENCE_CONFIG),
            "WORKSHOP_LEARNERS": " ".join(self.site.learners),
            "WORKSHOP_INSTRUCTORS": " ".join(self.site.instructors),
            "WORKSHOP_DROP_DIR": str(self.site.drop),
            "WORKSHOP_INSTRUCTOR_GROUP": self.site.group,
            "WORKSHOP_HUB_URL": self.url,
            "WORKSHOP_HUB_API_PORT": str(free_port()),
            "WORKSHOP_PROXY_API_PORT": str(free_port()),
            "WORKSHOP_PROXY": str(self.proxy),
            "WORKSHOP_STATE_DIR": str(self.site.state),
            "HUB_TEST_ADMIN_TOKEN": self.admin_token,
            "HUB_TEST_GIT_CONFIG": str(self.site.git_config),
        }

    def start(self, timeout: float = 60) -> "Hub":
        env = self.environment()
        cmd = [str(self.env_dir / "bin" / "jupyterhub"), "-f", str(TEST_CONFIG)]
        log = open(self.log_file, "ab")
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(cmd, env=env, cwd=self.site.state, stdout=log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        (self.site.base / "hub.pid").write_text(f"{self.process.pid}\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with code {self.process.returncode}\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"jupyterhub did not answer within {timeout:.0f} s\n{self.log_tail()}")

    def stop(self) -> list[str]:
        """SIGTERM the hub by its pid (it stops the proxy and the servers), then make sure the
        proxy and every process of the run's users are gone. Returns what had to be forced."""
        forced = []
        proxy_pid = 0
        pidfile = self.site.state / "jupyterhub-proxy.pid"
        if pidfile.exists():
            try:
                proxy_pid = int(pidfile.read_text().strip())
            except ValueError:
                pass
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                forced.append(f"hub {proc.pid} did not stop on SIGTERM")
                proc.kill()
                proc.wait(timeout=10)
        if proxy_pid and _pid_alive(proxy_pid):
            forced.append(f"proxy {proxy_pid} outlived the hub")
            stop_pids([proxy_pid])
        uids = {pwd.getpwnam(n).pw_uid for n in self.site.users if user_exists(n)}
        left = processes_of(uids) if uids else []
        # A server's kernels exit a moment after the server itself: give them a few seconds.
        deadline = time.monotonic() + 10
        while left and time.monotonic() < deadline:
            time.sleep(0.25)
            left = processes_of(uids)
        if left:
            forced.append(f"processes of the test users outlived the hub: {left}")
            stop_pids(left)
        return forced

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_file.exists():
            return ""
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])

    # -- the REST API ------------------------------------------------------------------------
    def api(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"token {token or self.admin_token}"}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, timeout=30, **kwargs)

    def token_for(self, name: str, note: str = "hub test") -> str:
        """A new API token for ``name`` with that user's own permissions."""
        response = self.api("POST", f"/users/{name}/tokens", json={"note": note, "expires_in": 900})
        response.raise_for_status()
        return response.json()["token"]

    def server_ready(self, name: str) -> bool:
        model = self.api("GET", f"/users/{name}").json()
        server = (model.get("servers") or {}).get("")
        return bool(server and server.get("ready"))

    def start_servers(self, names: list[str], timeout: float = 90) -> None:
        """Start each user's server (in parallel) and wait until all are ready."""
        errors: list[str] = []

        def start(name: str) -> None:
            try:
                if self.server_ready(name):
                    return
                response = self.api("POST", f"/users/{name}/server")
                if response.status_code not in (201, 202, 400):
                    errors.append(f"{name}: {response.status_code} {response.text[:300]}")
            except requests.RequestException as exc:
                errors.append(f"{name}: {exc}")

        threads = [threading.Thread(target=start, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise RuntimeError("starting servers failed: " + "; ".join(errors) + "\n" + self.log_tail())
        deadline = time.monotonic() + timeout
        waiting = list(names)
        while waiting and time.monotonic() < deadline:
            waiting = [n for n in waiting if not self.server_ready(n)]
            if waiting:
                time.sleep(0.3)
        if waiting:
            raise RuntimeError(f"servers not ready within {timeout:.0f} s: {waiting}\n{self.log_tail()}")

    def link(self, lesson: str) -> str:
        return gitpuller_link(self.url, self.site.repo_url, lesson)


# ---- a learner, from outside: a browser-like session and a kernel ----------------------------
def login(hub: Hub, name: str, password: str | None = None) -> requests.Session:
    """Log in through the hub's login form as a browser would; returns the session (cookies).

    ``password`` defaults to the user's own; ``session.login_status`` is the form's answer
    (302 logged in, 403 refused)."""
    session = requests.Session()
    page = session.get(f"{hub.url}/hub/login", timeout=30)
    page.raise_for_status()
    match = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
    xsrf = match.group(1) if match else session.cookies.get("_xsrf", "")
    response = session.post(f"{hub.url}/hub/login?next=", timeout=60, allow_redirects=False,
                            data={"username": name, "password": hub.site.passwords[name] if password is None else password, "_xsrf": xsrf})
    session.login_status = response.status_code  # type: ignore[attr-defined]
    return session


@dataclass
class Pull:
    phases: list[str] = field(default_factory=list)
    output: str = ""
    error: str = ""

    @property
    def finished(self) -> bool:
        return "finished" in self.phases and not self.error


def gitpull(session: requests.Session, hub: Hub, name: str, lesson: str) -> Pull:
    """Follow the nbgitpuller link with a learner's cookies, as the link's page does: open the
    page (the hub sends the learner to their own server), then read the pull's event stream."""
    page = session.get(hub.link(lesson), timeout=60)
    page.raise_for_status()
    if f"/user/{name}/git-pull" not in page.url:
        raise AssertionError(f"the link led to {page.url}, not {name}'s own server")
    api = page.url.replace("/git-pull?", "/git-pull/api?", 1)
    result = Pull()
    with session.get(api, stream=True, timeout=120) as stream:
        stream.raise_for_status()
        for line in stream.iter_lines(decode_unicode=True):
            if not line or not line.startswith("data:"):
                continue
            event = json.loads(line[5:].strip())
            phase = event.get("phase", "")
            result.phases.append(phase)
            result.output += event.get("output", "") or ""
            if phase == "error":
                result.error = event.get("message", "") + "\n" + (event.get("output") or "")
                break
            if phase == "finished":
                break
    return result


@dataclass
class Run:
    """What one execute request produced."""

    stdout: str = ""
    stderr: str = ""
    error: str = ""       # "Name: value" of an exception, if one was raised
    traceback: str = ""
    data: list[dict] = field(default_factory=list)

    def check(self, what: str = "code") -> "Run":
        if self.error or self.stderr:
            raise AssertionError(f"{what} failed in the kernel: {self.error}\n{self.traceback}\n{self.stderr}")
        return self


class Kernel:
    """A kernel in a user's server, driven over its websocket with a token (no browser).

    Each ``execute`` opens its own websocket and closes it afterwards: a connection left idle
    does not answer the server's pings and is dropped after a minute or so.
    """

    def __init__(self, hub: Hub, name: str, token: str, path: str) -> None:
        self.hub, self.name, self.token = hub, name, token
        self.base = f"{hub.url}/user/{name}/api"
        response = requests.post(f"{self.base}/sessions", timeout=60,
                                 headers={"Authorization": f"token {token}"},
                                 json={"path": path, "type": "notebook", "name": Path(path).name,
                                       "kernel": {"name": "python3"}})
        if response.status_code != 201:
            raise RuntimeError(f"{name}: could not start a kernel for {path}: {response.status_code} {response.text[:300]}")
        self.session_id = response.json()["id"]
        self.kernel_id = response.json()["kernel"]["id"]
        self.client_session = uuid.uuid4().hex

    def _connect(self, timeout: float) -> Any:
        import websocket  # websocket-client, a dependency of jupyter_server

        url = self.base.replace("http://", "ws://", 1) + f"/kernels/{self.kernel_id}/channels"
        return websocket.create_connection(url, header=[f"Authorization: token {self.token}"], timeout=timeout)

    def execute(self, code: str, timeout: float = 120) -> Run:
        msg_id = uuid.uuid4().hex
        run = Run()
        deadline = time.monotonic() + timeout
        ws = self._connect(timeout)
        try:
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "username": self.name, "session": self.client_session,
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True},
            }))
            idle = replied = False
            while not (idle and replied):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self.name}: the kernel did not finish within {timeout:.0f} s")
                ws.settimeout(left)
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                content = msg.get("content", {})
                if kind == "stream":
                    if content.get("name") == "stderr":
                        run.stderr += content.get("text", "")
                    else:
                        run.stdout += content.get("text", "")
                elif kind == "error":
                    run.error = f"{content.get('ename')}: {content.get('evalue')}"
                    run.traceback = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(content.get("traceback", [])))
                elif kind in ("display_data", "execute_result"):
                    run.data.append(content.get("data", {}))
                elif kind == "status" and content.get("execution_state") == "idle":
                    idle = True
                elif kind == "execute_reply":
                    replied = True
        finally:
            ws.close()
        return run

    def value(self, expression: str) -> Any:
        """Evaluate ``expression`` in the kernel and return it (it must be JSON-serialisable)."""
        run = self.execute(f"import json as _j\nprint(_j.dumps({expression}))").check(expression)
        return json.loads(run.stdout.strip().splitlines()[-1])

    def close(self) -> None:
        """Shut the kernel down (its session is deleted)."""
        requests.delete(f"{self.base}/sessions/{self.session_id}", timeout=30,
                        headers={"Authorization": f"token {self.token}"})


def contents(hub: Hub, owner: str, path: str, token: str | None = None,
             session: requests.Session | None = None) -> requests.Response:
    """GET a file or folder from ``owner``'s server through the contents API."""
    url = f"{hub.url}/user/{owner}/api/contents/{urllib.parse.quote(path)}"
    if session is not None:
        return session.get(url, timeout=30, allow_redirects=False)
    return requests.get(url, headers={"Authorization": f"token {token}"}, timeout=30, allow_redirects=False)


def code_cells(notebook: dict) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
