"""Grade one exercise from what the student's function returned on each case.

Pure: (exercise, cases, results, seed) -> ExerciseGrade. Used by the autograde
preprocessor ``ScoreProbes`` (grading process) and by ``grade_hidden`` (an
instructor running a source notebook), so both give the same grade and message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader import checks
from grader.checks import Raised, Verdict
from grader.exercises import PAIR, Case, Exercise
from grader.wire import CaseResult

NO_ANSWER = Raised("the grader received no answer: the kernel died or the cell was stopped before your function returned")


@dataclass(frozen=True)
class Finding:
    """The verdict on one part of an exercise (the whole answer, or dw/du, or dw/dv)."""

    part: str  # "" for single answers, "dw/du" / "dw/dv" for pairs
    verdict: Verdict
    case: Case | None = None  # the first case that failed, None when the part passed


@dataclass(frozen=True)
class ExerciseGrade:
    exercise: Exercise
    seed: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def max_score(self) -> float:
        return float(self.exercise.points)

    @property
    def score(self) -> float:
        share = self.max_score / len(self.findings)
        return sum(share for f in self.findings if f.verdict.passed)

    @property
    def passed(self) -> bool:
        return all(f.verdict.passed for f in self.findings)

    def report(self) -> str:
        """The feedback text a student reads under the hidden test cell."""
        lines = [f"{self.exercise.name}: {self.score:g} / {self.max_score:g} points"]
        for finding in self.findings:
            part = f" {finding.part}:" if finding.part else ""
            if finding.verdict.passed:
                lines.append(f"  \u2713{part} correct on every hidden case.")
                continue
            lines.append(f"  \u2717{part} {finding.verdict.message}")
            if finding.case is not None:
                lines.append(f"    {checks.describe_case(finding.case, self.exercise)}; inputs drawn with seed {self.seed}.")
        return "\n".join(lines)


def _first_failure(exercise: Exercise, cases, answers, verdict_of) -> tuple[Verdict, Case | None]:
    for case, answer in zip(cases, answers):
        verdict = verdict_of(case, answer)
        if not verdict.passed:
            return verdict, case
    return checks.PASS, None


def grade_answers(exercise: Exercise, cases: list[Case], results: list[CaseResult], seed: int) -> ExerciseGrade:
    """Compare each case's answer with the reference; the first failing case decides each part."""
    answers = [r.answer for r in results]
    # A probe that stopped early (kernel died, timeout) leaves the remaining cases unanswered.
    answers += [answers[-1] if answers and isinstance(answers[-1], Raised) else NO_ANSWER] * (len(cases) - len(answers))

    def alternative(case):
        return exercise.also_accepted(*case.args) if exercise.also_accepted else None

    if exercise.output == PAIR:
        parts = []
        for index, part in enumerate(checks.PAIR_LABELS):
            def verdict_of(case, answer, index=index):
                alternatives = alternative(case)
                return checks.check_pair(answer, exercise.expected(case), alternatives)[index]
            verdict, case = _first_failure(exercise, cases, answers, verdict_of)
            parts.append(Finding(part, verdict, case))
        return ExerciseGrade(exercise, seed, parts)

    def verdict_of(case, answer):
        return checks.check_array(answer, exercise.expected(case), exercise.output, alternative(case))

    verdict, case = _first_failure(exercise, cases, answers, verdict_of)
    return ExerciseGrade(exercise, seed, [Finding("", verdict, case)])
