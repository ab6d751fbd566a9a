"""How a student's kernel is sandboxed: the policy, and the command that starts it.

The kernel runs the student's code, so it is treated as hostile. It starts through
``grader/sandbox/launcher.py`` (see there for the steps) with:

- resource limits (address space, file size, processes, CPU seconds, open files);
- a clean environment and ``python -I`` (no PYTHONPATH, no user site), a start-up
  that drops the editable install's import hook of the ``grader`` package and puts the
  working directory back on ``sys.path`` (the student's own modules import, as in
  JupyterLab), and home, IPython and Jupyter dirs inside the sandbox;
- a working directory that is a private copy of the submission folder (without
  what the student handed in as symbolic links);
- when *isolated* (root on Linux, with namespaces): its own user id, mount, PID,
  IPC and network namespaces, in which the course root, the grading code, the
  gradebook, the grader's home and Jupyter runtime dir are empty, /tmp and the other
  world-writable dirs are small private tmpfs, the Python installation is read-only,
  and there is no network (the kernel's channels are Unix sockets). Every process
  the kernel spawns dies with it.

Without isolation (not root, or namespaces refused) only the first three hold, and
the kernel can read what the grading user can read: ``isolation_problem`` says why,
and the ``required`` mode refuses to grade then.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from grader.errors import CourseError
from grader.sandbox import launcher as sandbox_launcher
from grader.sandbox.launcher import KernelLimits, LaunchSpec

LAUNCHER = Path(sandbox_launcher.__file__)
PACKAGE_DIR = Path(__file__).resolve().parents[1]
# Each kernel gets its own user id, UID_BASE + the launcher's PID: limits on processes
# count per user, and no kernel can touch another one's files or processes.
UID_BASE = 1_900_000_000
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")
# No import route to the grading code: an editable install's finder (a class in sys.meta_path),
# path hook and path entry go.
NO_EDITABLE_IMPORTS = (
    "import sys; "
    "sys.meta_path[:] = [f for f in sys.meta_path if not getattr(f, '__module__', '').startswith('__editable__')]; "
    "sys.path_hooks[:] = [h for h in sys.path_hooks if not getattr(h, '__module__', '').startswith('__editable__')]; "
    "sys.path[:] = [p for p in sys.path if not p.startswith('__editable__')]; "
    "sys.path_importer_cache.clear(); "
)
# What the student handed in beside the notebook (helpers.py, a package) imports as in JupyterLab:
# `-I` keeps the working folder off sys.path, so it goes back where IPython puts it, after the
# standard library and before site-packages. The working folder is the kernel's private copy.
STUDENT_FOLDER_IMPORTS = (
    "import os; "
    "sys.path.insert(next((i for i, p in enumerate(sys.path) "
    "if os.path.basename(p) in ('site-packages', 'dist-packages')), len(sys.path)), ''); "
)
KERNEL_BOOTSTRAP = NO_EDITABLE_IMPORTS + STUDENT_FOLDER_IMPORTS + "from ipykernel import kernelapp; kernelapp.launch_new_instance()"
KERNEL_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "USER": "student",
    "LOGNAME": "student",
    "JUPYTER_PLATFORM_DIRS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "MPLBACKEND": "Agg",
    # One BLAS thread: parallel grading stays fair, and the address space stays small.
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
PASSED_ENV = ("NBGRADER_EXECUTION",)
LAUNCHER_FLAGS = ("-I",)  # the launcher (and so the kernel) ignores PYTHON* variables and the user's site


class SandboxError(CourseError):
    """The kernel cannot be sandboxed as configured."""


@dataclass(frozen=True)
class Limits:
    """Per-kernel resource limits (None: no limit)."""

    memory_bytes: int | None = 3 << 30
    file_bytes: int | None = 64 << 20
    processes: int | None = 64
    cpu_seconds: int | None = 600
    open_files: int | None = 1024
    scratch_bytes: int = 256 << 20


@functools.cache
def isolation_problem() -> str | None:
    """Why this machine cannot isolate kernels (None when it can): tried once, in a child process."""
    if not sys.platform.startswith("linux"):
        return f"kernel isolation needs Linux namespaces; this is {sys.platform}"
    if os.geteuid() != 0:
        return "kernel isolation needs root (to switch user and build a private file system view); grading as an ordinary user"
    pid = os.fork()
    if pid == 0:  # the C library is loaded already (by the launcher module): the child makes one call
        os._exit(0 if sandbox_launcher.libc.unshare(sandbox_launcher.NAMESPACES) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return "this machine refuses new mount/PID/network namespaces (unshare failed), e.g. a container without CAP_SYS_ADMIN"
    return None


def sandboxed_kernel_argv(argv: list[str]) -> list[str]:
    """``python -m ipykernel_launcher -f CF ...`` -> ``python -I -c BOOTSTRAP -f CF ...``."""
    try:
        start = argv.index("-m")
    except ValueError:
        start = -1
    if start < 1 or argv[start + 1] != "ipykernel_launcher" or "-f" not in argv:
        raise SandboxError(f"the sandbox runs the Python ipykernel only, not {' '.join(argv[:3])}")
    return [argv[0], "-I", "-c", KERNEL_BOOTSTRAP] + argv[start + 2:]


def kept_paths() -> list[str]:
    """The Python installation the kernel runs from (read-only inside the sandbox)."""
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    return sorted({os.path.realpath(p) for p in prefixes})


@functools.cache
def installed_package_dir() -> str | None:
    """Where a kernel's interpreter finds the ``grader`` package (an editable install may point
    at another checkout than the one grading): asked of a fresh ``python -I``, as the kernel runs."""
    found = subprocess.run(
        [sys.executable, "-I", "-c", "import importlib.util as u; s = u.find_spec('grader'); print(s.origin if s else '')"],
        capture_output=True, text=True, cwd="/", env={"PATH": KERNEL_ENV["PATH"]},
    ).stdout.strip()
    return os.path.dirname(found) if found else None


def hidden_paths(course_root: str, extra: list[str]) -> list[str]:
    """What the kernel must not see: the course, the grading code (wherever a kernel could
    import it from), the grader's home and Jupyter runtime dir."""
    from jupyter_core.paths import jupyter_runtime_dir

    packages = {str(PACKAGE_DIR), installed_package_dir() or str(PACKAGE_DIR)}
    paths = [course_root, *packages, jupyter_runtime_dir(), str(Path.home()), *extra]
    # A source checkout of the grading code holds its notes, tests and notebooks too.
    paths += [str(Path(p).parent) for p in packages if (Path(p).parent / "pyproject.toml").is_file()]
    return sorted({os.path.realpath(p) for p in paths} - {"/"})


