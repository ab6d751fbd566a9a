"""Throughput of autograding: plain ``nbgrader autograde`` against the course CLI's parallel autograde.

    .venv/bin/python benchmarks/autograde_throughput.py [--assignment ps3_dense] [-k 100] [--rounds 3]
                                                        [--term-k 25] [--term-rounds 2] [--workers N]

First the usual case: one assignment's deadline has passed, K students hand in one notebook
each (``--assignment``, ``-k``). Then a second figure, the whole term at once: every
assignment, ``--term-k`` students each (0 leaves it out). Each case is graded in rounds;
each round grades two fresh copies of one course, one the way instructors run nbgrader
(``nbgrader autograde <assignment>`` per assignment, one process) and one with
``python -m grader autograde``, the two back to back, the side that goes first alternating
from round to round; every round checks that every student got the same points in every
graded cell. Printed per case: the median ratio of the two times and its range over the rounds.

Also measured for each run, with this process as the run's child subreaper (Linux), so that no
process of the run escapes the count (kernels killed by the sandbox, forked by a template):
- CPU: user + system seconds of every process of the run, per notebook; the fast side's
  ceiling on idle cores follows from it (cores / CPU per notebook), whatever else the machine
  runs meanwhile (plain nbgrader is bound by waiting for its kernel, not by CPU);
- memory: the peak, over the run, of the proportional set sizes (PSS: a page shared by n
  processes counts 1/n in each) summed over its processes, sampled every 0.5 s; the peak of
  the first half of the run and of the second are printed apart: they stay level as students go by;
- the machine's other load: busy CPU (/proc/stat) that was not the run's, in cores.
A benchmark, not a test: the defaults take ~15 minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import psutil

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from grader.autograde.startup import default_workers  # noqa: E402
from grader.course import simulate  # noqa: E402
from grader.course.course import CONFIG_FILE, Course  # noqa: E402
from grader.course.jupyter_env import use_project_dirs  # noqa: E402

PR_SET_CHILD_SUBREAPER = 36
SAMPLE_SECONDS = 0.5
MB = 1 << 20


@dataclass(frozen=True)
class Run:
    name: str
    notebooks: int
    seconds: float
    cpu_seconds: float  # user + system of every process of the run
    other_cores: float  # the machine's busy CPU that was not the run's, per second of the run
    peak_bytes: tuple[int, int]  # peak summed PSS in the first and the second half of the run

    @property
    def rate(self) -> float:
        return self.notebooks / self.seconds

    def line(self) -> str:
        first, second = (p / MB for p in self.peak_bytes)
        return (f"{self.name:>28}: {self.seconds:7.1f} s  {self.rate:5.2f} notebooks/s  {self.cpu_seconds / self.notebooks:5.2f} CPU s "
                f"per notebook  peak memory {first:5.0f} MB / {second:5.0f} MB (first / second half)  other load {self.other_cores:.2f} cores")


def simulated_class(size: int) -> list[simulate.Student]:
    """``size`` students cycling through the default class's profiles."""
    profiles = simulate.default_class()
    return [
        simulate.Student(f"student{i + 1:04d}", profiles[i % len(profiles)].answers, profiles[i % len(profiles)].blank)
        for i in range(size)
    ]


def build_course(root: Path, students: int, assignments: list[str] | None) -> list[str]:
    """A released course at ``root`` with ``students`` submissions per assignment; returns the assignments."""
    root.mkdir(parents=True)
    shutil.copy2(PROJECT / CONFIG_FILE, root / CONFIG_FILE)
    shutil.copytree(PROJECT / "source", root / "source")
    course = Course(root)
    assignments = assignments or course.assignments()
    for assignment in assignments:
        outcome = course.release(assignment)
        if not outcome.ok:
            raise SystemExit(f"release of {assignment} failed: {outcome.error}")
    simulate.write_submissions(root, simulated_class(students), assignments)
    return assignments


def busy_cpu() -> float:
    """CPU seconds the whole machine has been busy (Linux /proc/stat; steal, another VM's time, left out)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def proportional_set_size(pid: int) -> int:
    """A process's PSS in bytes (/proc/PID/smaps_rollup); 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class MemorySampler(threading.Thread):
    """Every SAMPLE_SECONDS: the summed PSS of this process's descendants (the run's, with the subreaper)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []
        self.done = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self.done.wait(SAMPLE_SECONDS):
            with contextlib.suppress(psutil.Error):
                self.samples.append((time.monotonic(), sum(proportional_set_size(p.pid) for p in me.children(recursive=True))))

    def halves(self, start: float, end: float) -> tuple[int, int]:
        middle = (start + end) / 2
        return (max([b for t, b in self.samples if t < middle] or [0]), max([b for t, b in self.samples if t >= middle] or [0]))


def reap_orphans() -> None:
    """Collect the run's processes that were re-parented here, so their CPU is counted in RUSAGE_CHILDREN."""
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def timed(name: str, notebooks: int, commands: list[list[str]], cwd: Path) -> tuple[Run, str]:
    """Run ``commands`` one after another; their time, CPU, memory and standard output."""
    sampler = MemorySampler()
    cpu, machine, start, printed = children_cpu(), busy_cpu(), time.monotonic(), []
    sampler.start()
    for command in commands:
        done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        printed.append(done.stdout)
    end = time.monotonic()
    sampler.done.set()
    sampler.join()
    reap_orphans()
    own = children_cpu() - cpu
    other = max(0.0, busy_cpu() - machine - own) / (end - start)
    return Run(name, notebooks, end - start, own, other, sampler.halves(start, end)), "".join(printed)


