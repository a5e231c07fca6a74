# JupyterHub configuration for the Informational Interview Workshop.
#
# One server, one class: each learner logs in with their own password, gets their own JupyterLab
# running as their own Unix account, and pulls the lessons into their home with an nbgitpuller
# link. Their work is saved in ~/informational-interview-work, which only they can read, and
# which updating the lessons never touches. Learners hand in their anonymised log to a drop
# folder; instructors collect from that folder and from nowhere else: an instructor has no
# access to any learner's JupyterLab, home or files.
#
# The settings an IT colleague changes for a class are read from environment variables
# (WORKSHOP_...), so this same file runs unchanged in the project's hub test. First make the
# accounts, issue the passwords and make the drop folder (deploy/setup_class.py), then start
# the hub as root (it starts each learner's server as that learner):
#
#   WORKSHOP_LEARNERS='amina ben chloe' WORKSHOP_INSTRUCTORS='pat' \
#   /opt/interview-workshop/env/bin/jupyterhub -f deploy/jupyterhub_config.py
#
# Tested with jupyterhub 6.1.1, configurable-http-proxy 5.3.0, nbgitpuller 1.3.0
# (deploy/requirements-hub.txt). docs/jupyterhub.md explains every part.
import grp
import os
import pwd
import stat
import sys

c = get_config()  # noqa: F821  (provided by JupyterHub when it reads this file)


def setting(name, default=""):
    """A WORKSHOP_... environment variable, or the default."""
    return os.environ.get(name, "").strip() or default


def names(name):
    """A list of user names from a WORKSHOP_... variable (separated by spaces or commas)."""
    return setting(name).replace(",", " ").split()


# ---- 1. Who takes part ------------------------------------------------------------------
# Every name is a Unix account on this server with a home folder and a password of its own
# (deploy/setup_class.py makes them). There are no default names: the person deploying names
# the learners and the instructors, so nobody can log in under a name they did not choose.
LEARNERS = names("WORKSHOP_LEARNERS")
INSTRUCTORS = names("WORKSHOP_INSTRUCTORS")
if not LEARNERS:
    sys.exit("WORKSHOP_LEARNERS is empty: name the learners' accounts (docs/jupyterhub.md).")
if set(LEARNERS) & set(INSTRUCTORS):
    sys.exit("These names are both learners and instructors: "
             + ", ".join(sorted(set(LEARNERS) & set(INSTRUCTORS))) + ". Give each person one role.")
c.Authenticator.allowed_users = set(LEARNERS + INSTRUCTORS)
c.Authenticator.admin_users = set()   # nobody is a hub admin (an admin could open any server)
c.JupyterHub.load_groups = {
    "learners": {"users": LEARNERS},
    "instructors": {"users": INSTRUCTORS},
}

# ---- 2. Logging in: each person's own Unix password -------------------------------------
# JupyterHub's PAM authenticator checks the password of the person's own account on this
# server. The deployer issues it (deploy/setup_class.py prints one per new account); a learner
# changes it in a JupyterLab terminal with `passwd`. A wrong password, a name that is not on
# the lists above, or another person's name with one's own password: all refused. There is no
# sign-up page, so no account can be claimed by whoever comes first.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.service = "login"      # the system's own login rules (with its failure delay)
c.PAMAuthenticator.check_account = True   # a locked or expired account cannot log in
c.LocalAuthenticator.create_system_users = False

