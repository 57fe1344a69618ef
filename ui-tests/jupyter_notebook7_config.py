"""Jupyter server configuration for the Notebook 7 browser test.

Notebook 7 on its own port, in a temporary root folder, without token or
XSRF checks (test only), exposing the app object to the test.
"""
from tempfile import mkdtemp

c.ServerApp.allow_root = True  # noqa: F821
c.ServerApp.port = 8899  # noqa: F821
c.ServerApp.port_retries = 0  # noqa: F821
c.ServerApp.open_browser = False  # noqa: F821
c.ServerApp.root_dir = mkdtemp(prefix="mldebt-notebook7-")  # noqa: F821
c.IdentityProvider.token = ""  # noqa: F821
c.ServerApp.password = ""  # noqa: F821
c.ServerApp.disable_check_xsrf = True  # noqa: F821
c.JupyterNotebookApp.expose_app_in_browser = True  # noqa: F821
