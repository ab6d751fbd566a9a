"""Keep Jupyter's and IPython's config, data and runtime dirs inside the project, never in $HOME."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DIRS = {
    "JUPYTER_CONFIG_DIR": "config",
    "JUPYTER_DATA_DIR": "data",
    "JUPYTER_RUNTIME_DIR": "runtime",
    "IPYTHONDIR": "ipython",
}


def use_project_dirs(project_root: Path) -> dict[str, str]:
    """Point the Jupyter and IPython dirs at ``<project>/.jupyter/*`` unless already set; create them.

    Also puts this interpreter's bin dir first on PATH, for the tools nbgrader runs by name.
    """
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    # nbgrader runs `alembic` and kernels by name: the interpreter's own bin dir comes first.
    bin_dir = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != bin_dir:
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    for variable, name in DIRS.items():
        path = Path(os.environ.setdefault(variable, str(project_root / ".jupyter" / name)))
        path.mkdir(parents=True, exist_ok=True)
    return {variable: os.environ[variable] for variable in DIRS}
