"""A class on a real JupyterHub: three learners and an instructor, each their own Unix user
with a password of their own (made by deploy/setup_class.py).

Each learner logs in through the hub's login form with their own password, follows the
instructor's nbgitpuller link (the lessons are cloned from a local repository into their home),
runs the lessons in kernels of their own (all three learners at once, each a third of them), saves a drafted question
and a log entry through the helpers, makes the shared copy with ``python -m helpers share`` and
hands it in with ``deploy/hand_in.py``. Then: nobody logs in as someone else; each learner sees
only their own work; one learner's kernel cannot read another's files or hand-in; one learner's
cookie or token is refused on another's server; the instructor's cookie and tokens are refused
on every learner's server; updating the lessons leaves their work alone; the instructor collects
the hand-ins from the drop folder and the class summary runs on them; the folders are private
again after a restart.
"""
from __future__ import annotations

import hashlib
import json
import re
import stat
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from hub import hubrun

LESSON = "notebooks/02-research-to-questions.ipynb"   # the lesson the link opens
# Every lesson runs (Run All, as on a fresh workspace) on the hub, the three learners at the same
# time, each a third of them: nothing in them may assume a single user or a writable lessons
# folder. (Every lesson for every learner took most of the three minutes the whole hub test may
# take on a busy 2-core machine; tests/test_notebooks.py runs each lesson too.)
# (Read from the lessons as published to the class, ``site.source``: the working tree, or the
# revision HUB_TEST_LESSONS names.)


