"""`python -m jupyterlab_mldebt ...` is the `mldebt` command."""

from .cli import run

run()
