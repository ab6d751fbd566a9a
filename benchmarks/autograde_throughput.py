"""Throughput of autograding: plain ``nbgrader autograde`` against the course CLI's parallel autograde.

    .venv/bin/python benchmarks/autograde_throughput.py [--students K] [--workers N]

Builds one course with K simulated submissions per assignment (grader.course.simulate's
default class, repeated: solutions, blanks, typical mistakes, correct variants),
copies it twice, grades one copy the way instructors run nbgrader (one
``nbgrader autograde <assignment>`` per assignment, one process) and the other with
``python -m grader autograde``, checks that every student got the same points in
every graded cell, and prints notebooks per second for each and the ratio.
A benchmark, not a test: it takes a couple of minutes with the defaults.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from grader.autograde import parallel
from grader.course import simulate  # noqa: E402
from grader.course.course import CONFIG_FILE, Course  # noqa: E402
from grader.course.jupyter_env import use_project_dirs  # noqa: E402


@dataclass(frozen=True)
class Run:
    name: str
    notebooks: int
    seconds: float
    cpu_seconds: float  # the machine's busy CPU time during the run (see busy_cpu)

    @property
    def rate(self) -> float:
        return self.notebooks / self.seconds


def simulated_class(size: int) -> list[simulate.Student]:
    """``size`` students cycling through the default class's profiles."""
    profiles = simulate.default_class()
    return [
        simulate.Student(f"student{i + 1:04d}", profiles[i % len(profiles)].answers, profiles[i % len(profiles)].blank)
        for i in range(size)
    ]


def build_course(root: Path, students: int) -> list[str]:
    """A released course at ``root`` with ``students`` submissions per assignment; returns the assignments."""
    root.mkdir(parents=True)
    shutil.copy2(PROJECT / CONFIG_FILE, root / CONFIG_FILE)
    shutil.copytree(PROJECT / "source", root / "source")
    course = Course(root)
    assignments = course.assignments()
    for assignment in assignments:
        outcome = course.release(assignment)
        if not outcome.ok:
            raise SystemExit(f"release of {assignment} failed: {outcome.error}")
    simulate.write_submissions(root, simulated_class(students), assignments)
    return assignments


def busy_cpu() -> float:
    """CPU seconds the whole machine has been busy (Linux /proc/stat), else this process's children's.

    Children's rusage misses processes that no process of the run waits for (kernels forked by a
    template, kernels killed in a sandbox's PID namespace): it counted ~40% less than the machine
    was busy during a parallel run. The machine's figure includes whatever else runs on it:
    measure on a quiet machine. Steal time (a virtual machine's CPU given to another) is not
    counted; it does slow the run down, so compare runs made close together.
    """
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]  # not steal: time another VM had
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def timed(name: str, notebooks: int, commands: list[list[str]], cwd: Path) -> tuple[Run, str]:
    """Run ``commands`` one after another; their time, CPU time and standard output."""
    cpu, start, printed = busy_cpu(), time.perf_counter(), []
    for command in commands:
        done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        printed.append(done.stdout)
    return Run(name, notebooks, time.perf_counter() - start, busy_cpu() - cpu), "".join(printed)


def grades(course: Course, assignments: list[str]) -> dict[tuple[str, str], dict[str, float]]:
    """(student, assignment) -> grade_id -> points, for every submission in the gradebook."""
    graded = course.scores()
    return {
        (student, assignment): course.cell_scores(assignment, student)
        for assignment in assignments
        for student in course.submitted_students(assignment)
        if (student, assignment) in graded
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=15, help="submissions per assignment (default: 15)")
    parser.add_argument("--workers", type=int, default=parallel.default_workers(), help="parallel grading processes (default: two per core, as the CLI)")
    parser.add_argument("--dir", default=str(PROJECT / ".artifacts" / "benchmark"), help="scratch folder (replaced)")
    args = parser.parse_args(argv)
    use_project_dirs(PROJECT)
    warnings.filterwarnings("ignore", module="nbgrader")

    scratch = Path(args.dir)
    if scratch.exists():
        shutil.rmtree(scratch)
    plain_root, parallel_root = scratch / "plain", scratch / "parallel"
    assignments = build_course(plain_root, args.students)
    shutil.copytree(plain_root, parallel_root)
    notebooks = len(assignments) * args.students
    print(f"{args.students} submissions x {len(assignments)} assignments = {notebooks} notebooks, "
          f"{os.cpu_count()} cores, {args.workers} workers")

    nbgrader = str(Path(sys.executable).with_name("nbgrader"))
    plain, _ = timed("plain nbgrader autograde", notebooks, [[nbgrader, "autograde", a] for a in assignments], plain_root)
    fast, summary = timed("python -m grader autograde", notebooks,
                          [[sys.executable, "-m", "grader", "autograde", "--workers", str(args.workers)]], parallel_root)
    print("course CLI said:", " / ".join(summary.split("\n")[:3]).strip(" /"))

    expected, got = grades(Course(plain_root), assignments), grades(Course(parallel_root), assignments)
    differing = sorted(key for key in expected.keys() | got.keys() if expected.get(key) != got.get(key))
    for run in (plain, fast):
        print(f"{run.name:>28}: {run.seconds:7.1f} s  {run.rate:5.2f} notebooks/s  {run.cpu_seconds / run.notebooks:5.2f} CPU s per notebook")
    print(f"{'speed-up':>28}: {fast.rate / plain.rate:.2f}x")
    print(f"grades: {len(expected)} submissions graded by nbgrader, {len(got)} by the course CLI, "
          f"{len(differing)} differ{': ' + ', '.join(f'{s}/{a}' for s, a in differing[:10]) if differing else ' (identical per student and cell)'}")
    return 1 if differing or len(expected) != notebooks else 0


if __name__ == "__main__":
    sys.exit(main())