def lessons(site: hubrun.Site) -> list[str]:
    return sorted(str(p.relative_to(site.source)) for p in (site.source / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SUMMARY = "notebooks/instructor/01-class-summary.ipynb"  # what the instructor runs on the logs
FOLDER = hubrun.LESSONS_FOLDER
WORK = hubrun.WORK_FOLDER

# What each learner saves: different people, places and fields, so any leak would show.
PEOPLE = [
    {"contact": "Rosa Quintero", "organisation": "Lakeside Clinic", "sector": "nursing", "email": "rosa.q@lakeside.example"},
    {"contact": "Tariq Haddad", "organisation": "Harbour Accounting", "sector": "accounting", "email": "t.haddad@harbour.example"},
    {"contact": "Ilse Brandt", "organisation": "Northway Freight", "sector": "logistics", "email": "ilse@northway.example"},
]


@dataclass
class Learner:
    name: str
    person: dict[str, str]
    session: requests.Session
    token: str = ""
    kernel: Any = None
    pull: Any = None
    lesson_errors: list[str] = field(default_factory=list)
    lessons_run: list[str] = field(default_factory=list)
    saved: dict[str, Any] = field(default_factory=dict)

    @property
    def question(self) -> str:
        return f"What has changed most in {self.person['sector']} work over the last five years?"


@dataclass
class Classroom:
    hub: hubrun.Hub
    site: hubrun.Site
    learners: list[Learner]
    instructor: Learner
    setup_seconds: float = 0.0


def _owner(path: Path) -> int:
    try:
        return path.lstat().st_uid
    except OSError:
        return -1


def _save_work_code(learner: Learner) -> str:
    """Save a question and a log entry, then share and hand in as the lessons tell a learner to:
    ``python -m helpers share`` writes the shared copy, ``deploy/hand_in.py`` hands it in."""
    p = learner.person
    entry = {"date": "2026-10-05", "contact": p["contact"], "organisation": p["organisation"],
             "sector": p["sector"], "status": "held", "kind": "real", "channel": "video", "referrals": "1",
             "notes": f"{p['contact']} said to mail {p['email']} about the {p['sector']} team"}
    return f"""
import subprocess, sys
from helpers import log, questions, workspace
q = questions.add_question({learner.question!r}, "industry")
e = log.add_entry({entry!r})
work = os.environ["INTERVIEW_WORKSPACE"]
shared = subprocess.run([sys.executable, "-m", "helpers", "share", os.path.join(work, "interview_log.csv"),
                         "--out", os.path.join(work, {hubrun.SHARED_NAME!r})], capture_output=True, text=True)
handed = subprocess.run([sys.executable, os.path.expanduser("~/{FOLDER}/deploy/hand_in.py")],
                        capture_output=True, text=True)
print(json.dumps({{"question_ok": q.ok, "question_message": q.message,
                   "question_problems": [str(x) for x in q.problems],
                   "entry_saved": e.saved, "entry_problems": [str(x) for x in e.problems],
                   "share": [shared.returncode, shared.stdout + shared.stderr],
                   "hand_in": [handed.returncode, handed.stdout + handed.stderr],
                   "workspace": str(workspace.folder())}}))
"""


def _run_lessons(hub: hubrun.Hub, learner: Learner, share: list[str]) -> None:
    """Run every code cell of each lesson in ``share`` in a new kernel of the learner's own, as
    Run All would."""
    for lesson in share:
        learner.lessons_run.append(lesson)
        notebook = json.loads((hub.site.source / lesson).read_text(encoding="utf-8"))
        kernel = hubrun.Kernel(hub, learner.name, learner.token, f"{FOLDER}/{lesson}")
        try:
            for i, source in enumerate(hubrun.code_cells(notebook)):
                run = kernel.execute(source)
                if run.error or run.stderr:
                    learner.lesson_errors.append(f"{lesson} cell {i}: {run.error} {run.stderr.strip()[:300]}")
                    break
        finally:
            kernel.close()


@pytest.fixture(scope="module")
def classroom(hub: hubrun.Hub, site: hubrun.Site, request: pytest.FixtureRequest) -> Iterator[Classroom]:
    started = time.monotonic()
    learners = [Learner(n, PEOPLE[i], hubrun.login(hub, n)) for i, n in enumerate(site.learners)]
    instructor = Learner(site.instructors[0], {}, hubrun.login(hub, site.instructors[0]))
    everyone = learners + [instructor]
    for person in everyone:
        assert person.session.login_status == 302, f"{person.name} could not log in"  # type: ignore[attr-defined]
    logged_in = time.monotonic()
    hub.start_servers([p.name for p in everyone])
    servers_up = time.monotonic()

    def prepare(person: Learner) -> None:
        person.pull = hubrun.gitpull(person.session, hub, person.name, LESSON)
        if not person.pull.finished:
            return
        person.token = hub.token_for(person.name)
        # A kernel of its own (a session per path: not one of the lessons' paths).
        scratch = "notebooks/instructor/hub-test.ipynb" if person is instructor else "notebooks/hub-test.ipynb"
        person.kernel = hubrun.Kernel(hub, person.name, person.token, f"{FOLDER}/{scratch}")
        person.kernel.execute("import json, os").check()
        if person is instructor:
            return
        position = learners.index(person)
        _run_lessons(hub, person, lessons(site)[position::len(learners)])
        run = person.kernel.execute(_save_work_code(person)).check("saving the learner's work")
        person.saved = json.loads(run.stdout.strip().splitlines()[-1])

    failures: list[str] = []

    def prepare_or_report(person: Learner) -> None:
        try:
            prepare(person)
        except Exception as exc:  # reported below, with the learner's name
            failures.append(f"{person.name}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=prepare_or_report, args=(p,)) for p in everyone]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == [], "setting up the class failed:\n" + "\n".join(failures) + "\n" + hub.log_tail(40)
    room = Classroom(hub, site, learners, instructor, time.monotonic() - started)
    print(f"\n[hub] class of {len(learners)} learners and an instructor set up in {room.setup_seconds:.1f} s: "
          f"log in {logged_in - started:.1f} s, servers {servers_up - logged_in:.1f} s, "
          f"lessons pulled, run and work saved {time.monotonic() - servers_up:.1f} s")
    try:
        yield room
    finally:
        for person in everyone:
            if person.kernel is not None:
                try:
                    person.kernel.close()
                except Exception:  # the server may be gone already
                    pass


@pytest.fixture(autouse=True)
def _hub_log_on_failure(request: pytest.FixtureRequest, hub: hubrun.Hub) -> Iterator[None]:
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        report.sections.append(("hub log (last lines)", hub.log_tail(60)))


# ---- delivering the lessons -----------------------------------------------------------------
def test_each_learner_pulls_the_lessons_and_runs_them(classroom: Classroom):
    for person in classroom.learners + [classroom.instructor]:
        assert person.pull.finished, f"{person.name}: nbgitpuller failed: {person.pull.error}"
        listing = hubrun.contents(classroom.hub, person.name, f"{FOLDER}/notebooks", session=person.session)
        assert listing.status_code == 200
        names = {item["name"] for item in listing.json()["content"]}
        assert Path(LESSON).name in names, f"{person.name} did not get the lessons"
    assert LESSON in lessons(classroom.site)
    ran = sorted(lesson for person in classroom.learners for lesson in person.lessons_run)
    assert ran == lessons(classroom.site), "not every lesson ran on the hub"
    for person in classroom.learners:
        assert person.lesson_errors == [], f"{person.name}: lessons failed in their kernels"


def test_work_is_saved_in_each_learners_own_home(classroom: Classroom):
    for person in classroom.learners:
        saved = person.saved
        assert saved["question_ok"], f"{person.name}: {saved['question_message']} {saved['question_problems']}"
        assert saved["entry_saved"], f"{person.name}: {saved['entry_problems']}"
        assert saved["workspace"] == str(classroom.site.workspace(person.name))
        assert saved["share"][0] == 0, f"{person.name}: python -m helpers share: {saved['share'][1]}"
        assert (classroom.site.workspace(person.name) / hubrun.SHARED_NAME).is_file()
        assert saved["hand_in"][0] == 0, f"{person.name}: hand_in.py: {saved['hand_in'][1]}"
        assert "Handed in" in saved["hand_in"][1]
        account = hubrun.pwd.getpwnam(person.name)
        home = classroom.site.home(person.name)
        for folder in (home, classroom.site.workspace(person.name)):
            info = folder.stat()
            assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (account.pw_uid, 0o700), folder
        for file in classroom.site.workspace(person.name).iterdir():
            info = file.stat()
            assert info.st_uid == account.pw_uid, f"{file} is not owned by {person.name}"
            # (The folder itself is 0700, which is what keeps others out; an empty lock file
            # may carry the lock library's default mode.)
            if not (file.name.endswith(".lock") and info.st_size == 0):
                assert stat.S_IMODE(info.st_mode) & 0o077 == 0, f"{file} can be read by others"
        # Nothing was written into the lessons' folder (nbgitpuller owns it) ...
        assert not (home / FOLDER / "my_work").exists()
    # ... nor anywhere a learner shares with others.
    uids = {hubrun.pwd.getpwnam(p.name).pw_uid for p in classroom.learners}
    for shared in (Path("/tmp"), Path("/var/tmp"), Path("/dev/shm")):
        strays = [str(f) for f in shared.iterdir() if _owner(f) in uids]
        assert strays == [], f"a learner's kernel wrote outside their home: {strays}"


def test_each_learner_sees_only_their_own_work(classroom: Classroom):
    everyone = {p.person["contact"] for p in classroom.learners}
    for person in classroom.learners:
        view = person.kernel.value(
            "{'questions': [q['text'] for q in questions.saved_questions()],"
            " 'contacts': sorted(set(log.learner_log()[0].data['contact'])),"
            " 'is_sample': log.learner_log()[1]}")
        assert view["questions"] == [person.question]
        assert view["contacts"] == [person.person["contact"]]
        assert view["is_sample"] is False
        listing = hubrun.contents(classroom.hub, person.name, WORK, session=person.session)
        assert listing.status_code == 200
        files = {item["name"] for item in listing.json()["content"]}
        assert {"interview_log.csv", "questions.json", "shared_log.csv"} <= files
        own = hubrun.contents(classroom.hub, person.name, f"{WORK}/interview_log.csv", session=person.session)
        text = own.json()["content"]
        assert person.person["contact"] in text
        assert not (everyone - {person.person["contact"]}) & {c for c in everyone if c in text}


def test_a_learners_kernel_cannot_read_or_write_another_learners_work(classroom: Classroom):
    first, second = classroom.learners[0], classroom.learners[1]
    other_home = classroom.site.home(second.name)
    other_work = classroom.site.workspace(second.name)
    attempts = {
        "read their log": f"open({str(other_work / 'interview_log.csv')!r}).read()",
        "list their home": f"os.listdir({str(other_home)!r})",
        "list their work folder": f"os.listdir({str(other_work)!r})",
        "write into their work folder": f"open({str(other_work / 'planted.txt')!r}, 'w').write('x')",
        "read their work through the helpers": (
            f"os.environ['INTERVIEW_WORKSPACE'] = {str(other_work)!r}; "
            "import importlib, helpers.questions as hq; hq.saved_questions()"),
    }
    try:
        for what, code in attempts.items():
            run = first.kernel.execute(code)
            # the helpers say it as a StoreError ("could not be read (Permission denied)"), not a traceback
            refused = run.error.startswith("PermissionError") or (
                run.error.startswith(("WorkspaceError", "StoreError")) and "permission denied" in run.error.lower())
            assert refused, f"{first.name} could {what}: {run.error or run.stdout}"
    finally:
        first.kernel.execute(f"os.environ['INTERVIEW_WORKSPACE'] = {str(classroom.site.workspace(first.name))!r}").check()
    assert not (other_work / "planted.txt").exists()
    # The kernel really is the learner's own account, not root.
    uid = first.kernel.value("os.getuid()")
    assert uid == hubrun.pwd.getpwnam(first.name).pw_uid != 0


def test_one_learners_cookie_or_token_is_refused_on_another_learners_server(classroom: Classroom):
    hub = classroom.hub
    first, second = classroom.learners[0], classroom.learners[1]
    # Cookie: the whole browser path (the other server sends the browser to the hub, which refuses).
    page = first.session.get(f"{hub.url}/user/{second.name}/lab", timeout=60)
    assert page.status_code == 403, f"{first.name}'s cookie on {second.name}'s JupyterLab: {page.status_code} {page.url}"
    assert hubrun.contents(hub, second.name, WORK, session=first.session).status_code == 403
    # Token: the other server's API, to read files or start a kernel.
    assert hubrun.contents(hub, second.name, WORK, token=first.token).status_code == 403
    started = requests.post(f"{hub.url}/user/{second.name}/api/kernels", timeout=30,
                            headers={"Authorization": f"token {first.token}"}, json={"name": "python3"})
    assert started.status_code == 403
    # The token the hub gave the learner's own server (in their kernel) is refused too.
    run = first.kernel.execute(
        "import urllib.request, urllib.error\n"
        f"req = urllib.request.Request('{hub.url}/user/{second.name}/api/contents/{WORK}',"
        " headers={'Authorization': 'token ' + os.environ['JUPYTERHUB_API_TOKEN']})\n"
        "try:\n    print(urllib.request.urlopen(req).status)\n"
        "except urllib.error.HTTPError as exc:\n    print(exc.code)\n").check()
    assert run.stdout.strip() == "403"
    # The hub's API does not show one learner another's account.
    assert hub.api("GET", f"/users/{second.name}", token=first.token).status_code in (403, 404)
    # A path outside the learner's own server root is refused by their own server.
    escape = hubrun.contents(hub, first.name, f"../{second.name}/{WORK}", session=first.session)
    assert escape.status_code in (400, 403, 404)


def test_nobody_can_log_in_as_someone_else(classroom: Classroom):
    """Each person's own password opens only their own account; there is no sign-up to claim one."""
    hub, site = classroom.hub, classroom.site
    first, second = site.learners[0], site.learners[1]
    teacher = site.instructors[0]
    attempts = {
        "a learner as the instructor, with the learner's password": (teacher, site.passwords[first]),
        "a learner as another learner, with their own password": (second, site.passwords[first]),
        "the instructor's name with a guessed password": (teacher, "instructor"),
        "the instructor's name with no password": (teacher, ""),
        "a learner with a wrong password": (first, "not-my-password"),
        "a learner with another learner's password": (first, site.passwords[second]),
        "a real account that is not in the class, with its own password": (site.outsider, site.passwords[site.outsider]),
        "a name that is not an account": ("someone-else", site.passwords[first]),
    }
    # PAM waits a few seconds after each failure (the system's login rules): try them at once.
    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        statuses = dict(zip(attempts, pool.map(lambda a: hubrun.login(hub, *a).login_status, attempts.values())))
    assert statuses == {what: 403 for what in attempts}
    # No sign-up page: nobody can claim the instructor's (or anyone's) name by registering first.
    browser = requests.Session()
    page = browser.get(f"{hub.url}/hub/login", timeout=30)
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
    assert xsrf, "the login page has no _xsrf field"
    assert browser.get(f"{hub.url}/hub/signup", timeout=30).status_code == 404
    signup = browser.post(f"{hub.url}/hub/signup", timeout=30, allow_redirects=False,
                          data={"username": teacher, "signup_password": "x" * 12,
                                "signup_password_confirmation": "x" * 12, "_xsrf": xsrf.group(1)})
    assert signup.status_code == 404, f"POST /hub/signup: {signup.status_code}"
    # Nobody is a hub admin (an admin could open every learner's server).
    assert all(not hub.api("GET", f"/users/{n}").json()["admin"] for n in site.users)
    # And the right password still works, for the right name only.
    assert hubrun.login(hub, teacher).login_status == 302


def test_updating_the_lessons_never_touches_a_learners_work(classroom: Classroom):
    hub, site = classroom.hub, classroom.site
    person = classroom.learners[0]
    work = site.workspace(person.name)

    def fingerprint() -> dict[str, str]:
        return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(work.iterdir())}

    before = fingerprint()
    # The learner's copy of a lesson changes (JupyterLab saves it after they run it) ...
    path = f"{FOLDER}/{LESSON}"
    edited = json.loads((site.source / LESSON).read_text(encoding="utf-8"))
    edited["cells"].append({"cell_type": "markdown", "id": "learner-note", "metadata": {},
                            "source": "My own note on this lesson."})
    put = requests.put(f"{hub.url}/user/{person.name}/api/contents/{path}", timeout=30,
                       headers={"Authorization": f"token {person.token}"},
                       json={"type": "notebook", "format": "json", "content": edited})
    assert put.status_code == 200, put.text
    # ... and the instructor publishes an update to the content.
    bank = "data/content/question_bank.toml"
    updated = (site.source / bank).read_text(encoding="utf-8") + "\n# Updated for the spring class.\n"
    site.publish_update(bank, updated, "Spring update")

    pull = hubrun.gitpull(person.session, hub, person.name, LESSON)
    assert pull.finished, pull.error
    got = hubrun.contents(hub, person.name, f"{FOLDER}/{bank}", token=person.token).json()["content"]
    assert "Updated for the spring class" in got
    mine = hubrun.contents(hub, person.name, path, token=person.token).json()["content"]
    assert mine["cells"][-1]["source"] == "My own note on this lesson."
    assert fingerprint() == before, "updating the lessons changed the learner's saved work"
    # The kernel still reads the same work after the update.
    assert person.kernel.value("[q['text'] for q in questions.saved_questions()]") == [person.question]


def test_the_instructor_has_no_access_to_any_learners_server_or_files(classroom: Classroom):
    hub, site = classroom.hub, classroom.site
    teacher = classroom.instructor
    auth = {"Authorization": f"token {teacher.token}"}
    for person in classroom.learners:
        base = f"{hub.url}/user/{person.name}"
        refused = {
            "their JupyterLab, with the instructor's cookie": teacher.session.get(f"{base}/lab", timeout=60).status_code,
            "their files, with the instructor's cookie": hubrun.contents(hub, person.name, WORK, session=teacher.session).status_code,
            "their home, with a token of the instructor's": hubrun.contents(hub, person.name, "", token=teacher.token).status_code,
            "their log, with a token of the instructor's": hubrun.contents(
                hub, person.name, f"{WORK}/interview_log.csv", token=teacher.token).status_code,
            "their hand-in, through their server": hubrun.contents(
                hub, person.name, f"{WORK}/{hubrun.SHARED_NAME}", token=teacher.token).status_code,
            "their kernels": requests.get(f"{base}/api/kernels", headers=auth, timeout=30).status_code,
            "a new kernel on their server": requests.post(f"{base}/api/kernels", headers=auth, timeout=30,
                                                          json={"name": "python3"}).status_code,
            "a terminal on their server": requests.post(f"{base}/api/terminals", headers=auth, timeout=30).status_code,
        }
        assert refused == {what: 403 for what in refused}, f"the instructor on {person.name}'s server: {refused}"
        # The hub's API: no view of the learner's account or server, no way to start, stop or act as them.
        for method, path in (("GET", f"/users/{person.name}"), ("POST", f"/users/{person.name}/server"),
                             ("DELETE", f"/users/{person.name}/server"), ("POST", f"/users/{person.name}/tokens"),
                             ("GET", f"/users/{person.name}/tokens")):
            status = hub.api(method, path, token=teacher.token).status_code
            assert status in (403, 404), f"the instructor's token: {method} {path} gave {status}"
    listed = hub.api("GET", "/users", token=teacher.token)
    assert listed.status_code == 403 or {u["name"] for u in listed.json()} <= {teacher.name}
    # The token the hub gave the instructor's own server (JUPYTERHUB_API_TOKEN, in their kernel).
    urls = ([f"{hub.url}/user/{p.name}/api/contents/{WORK}" for p in classroom.learners]
            + [f"{hub.url}/user/{p.name}/api/kernels" for p in classroom.learners]
            + [f"{hub.url}/hub/api/users/{p.name}" for p in classroom.learners])
    run = teacher.kernel.execute(
        "import urllib.request, urllib.error\n"
        "def _status(url):\n"
        "    req = urllib.request.Request(url, headers={'Authorization': 'token ' + os.environ['JUPYTERHUB_API_TOKEN']})\n"
        "    try:\n        return urllib.request.urlopen(req).status\n"
        "    except urllib.error.HTTPError as exc:\n        return exc.code\n"
        f"print(json.dumps([_status(u) for u in {urls!r}]))\n").check()
    statuses = json.loads(run.stdout.strip().splitlines()[-1])
    assert all(s in (403, 404) for s in statuses) and statuses[:2 * len(classroom.learners)] == [403] * (2 * len(classroom.learners)), statuses
    # On the machine itself: the instructor's account cannot open a learner's home or work.
    for person in classroom.learners:
        for code in (f"os.listdir({str(site.home(person.name))!r})",
                     f"open({str(site.workspace(person.name) / 'interview_log.csv')!r}).read()",
                     f"open({str(site.workspace(person.name) / hubrun.SHARED_NAME)!r}).read()"):
            assert teacher.kernel.execute(code).error.startswith("PermissionError"), f"the instructor could run {code}"


def test_a_learner_cannot_read_or_touch_anyone_elses_hand_in(classroom: Classroom):
    site = classroom.site
    first, second = classroom.learners[0], classroom.learners[1]
    box = site.box(second.name)
    group = __import__("grp").getgrnam(site.group).gr_gid
    # The drop as the hub made it: learners pass through, instructors list; one folder per learner.
    info = site.drop.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (0, group, 0o751)
    for person in classroom.learners:
        account = hubrun.pwd.getpwnam(person.name)
        info = site.box(person.name).lstat()
        assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (account.pw_uid, group, 0o2750)
        handed = (site.box(person.name) / hubrun.SHARED_NAME).lstat()
        assert (handed.st_uid, handed.st_gid, stat.S_IMODE(handed.st_mode)) == (account.pw_uid, group, 0o640)
        # What was handed in is exactly the shared copy, and holds none of the learner's people.
        shared = (site.workspace(person.name) / hubrun.SHARED_NAME).read_bytes()
        assert (site.box(person.name) / hubrun.SHARED_NAME).read_bytes() == shared
    attempts = {
        "list the drop (who handed in)": f"os.listdir({str(site.drop)!r})",
        "list another learner's hand-in folder": f"os.listdir({str(box)!r})",
        "read another learner's hand-in": f"open({str(box / hubrun.SHARED_NAME)!r}).read()",
        "overwrite another learner's hand-in": f"open({str(box / hubrun.SHARED_NAME)!r}, 'w').write('x')",
        "plant a file in another learner's folder": f"open({str(box / 'planted.csv')!r}, 'w').write('x')",
        "hand in under a made-up name": f"os.mkdir({str(site.drop / 'made-up')!r})",
        "replace another learner's folder": f"os.rename({str(box)!r}, {str(site.drop / 'gone')!r})",
    }
    for what, code in attempts.items():
        run = first.kernel.execute(code)
        assert run.error.startswith("PermissionError"), f"{first.name} could {what}: {run.error or run.stdout}"
    assert sorted(p.name for p in box.iterdir()) == [hubrun.SHARED_NAME]
    assert sorted(p.name for p in site.drop.iterdir()) == sorted(p.name for p in classroom.learners)
    # Their own hand-in they can read back.
    own = first.kernel.value(f"open({str(site.box(first.name) / hubrun.SHARED_NAME)!r}, encoding='utf-8').read()")
    assert own == (site.workspace(first.name) / hubrun.SHARED_NAME).read_text(encoding="utf-8")


def test_the_instructor_collects_the_hand_ins_and_the_class_summary_runs(classroom: Classroom):
    teacher = classroom.instructor
    folder = classroom.site.home(teacher.name) / "class-logs"
    # As the guide says: in a terminal of the instructor's own JupyterLab.
    run = teacher.kernel.execute(
        "import subprocess, sys\n"
        "done = subprocess.run([sys.executable, os.path.expanduser("
        f"'~/{FOLDER}/deploy/collect_shared_logs.py')], capture_output=True, text=True)\n"
        "print(json.dumps([done.returncode, done.stdout, done.stderr]))"
    ).check("collecting the shared logs")
    code, out, err = json.loads(run.stdout.strip().splitlines()[-1])
    assert (code, err) == (0, ""), out + err
    assert f"Collected {len(classroom.learners)} shared log(s) into {folder}." in out
    saved = sorted(folder.glob("*.csv"))
    assert [p.name for p in saved] == sorted(f"{p.name}.csv" for p in classroom.learners)
    for person in classroom.learners:   # byte for byte what each learner handed in
        shared = (classroom.site.workspace(person.name) / hubrun.SHARED_NAME).read_bytes()
        assert (folder / f"{person.name}.csv").read_bytes() == shared
    # What arrived holds no one's name, organisation or e-mail address, and the detector agrees.
    joined = "\n".join(p.read_text(encoding="utf-8-sig") for p in saved)
    for person in PEOPLE:
        for value in (person["contact"], person["organisation"], person["email"]):
            assert value not in joined
    checks = teacher.kernel.value("[__import__('helpers.sharing', fromlist=['sharing']).check_shared(p) "
                                  f"for p in {[str(p) for p in saved]!r}]")
    assert checks == [[] for _ in saved]
    # The collected files belong to the instructor, in their own home, readable by them alone.
    account = hubrun.pwd.getpwnam(teacher.name)
    assert {(f.stat().st_uid, stat.S_IMODE(f.stat().st_mode)) for f in folder.iterdir()} == {(account.pw_uid, 0o600)}

    # The class summary runs on the folder, in the instructor's kernel, as the notebook does.
    summary = json.loads((classroom.site.source / SUMMARY).read_text(encoding="utf-8"))
    # (The hub sets CLASS_LOGS_DIR for instructors: the notebook reads the collected folder.)
    for i, source in enumerate(hubrun.code_cells(summary)):
        teacher.kernel.execute(source).check(f"{SUMMARY} cell {i}")
    read = teacher.kernel.value("{'students': sorted(cls.students), 'refused': sorted(cls.refused),"
                                " 'unreadable': cls.unreadable, 'folder': str(cls.folder)}")
    assert read == {"students": sorted(p.name for p in classroom.learners), "refused": [],
                    "unreadable": [], "folder": str(folder)}
    assert teacher.kernel.value("len(class_summary.overview(cls))") == 3


def test_a_learner_cannot_collect_the_class_logs(classroom: Classroom):
    run = classroom.learners[0].kernel.execute(
        "from deploy.collect_shared_logs import collect\ncollect('~/not-allowed')")
    assert run.error.startswith("RuntimeError") and "refused" in run.error


def test_a_learner_who_takes_their_hand_in_back_is_dropped_at_the_next_collection(classroom: Classroom):
    person, teacher = classroom.learners[-1], classroom.instructor
    run = person.kernel.execute(
        "import subprocess, sys\n"
        f"done = subprocess.run([sys.executable, os.path.expanduser('~/{FOLDER}/deploy/hand_in.py'), '--withdraw'],"
        " capture_output=True, text=True)\nprint(json.dumps([done.returncode, done.stdout]))").check()
    assert json.loads(run.stdout.strip().splitlines()[-1])[0] == 0
    assert not (classroom.site.box(person.name) / hubrun.SHARED_NAME).exists()
    result = teacher.kernel.value(
        "(lambda r: {'saved': sorted(__import__('os').path.basename(p) for p in map(str, r.saved)),"
        " 'missing': r.missing})(__import__('deploy.collect_shared_logs', fromlist=['c']).collect())")
    assert result["saved"] == sorted(f"{p.name}.csv" for p in classroom.learners[:-1])
    assert result["missing"] == [f"{person.name}: has not handed in a log yet (the Share button, then hand_in.py)."]
    assert not (classroom.site.home(teacher.name) / "class-logs" / f"{person.name}.csv").exists()


def test_the_folders_are_private_again_on_every_start(classroom: Classroom):
    """A learner (or anyone) opened their folders up: the next start of their server closes them."""
    hub, site = classroom.hub, classroom.site
    person = classroom.learners[-1]
    account = hubrun.pwd.getpwnam(person.name)
    group = __import__("grp").getgrnam(site.group).gr_gid
    home, work, box = site.home(person.name), site.workspace(person.name), site.box(person.name)
    for folder in (home, work, box):
        folder.chmod(0o777)
    assert hub.api("DELETE", f"/users/{person.name}/server").status_code in (202, 204)
    deadline = time.monotonic() + 30
    while hub.api("GET", f"/users/{person.name}").json().get("servers") and time.monotonic() < deadline:
        time.sleep(0.2)
    hub.start_servers([person.name])
    modes = {str(f): (f.lstat().st_uid, f.lstat().st_gid, stat.S_IMODE(f.lstat().st_mode)) for f in (home, work, box)}
    assert modes == {str(home): (account.pw_uid, account.pw_gid, 0o700),
                     str(work): (account.pw_uid, account.pw_gid, 0o700),
                     str(box): (account.pw_uid, group, 0o2750)}


def test_on_a_generic_hub_the_work_goes_to_the_learners_home(classroom: Classroom):
    """A university's own hub (docs/jupyterhub.md): the helpers installed read-only in the image,
    no INTERVIEW_WORKSPACE, no PYTHONPATH to the learner's copy. Stood in for here by the class's
    root-owned copy of the lessons: the work goes to ~/informational-interview-work."""
    person = classroom.learners[0]
    readonly = classroom.site.source
    assert readonly.stat().st_uid == 0 and readonly.stat().st_mode & 0o022 == 0
    run = person.kernel.execute(
        "import subprocess, sys\n"
        "env = {k: v for k, v in os.environ.items() if k not in ('INTERVIEW_WORKSPACE', 'PYTHONPATH')}\n"
        f"env['PYTHONPATH'] = {str(readonly)!r}\n"
        "done = subprocess.run([sys.executable, '-c', 'import helpers.workspace as w; "
        "print(w.__file__); print(w.folder(create=False))'], env=env, capture_output=True, text=True, cwd=os.path.expanduser('~'))\n"
        "print(json.dumps([done.returncode, done.stdout, done.stderr]))").check()
    code, out, err = json.loads(run.stdout.strip().splitlines()[-1])
    assert code == 0, err
    module, folder = out.strip().splitlines()[-2:]
    assert module.startswith(str(readonly)), module
    assert folder == str(classroom.site.home(person.name) / WORK)