def handed_in_links(submitted: str) -> list[str]:
    """Relative paths of the symbolic links in a submitted folder.

    nbgrader copies a submission into autograded/ by following links, as the grading
    user: a link to the reference would arrive as its content. The kernel gets none of them.
    """
    links = []
    for folder, dirs, files in os.walk(submitted):
        links += [os.path.relpath(os.path.join(folder, name), submitted) for name in dirs + files
                  if os.path.islink(os.path.join(folder, name))]
    return sorted(links)


ISOLATED_WORK_ROOT = "/tmp/jacobians-sandbox"  # inside an isolated kernel's private /tmp


@dataclass(frozen=True)
class SandboxSetup:
    """How the kernels of one notebook run: the Execute step's choices, read by the kernel manager.

    ``hidden``: paths the kernel must not see (``hidden_paths``); ``submission``: the folder
    the kernel gets a copy of; ``exclude``: paths relative to it left out (``handed_in_links``);
    ``max_message_bytes``: the largest kernel message the grader accepts.
    """

    limits: Limits
    isolate: bool
    hidden: tuple[str, ...]
    submission: str
    exclude: tuple[str, ...] = ()
    max_message_bytes: int = 64 << 20


def launch_spec(setup: SandboxSetup, *, work_root: str, submission: str, connection_file: str,
                shared: list[str]) -> LaunchSpec:
    """What the launcher needs to start one kernel of ``setup``.

    ``work_root``: where the kernel's home and working copy go (ISOLATED_WORK_ROOT, in its
    private /tmp, when isolated); ``submission``: the folder copied for it; ``shared``: dirs
    the kernel writes and the grader reads (its sockets).
    """
    limits = setup.limits
    return LaunchSpec(
        connection_file=connection_file,
        submission=os.path.realpath(submission),
        work_root=work_root,
        work_name=os.path.basename(os.path.realpath(submission)) or "work",
        env=kernel_env(),
        limits=KernelLimits(
            memory_bytes=limits.memory_bytes,
            file_bytes=limits.file_bytes,
            # Without a user of its own, a process limit would count the grader's processes too.
            processes=limits.processes if setup.isolate else None,
            cpu_seconds=limits.cpu_seconds,
            open_files=limits.open_files,
        ),
        isolate=setup.isolate,
        uid_base=UID_BASE if setup.isolate else None,
        scratch=SCRATCH_DIRS,
        scratch_bytes=limits.scratch_bytes,
        hide=tuple(setup.hidden),
        keep=tuple(kept_paths()),
        shared=tuple(os.path.realpath(p) for p in shared),
        exclude=tuple(setup.exclude),
    )


def kernel_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a sandboxed kernel of a grader whose environment is ``environ`` (default:
    this process's) runs with, but for the kernel's own dirs (set by the launcher)."""
    environ = os.environ if environ is None else environ
    return KERNEL_ENV | {name: environ[name] for name in PASSED_ENV if name in environ}


def launch_command(kernel_argv: list[str], spec: LaunchSpec) -> list[str]:
    """The command that starts the kernel of ``kernel_argv`` inside the sandbox described by ``spec``."""
    return [sys.executable, *LAUNCHER_FLAGS, str(LAUNCHER), spec.to_json(), "--", *sandboxed_kernel_argv(kernel_argv)]
