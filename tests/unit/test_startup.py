"""What an autograde run settles first (grader.autograde.startup), and how it starts its grading
processes without losing a Ctrl-C (grader.autograde.interruption.held_stop_signals)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from types import SimpleNamespace

import pytest
from nbconvert.preprocessors import ClearOutputPreprocessor
from traitlets.config import Config

from grader.autograde.grading_process import ready_kernel_template
from grader.autograde.interruption import die_with_parent, held_stop_signals
from grader.autograde.kernel_forks import TEMPLATES
from grader.autograde.startup import default_workers, grades_locally


@pytest.mark.parametrize("argv, local", [
    (["autograde"], True),
    (["autograde", "ps3_dense", "--workers", "2"], True),
    (["autograde", "ps3_dense", "--scheduler", "tcp://127.0.0.1:8786"], False),
    (["autograde", "--scheduler=tcp://127.0.0.1:8786"], False),
    (["autograde", "--help"], False),
    (["feedback", "ps3_dense"], False),
    ([], False),
])
def test_the_kernel_template_starts_early_for_a_local_autograde_only(argv, local):
    assert grades_locally(argv) is local


def test_default_workers_one_per_core_and_one_more_within_memory():
    assert 1 <= default_workers() <= (os.cpu_count() or 1) + 1


def test_a_ctrl_c_during_a_held_fork_arrives_once_it_is_done():
    reached_the_end = False
    with pytest.raises(KeyboardInterrupt):
        with held_stop_signals():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            reached_the_end = True  # not cut short: the signal waits
    assert reached_the_end


def test_a_process_forked_while_signals_are_held_still_obeys_sigterm():
    parent = os.getpid()
    process = multiprocessing.get_context("fork").Process(target=lambda: (die_with_parent(parent), time.sleep(60)))
    with held_stop_signals():
        process.start()
    time.sleep(0.5)  # it has let them go (die_with_parent)
    process.terminate()
    process.join(timeout=10)
    assert process.exitcode == 128 + signal.SIGTERM  # its own handler ran: not held, not the default action


def test_a_template_started_early_goes_when_the_course_runs_kernels_it_cannot_serve():
    TEMPLATES.start_shared(("-I",), {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    template = TEMPLATES.for_launch(("-I",), {}, through_script=False)
    config = Config()
    config.Autograde.autograde_preprocessors = [ClearOutputPreprocessor]  # no Execute step that forks kernels
    ready_kernel_template(SimpleNamespace(config=config))
    assert not template.alive()
    TEMPLATES.close()
