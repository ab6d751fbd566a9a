"""What an autograde run settles before nbgrader is imported (~1 s of the CLI's start, on one core).

``default_workers``: how many local grading processes, for the command's ``--help`` too.
``start_kernel_template``: the shared kernel template (grader.autograde.kernel_forks) of the
sandbox's kernels, started before the CLI's own imports, so that the template's imports run on
the other core meanwhile and the first kernels fork from a ready template. When the course turns
out to configure other kernels, grader.autograde.grading_process replaces or closes it.
"""

from __future__ import annotations

import os
import sys

import psutil

from grader.autograde.kernel_forks import TEMPLATES
from grader.sandbox.kernel_manager import SandboxedKernelManager

WORKER_BYTES = 256 << 20  # a grading process and its kernel at their peak, with room to spare


def default_workers() -> int:
    """One per core and one more: a grading process computes (itself or its kernel) ~90% of its time,
    the one more fills the gaps (README "Grading a whole class fast"); at most one per WORKER_BYTES
    of the memory available now."""
    return max(1, min((os.cpu_count() or 1) + 1, psutil.virtual_memory().available // WORKER_BYTES))


def grades_locally(argv: list[str]) -> bool:
    """Whether the command line ``argv`` (without the program) runs an autograde in local processes."""
    return (bool(argv) and argv[0] == "autograde"
            and not any(arg in ("-h", "--help") or arg.startswith("--scheduler") for arg in argv))


def names_in_utf8() -> bool:
    """Whether this interpreter reads and writes file names as UTF-8 (else grader.cli runs itself
    again in Python's UTF-8 mode before any command)."""
    return bool(sys.flags.utf8_mode) or sys.getfilesystemencoding().lower().replace("-", "") == "utf8"


def start_template_for(manager: type) -> None:
    """Start the shared kernel template for an autograde's launches by kernel manager ``manager``
    (one with ``template_launch``), unless one runs already for them."""
    # nbgrader's autograde runs its kernels with NBGRADER_EXECUTION set (converters/autograde.py).
    TEMPLATES.start_shared(*manager.template_launch(dict(os.environ, NBGRADER_EXECUTION="autograde")))


def start_kernel_template(argv: list[str]) -> None:
    """For an ``autograde`` command line ``argv`` graded here: start the sandbox's kernel template now."""
    if grades_locally(argv) and names_in_utf8():  # (else the CLI first runs itself again in UTF-8 mode)
        start_template_for(SandboxedKernelManager)
