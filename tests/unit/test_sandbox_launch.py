"""The sandbox's launch specification (grader.sandbox.policy -> launcher, as JSON) and the launcher's report."""

from __future__ import annotations

import subprocess
import sys

from grader.sandbox import launcher, policy


def _setup(tmp_path, isolate: bool = False) -> policy.SandboxSetup:
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "answer.ipynb").write_text("{}")
    return policy.SandboxSetup(limits=policy.Limits(processes=64), isolate=isolate, hidden=("/course",),
                               submission=str(tmp_path / "submission"), exclude=("link.py",))


def _spec(tmp_path, isolate: bool = False) -> launcher.LaunchSpec:
    (tmp_path / "kernel.json").write_text("{}")
    return policy.launch_spec(_setup(tmp_path, isolate), work_root=str(tmp_path / "work"), submission=str(tmp_path / "submission"),
                              connection_file=str(tmp_path / "kernel.json"), shared=[str(tmp_path)])


def test_the_spec_crosses_to_the_launcher_as_json_unchanged(tmp_path):
    spec = _spec(tmp_path, isolate=True)
    assert launcher.LaunchSpec.from_json(spec.to_json()) == spec
    assert spec.uid_base == policy.UID_BASE and spec.limits.processes == 64
    assert spec.work_name == "submission" and spec.exclude == ("link.py",) and spec.hide == ("/course",)


def test_without_isolation_there_is_no_user_of_its_own_nor_a_process_limit(tmp_path):
    spec = _spec(tmp_path, isolate=False)
    assert spec.uid_base is None and spec.limits.processes is None
    assert spec.limits.memory_bytes == policy.Limits().memory_bytes


def test_a_kernel_that_cannot_start_is_reported_on_the_launchers_stderr(tmp_path):
    spec = _spec(tmp_path)
    missing = str(tmp_path / "no-such-python")
    command = [sys.executable, "-I", str(policy.LAUNCHER), spec.to_json(), "--", missing, "-f", spec.connection_file]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert run.returncode == launcher.COULD_NOT_START
    assert "sandbox: could not start the kernel: FileNotFoundError" in run.stderr, run.stderr
