"""Jupyter server configuration for the Galata tests.

Everything runs as root on CI machines, hence allow_root.
"""
from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821
c.LabApp.expose_app_in_browser = True  # noqa: F821
