"""jupyterlab-mldebt: the prebuilt JupyterLab extension that shows ML technical debt."""

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    import warnings

    warnings.warn("Importing 'jupyterlab_mldebt' outside a proper installation.")
    __version__ = "dev"


def _jupyter_labextension_paths():
    """Tell JupyterLab where the prebuilt extension lives."""
    return [{"src": "labextension", "dest": "jupyterlab-mldebt"}]