def grades(course: Course, assignments: list[str]) -> dict[tuple[str, str], dict[str, float]]:
    """(student, assignment) -> grade_id -> points, for every submission in the gradebook."""
    graded = course.scores()
    return {
        (student, assignment): course.cell_scores(assignment, student)
        for assignment in assignments
        for student in course.submitted_students(assignment)
        if (student, assignment) in graded
    }


def one_round(base: Path, scratch: Path, assignments: list[str], workers: int, plain_first: bool) -> tuple[Run, Run, list]:
    """Grade fresh copies of ``base`` both ways, back to back; (plain, fast, submissions whose grades differ)."""
    roots = {side: scratch / side for side in ("plain", "fast")}
    for root in roots.values():
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(base, root)
    notebooks = sum(len(Course(base).submitted_students(a)) for a in assignments)
    nbgrader = str(Path(sys.executable).with_name("nbgrader"))
    sides = {
        "plain": lambda: timed("plain nbgrader autograde", notebooks, [[nbgrader, "autograde", a] for a in assignments], roots["plain"]),
        "fast": lambda: timed("python -m grader autograde", notebooks,
                              [[sys.executable, "-m", "grader", "autograde", *assignments, "--workers", str(workers)]], roots["fast"]),
    }
    runs = {side: sides[side]()[0] for side in (("plain", "fast") if plain_first else ("fast", "plain"))}
    expected, got = grades(Course(roots["plain"]), assignments), grades(Course(roots["fast"]), assignments)
    differing = sorted(key for key in expected.keys() | got.keys() if expected.get(key) != got.get(key))
    if len(expected) != notebooks:
        differing.append(("plain nbgrader graded", f"{len(expected)} of {notebooks}"))
    return runs["plain"], runs["fast"], differing


def measure(title: str, base: Path, scratch: Path, assignments: list[str], rounds: int, workers: int) -> bool:
    """Print each round and the median ratio with its range; True when every round's grades are identical."""
    notebooks = sum(len(Course(base).submitted_students(a)) for a in assignments)
    print(f"\n== {title}: {notebooks} notebooks, {os.cpu_count()} cores, {workers} workers, {rounds} rounds", flush=True)
    ratios, identical = [], True
    for index in range(rounds):
        plain_first = index % 2 == 0
        plain, fast, differing = one_round(base, scratch, assignments, workers, plain_first)
        ratios.append(fast.rate / plain.rate)
        identical &= not differing
        print(f"round {index + 1} ({'plain' if plain_first else 'fast'} first): {ratios[-1]:.2f}x, grades "
              + (f"differ: {', '.join(f'{s}/{a}' for s, a in differing[:10])}" if differing else "identical per student and cell"))
        for run in (plain, fast):
            print("  " + run.line())
        # Load-free: what the fast side's own CPU allows on idle cores (plain nbgrader waits for its kernel instead).
        ceiling = os.cpu_count() / (fast.cpu_seconds / fast.notebooks)
        print(f"  {'ceiling':>26}: {ceiling:5.2f} notebooks/s: {os.cpu_count()} idle cores / the fast side's CPU per notebook", flush=True)
    print(f"{title}: median {statistics.median(ratios):.2f}x, range {min(ratios):.2f}x to {max(ratios):.2f}x over {rounds} rounds; "
          f"grades {'identical' if identical else 'DIFFER'}", flush=True)
    return identical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="ps3_dense", help="the one assignment of the usual case (default: ps3_dense)")
    parser.add_argument("-k", "--students", type=int, default=100, help="its submissions (default: 100)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the usual case (default: 3)")
    parser.add_argument("--term-k", type=int, default=25, help="submissions per assignment for the whole term (default: 25; 0: left out)")
    parser.add_argument("--term-rounds", type=int, default=2, help="rounds of the whole term (default: 2)")
    parser.add_argument("--workers", type=int, default=default_workers(), help="parallel grading processes (default: the CLI's)")
    parser.add_argument("--dir", default=str(PROJECT / ".artifacts" / "benchmark"), help="scratch folder (replaced)")
    args = parser.parse_args(argv)
    use_project_dirs(PROJECT)
    warnings.filterwarnings("ignore", module="nbgrader")
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit("this benchmark counts every process of a run as a child subreaper: Linux only")

    scratch = Path(args.dir)
    if scratch.exists():
        shutil.rmtree(scratch)
    identical = True
    one = build_course(scratch / "one", args.students, [args.assignment])
    identical &= measure(f"{args.assignment}, {args.students} students", scratch / "one", scratch / "runs", one, args.rounds, args.workers)
    if args.term_k:
        term = build_course(scratch / "term", args.term_k, None)
        identical &= measure(f"whole term, {args.term_k} students", scratch / "term", scratch / "runs", term, args.term_rounds, args.workers)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
