# JupyterHub configuration for the Informational Interview Workshop.
#
# One server, one class: each learner logs in, gets their own JupyterLab running as their own
# Unix account, and pulls the lessons into their home with an nbgitpuller link. Their work is
# saved in ~/informational-interview-work, which only they can read, and which updating the
# lessons never touches. An instructor account can collect the learners' anonymised logs.
#
# The settings an IT colleague changes for a class are read from environment variables
# (WORKSHOP_...), so this same file runs unchanged in the project's hub test. Start the hub
# as root (it starts each learner's server as that learner):
#
#   WORKSHOP_PASSWORD='a-long-class-password' \
#   WORKSHOP_LEARNERS='amina ben chloe' WORKSHOP_INSTRUCTORS='pat' \
#   /opt/interview-workshop/env/bin/jupyterhub -f deploy/jupyterhub_config.py
#
# Tested with jupyterhub 6.1.1, configurable-http-proxy 5.3.0, nbgitpuller 1.3.0
# (deploy/requirements-hub.txt). docs/jupyterhub.md explains every part.
import os
import pwd
import sys

c = get_config()  # noqa: F821  (provided by JupyterHub when it reads this file)


def setting(name, default=""):
    """A WORKSHOP_... environment variable, or the default."""
    return os.environ.get(name, "").strip() or default


def names(name, default=""):
    """A list of user names from a WORKSHOP_... variable (separated by spaces or commas)."""
    return setting(name, default).replace(",", " ").split()


# ---- 1. Who takes part ------------------------------------------------------------------
# Every name must be a Unix account on this server with a home folder (useradd -m NAME).
LEARNERS = names("WORKSHOP_LEARNERS", "learner01 learner02 learner03")
INSTRUCTORS = names("WORKSHOP_INSTRUCTORS", "instructor")
c.Authenticator.allowed_users = set(LEARNERS + INSTRUCTORS)
c.JupyterHub.load_groups = {
    "learners": {"users": LEARNERS},
    "instructors": {"users": INSTRUCTORS},
}

# ---- 2. Logging in ------------------------------------------------------------------------
# One class password (8 characters or more) for everyone on the list above. Anyone who knows
# it can log in under any name on the list, so use it for a session with practice data. For a
# class that keeps real contacts in their logs, give each person their own login instead:
# replace these two lines with  c.JupyterHub.authenticator_class = "pam"  (their own Unix
# password) or your organisation's single sign-on (docs/jupyterhub.md, "Logging in").
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = setting("WORKSHOP_PASSWORD")

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
    # Where the instructor's collecting code reaches the learners' servers, and the folder it
    # collects into, which the class-summary notebook reads (learners: unset).
    "WORKSHOP_HUB_URL": HUB_URL,
    "WORKSHOP_WORK_FOLDER": WORK_FOLDER,
    "CLASS_LOGS_DIR": lambda spawner: (os.path.join(home(spawner), "class-logs")
                                       if spawner.user.name in INSTRUCTORS else ""),
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}


def prepare_home(spawner):
    """Before a server starts: make the home private (0700) and create the work folder."""
    account = pwd.getpwnam(spawner.user.name)
    if not os.path.isdir(account.pw_dir):
        raise RuntimeError(f"{spawner.user.name} has no home folder {account.pw_dir}: create the "
                           f"account with `useradd -m {spawner.user.name}`")
    os.chmod(account.pw_dir, 0o700)
    work = os.path.join(account.pw_dir, WORK_FOLDER)
    if not os.path.lexists(work):  # never follow a link a learner may have put there
        os.mkdir(work, 0o700)
        os.chown(work, account.pw_uid, account.pw_gid, follow_symlinks=False)


c.Spawner.pre_spawn_hook = prepare_home

# ---- 5. The instructor role: open the learners' servers to collect their shared logs -------
# One access scope per learner: a learner's own server checks the scope without the hub's
# database, so "access:servers!group=learners" would be refused there (a JupyterHub limit).
INSTRUCTOR_SCOPES = [
    "read:groups!group=learners",      # who is in the class
    "read:servers!group=learners",     # whether each learner's server is running
] + [f"access:servers!user={name}" for name in LEARNERS]   # read their shared log from it
c.JupyterHub.load_roles = [
    {"name": "instructor", "description": "Collect the learners' shared logs",
     "scopes": INSTRUCTOR_SCOPES, "groups": ["instructors"]},
]


def server_token_scopes(spawner):
    """What code in a user's own JupyterLab may do with the hub (JUPYTERHUB_API_TOKEN).

    Everyone: the default (report activity, reach their own server). Instructors also get the
    instructor role's scopes, so the class-summary notebook can collect logs without a token.
    """
    scopes = ["users:activity!user", "access:servers!server"]
    if spawner.user.name in INSTRUCTORS:
        scopes += INSTRUCTOR_SCOPES
    return scopes


c.Spawner.server_token_scopes = server_token_scopes
