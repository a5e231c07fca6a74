# The hub test's configuration: deploy/jupyterhub_config.py as it is, plus two things a real
# class does not need. The test sets the WORKSHOP_... variables (free ports on 127.0.0.1, a
# temporary state folder, its throwaway users, their group and drop folder) before starting the hub.
import os

load_subconfig(os.environ["WORKSHOP_REFERENCE_CONFIG"])  # noqa: F821  (JupyterHub provides it)
c = get_config()  # noqa: F821

# 1. The test driver is a service with the admin role: it starts servers and makes tokens.
c.JupyterHub.services = [{"name": "hub-test-driver", "api_token": os.environ["HUB_TEST_ADMIN_TOKEN"]}]
# (Only the driver: no person gets a role beyond JupyterHub's default "user" role.)
reference_roles = list(c.JupyterHub.load_roles) if "load_roles" in c.JupyterHub else []
c.JupyterHub.load_roles = reference_roles + [{"name": "admin", "services": ["hub-test-driver"]}]

# 2. The lessons come from a folder on this machine owned by root, not from a URL: git refuses
#    to read another account's repository unless a git config names it as safe.
c.Spawner.environment = dict(c.Spawner.environment, GIT_CONFIG_GLOBAL=os.environ["HUB_TEST_GIT_CONFIG"])
