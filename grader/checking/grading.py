"""Grade one exercise from what the student's function returned on each case.

Pure: (exercise, cases, results, seed) -> ExerciseGrade. Used by the autograde
preprocessor ``ScoreProbes`` (grading process) and by ``grade_hidden`` (an
instructor running a source notebook), so both give the same grade and message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.checking import checks, render
from grader.checking.checks import Verdict
from grader.checking.diagnosis import rank
from grader.contract.exercises import Case, Exercise
from grader.probe.answers import NO_ANSWER as NO_ANSWER_REASON, Raised
from grader.probe.wire import CaseResult

NO_ANSWER = Raised(reason=NO_ANSWER_REASON)


@dataclass(frozen=True)
class Finding:
    """The verdict on one part of an exercise (the whole answer, or one element of a pair or triple)."""

    part: str  # "" for single answers, the element's name for pairs and triples ("dw/du", "dJ/db")
    verdict: Verdict
    case: Case | None = None  # the failing case the verdict is about, None when the part passed
    failed: int = 0  # how many hidden cases failed
    total: int = 0  # how many hidden cases there were


@dataclass(frozen=True)
class ExerciseGrade:
    exercise: Exercise
    seed: int
    findings: list[Finding] = field(default_factory=list)
    # Other graded functions of the student's that this one calls and that fail their own tests.
    failing_callees: tuple[str, ...] = ()

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
        return render.report(self)

    def html(self) -> str:
        """Expected vs received tables of the failing parts whose answers are small; "" when there are none."""
        return render.report_html(self)


def _finding(exercise: Exercise, part: str, cases: list[Case], answers: list, verdict_of) -> Finding:
    """Every case is checked; the failure reported is the most telling diagnosis, on the smallest case that shows it."""
    verdicts = [verdict_of(case, answer) for case, answer in zip(cases, answers)]
    failing = [(v, c) for v, c in zip(verdicts, cases) if not v.passed]
    if not failing:
        return Finding(part, checks.PASS, None, 0, len(cases))
    verdict, case = min(failing, key=lambda found: (rank(found[0].check), exercise.answer_size(found[1])))
    return Finding(part, verdict, case, len(failing), len(cases))


def grade_answers(exercise: Exercise, cases: list[Case], results: list[CaseResult], seed: int) -> ExerciseGrade:
    """Compare each case's answer with the reference; each part is all-or-nothing over the cases."""
    answers = [r.answer for r in results]
    # A probe that stopped early (kernel died, timeout) leaves the remaining cases unanswered.
    answers += [answers[-1] if answers and isinstance(answers[-1], Raised) else NO_ANSWER] * (len(cases) - len(answers))

    def alternative(case):
        return exercise.also_accepted(*case.args) if exercise.also_accepted else None

    if exercise.parts:
        parts = []
        for index, part in enumerate(exercise.parts):
            def verdict_of(case, answer, index=index):
                return checks.check_parts(answer, exercise.expected(case), alternative(case), exercise, case)[index]
            parts.append(_finding(exercise, part, cases, answers, verdict_of))
        return ExerciseGrade(exercise, seed, parts)

    def verdict_of(case, answer):
        return checks.check_array(answer, exercise.expected(case), exercise.output, alternative(case), exercise, case)

    return ExerciseGrade(exercise, seed, [_finding(exercise, "", cases, answers, verdict_of)])