# ---- 3. Where the hub listens and keeps its state -----------------------------------------
# The address learners open (put your HTTPS front end in front of it), the hub's own API port,
# and the proxy's control port; all on 127.0.0.1 unless your IT set-up says otherwise.
HUB_URL = setting("WORKSHOP_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.bind_url = HUB_URL
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(setting("WORKSHOP_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:" + setting("WORKSHOP_PROXY_API_PORT", "8001")
c.ConfigurableHTTPProxy.command = [setting("WORKSHOP_PROXY", "configurable-http-proxy")]
STATE = setting("WORKSHOP_STATE_DIR", "/srv/jupyterhub")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(STATE, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(STATE, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(STATE, "jupyterhub-proxy.pid")
# Stopping the hub stops the proxy and every learner's server with it.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# ---- 4. Each learner's own JupyterLab, as their own Unix account ---------------------------
LESSONS_FOLDER = "interview-workshop"          # where the nbgitpuller link puts the lessons
WORK_FOLDER = "informational-interview-work"   # where a learner's work is saved
ENV_BIN = os.path.dirname(sys.executable)      # this environment (every account can read it)

c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(ENV_BIN, "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
# What code in anyone's own JupyterLab may do with the hub (its JUPYTERHUB_API_TOKEN): report
# activity and reach that one server. Instructors get nothing more.
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server"]

# ---- 5. Handing in: a drop folder, in the manner of nbgrader's exchange --------------------
# DROP_DIR (root, group INSTRUCTOR_GROUP, mode 0751): instructors can list it; learners can
# pass through it but not list it. In it, one folder per learner, made by the hub before each
# of their starts: DROP_DIR/NAME (owner NAME, group INSTRUCTOR_GROUP, mode 2750). The learner
# writes their hand-in there (deploy/hand_in.py); instructors can read it; other learners
# cannot open it. No learner may be in INSTRUCTOR_GROUP, and every instructor must be.
DROP_DIR = setting("WORKSHOP_DROP_DIR", "/srv/interview-workshop/hand-in")
INSTRUCTOR_GROUP = setting("WORKSHOP_INSTRUCTOR_GROUP", "workshop-instructors")


def home(spawner):
    """The learner's home folder, from their Unix account."""
    return pwd.getpwnam(spawner.user.name).pw_dir


c.Spawner.environment = {
    # The learner's work folder: in their own home, outside the lessons' folder.
    "INTERVIEW_WORKSPACE": lambda spawner: os.path.join(home(spawner), WORK_FOLDER),
    # Kernels import the lessons' helpers from the learner's own copy of the lessons, so the
    # helpers always match the notebooks an nbgitpuller link delivered.
    "PYTHONPATH": lambda spawner: os.path.join(home(spawner), LESSONS_FOLDER),
    "PATH": ENV_BIN + ":/usr/local/bin:/usr/bin:/bin",
    # The app view (/voila/render/...) leaves out cells tagged notebook-only and appendix only with
    # the lessons' own Jupyter settings (app/jupyter-config) on the config path.
    "JUPYTER_CONFIG_PATH": lambda spawner: os.path.join(home(spawner), LESSONS_FOLDER, "app", "jupyter-config"),
    # The drop folder (hand_in.py writes into DROP_DIR/<own name>; collect_shared_logs.py reads
    # it), and for instructors the folder collected logs go to, which the class summary reads.
    "WORKSHOP_DROP_DIR": DROP_DIR,
    "WORKSHOP_LEARNERS": lambda spawner: " ".join(LEARNERS) if spawner.user.name in INSTRUCTORS else "",
    "CLASS_LOGS_DIR": lambda spawner: (os.path.join(home(spawner), "class-logs")
                                       if spawner.user.name in INSTRUCTORS else ""),
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}


def private_folder(path, account, mode, gid=-1):
    """Make ``path`` a folder owned by ``account`` (and group ``gid``) with ``mode``, without
    following a link.

    Opened with O_NOFOLLOW and changed through the open folder, so a learner who swaps a
    folder for a link cannot make the hub change some other file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        raise RuntimeError(f"{path} must be a folder, not a link or a file ({exc.strerror}); "
                           f"move it aside and start the server again") from None
    try:
        info = os.fstat(fd)
        if info.st_uid not in (account.pw_uid, 0):
            raise RuntimeError(f"{path} belongs to uid {info.st_uid}, not to {account.pw_name}")
        os.fchown(fd, account.pw_uid, gid)
        os.fchmod(fd, mode)   # after fchown, which clears a setgid bit
    finally:
        os.close(fd)


def prepare(spawner):
    """Before EVERY start of a server (not only the first): the home and the work folder are
    private (0700), and a learner's hand-in folder exists with its exact owner, group and mode."""
    name = spawner.user.name
    account = pwd.getpwnam(name)
    if not os.path.isdir(account.pw_dir):
        raise RuntimeError(f"{name} has no home folder {account.pw_dir}: make the account with "
                           f"deploy/setup_class.py (or `useradd -m {name}`)")
    try:
        group = grp.getgrnam(INSTRUCTOR_GROUP)
    except KeyError:
        raise RuntimeError(f"the Unix group {INSTRUCTOR_GROUP} does not exist: run deploy/setup_class.py") from None
    in_group = group.gr_gid in os.getgrouplist(name, account.pw_gid)
    if name in LEARNERS and in_group:
        raise RuntimeError(f"learner {name} is in the instructors' group {INSTRUCTOR_GROUP} and could "
                           f"read every hand-in: `gpasswd -d {name} {INSTRUCTOR_GROUP}`")
    if name in INSTRUCTORS and not in_group:
        raise RuntimeError(f"instructor {name} is not in the group {INSTRUCTOR_GROUP}, so they could "
                           f"not collect: `usermod -aG {INSTRUCTOR_GROUP} {name}`")
    private_folder(account.pw_dir, account, 0o700)
    work = os.path.join(account.pw_dir, WORK_FOLDER)
    if not os.path.lexists(work):
        os.mkdir(work, 0o700)
        os.chown(work, account.pw_uid, account.pw_gid, follow_symlinks=False)
    private_folder(work, account, 0o700)
    if name in LEARNERS:
        os.makedirs(DROP_DIR, mode=0o751, exist_ok=True)
        info = os.lstat(DROP_DIR)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != 0:
            raise RuntimeError(f"{DROP_DIR} must be a folder owned by root")
        os.chown(DROP_DIR, 0, group.gr_gid)
        os.chmod(DROP_DIR, 0o751)
        box = os.path.join(DROP_DIR, name)
        if not os.path.lexists(box):
            os.mkdir(box, 0o700)
        private_folder(box, account, 0o2750, gid=group.gr_gid)   # setgid: hand-ins get the group


c.Spawner.pre_spawn_hook = prepare
