"""Collect, for the top of the feedback page, each graded function, its points and its first verdict line."""

from __future__ import annotations

from dataclasses import dataclass

from nbgrader.preprocessors import NbGraderPreprocessor

from grader.utils import exercise_of

VERDICT_MARKS = ("\u2717", "\u2713")  # the marks a report's verdict lines start with (grader.checking.grading)


@dataclass(frozen=True)
class FunctionScore:
    """One row of the feedback page's summary."""

    function: str
    grade_id: str  # the anchor of the function's hidden test cell on the page
    score: float
    points: float
    headline: str  # the report's first verdict line: what is wrong and what to do, or that it is right


def report_lines(cell) -> list[str]:
    """The lines of the report ScoreProbes wrote as the hidden test cell's output."""
    lines = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            lines.extend(output.get("traceback", []))
        elif output.get("output_type") == "stream":
            lines.extend(output.get("text", "").splitlines())
    return lines


def headline(lines: list[str]) -> str:
    """The first failing verdict line of a report (its first passing one when none fails), without its mark."""
    verdicts = [line.strip() for line in lines if line.strip().startswith(VERDICT_MARKS)]
    failing = [line for line in verdicts if line.startswith(VERDICT_MARKS[0])]
    first = (failing or verdicts or [""])[0]
    return first.lstrip("".join(VERDICT_MARKS)).strip()


class SummariseScores(NbGraderPreprocessor):
    """Put ``resources["function_scores"]``: one FunctionScore per hidden test cell, in notebook order.

    Runs after nbgrader's GetGrades, which writes each cell's score and points into its metadata.
    """

    def preprocess(self, nb, resources):
        rows = []
        for cell in nb.cells:
            exercise = exercise_of(cell)
            if exercise is None:
                continue
            meta = cell.metadata.nbgrader
            rows.append(
                FunctionScore(
                    function=exercise.name,
                    grade_id=meta["grade_id"],
                    score=float(meta.get("score") or 0.0),
                    points=float(meta.get("points") or exercise.points),
                    headline=headline(report_lines(cell)),
                )
            )
        resources["function_scores"] = rows
        return nb, resources
