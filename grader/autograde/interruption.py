"""An autograde run that is stopped leaves nothing running and nothing half graded.

The run's processes: the CLI (the parent), its local grading processes, each grading
process's kernel templates, and the kernels forked from those. When the parent stops:

- Ctrl-C (SIGINT) or SIGTERM (what ``timeout``, a batch scheduler or systemd send): the
  parent stops handing out students, sends SIGTERM to each grading process, and raises
  ``Interrupted`` with how many submissions were graded;
- SIGKILL, or any other death of the parent: the kernel sends each grading process SIGTERM
  itself (Linux's ``PR_SET_PDEATHSIG``, set in ``die_with_parent``).

A grading process that gets SIGTERM removes the autograded folder of the submission it was
grading (nbgrader's skipping rule would otherwise take a half-written folder for a graded
one) and the folder of its temporary files (its kernels' sockets and connection files), and
exits at once. Its templates see their request pipe close and kill every kernel
they forked, each in a session of its own (a sandboxed kernel also dies with its launcher).
Running the same command again grades what is left: skipping is nbgrader's rule.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import threading
from typing import Iterator

PR_SET_PDEATHSIG = 1  # linux/prctl.h
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(Exception):
    """The run was stopped after ``graded`` of ``total`` submissions were graded."""

    def __init__(self, graded: int, total: int):
        super().__init__(f"interrupted after {graded} of {total} submissions")
        self.graded, self.total = graded, total


# -- in the parent ----------------------------------------------------------------------


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[list[int]]:
    """Within: SIGTERM stops the run as Ctrl-C does (a ``KeyboardInterrupt``). Yields a list that
    holds the signal that stopped it, if one did (its exit status is then 128 + its number, the
    shell's convention: 130 for Ctrl-C, 143 for SIGTERM). Outside the main thread signals stay as they are."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return

    def interrupt(signum, _frame):
        caught.append(signum)
        raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, interrupt) for signum in STOP_SIGNALS}
    try:
        yield caught
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def held_stop_signals() -> Iterator[None]:
    """Within: Ctrl-C and SIGTERM are noted, and delivered again as it ends. Around a fork: Python
    runs at-fork handlers there, and a ``KeyboardInterrupt`` raised inside one is printed and
    dropped (the run would go on). Outside the main thread signals stay as they are."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, _frame: noted.append(signum)) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(noted):
            signal.raise_signal(signum)


# -- in a grading process ---------------------------------------------------------------

_grading_folder: list[str | None] = [None]  # the autograded folder being written, in this process
_scratch: list[str | None] = [None]  # this process's temporary files' folder


def die_with_parent(parent: int, scratch: str | None = None) -> None:
    """In a grading process just forked from ``parent``: SIGTERM when the parent dies, however it dies;
    then ``scratch`` (the folder of its temporary files: kernels' sockets and connection files) is removed.

    Ctrl-C at a terminal reaches the whole process group: the parent decides what happens,
    so this process ignores SIGINT. On a kernel without ``prctl`` (not Linux) the parent's
    own SIGTERM on Ctrl-C and SIGTERM still apply; only its SIGKILL would leave this process.
    """
    _scratch[0] = scratch
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_grading)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except AttributeError:
        pass
    if os.getppid() != parent:  # the parent died before the request above took effect
        _stop_grading(signal.SIGTERM, None)


def _stop_grading(signum, _frame) -> None:
    """Leave no half-graded submission and no temporary file behind, and exit now (the templates then
    kill their kernels)."""
    for folder in (_grading_folder[0], _scratch[0]):
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    os._exit(128 + signum)


@contextlib.contextmanager
def grading_into(folder: str) -> Iterator[None]:
    """Within: ``folder`` (a submission's autograded folder) is removed if this process is stopped."""
    _grading_folder[0] = folder
    try:
        yield
    finally:
        _grading_folder[0] = None
