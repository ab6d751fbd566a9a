"""Collect, for the top of the feedback page, each graded function, its points and the first thing its report says to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nbgrader.preprocessors import NbGraderPreprocessor

from grader.utils import exercise_of

PASSED_MARK, FAILED_MARK = "\u2713", "\u2717"  # how a report's verdict lines start (grader.checking.render)
# A report is its title line, then its top-level lines indented by two spaces (a cascade note or a
# verdict, most telling first), each followed by its details indented further.
TOP_LEVEL_LINE = re.compile(r"^  (?=\S)(.*)$")


@dataclass(frozen=True)
class FunctionScore:
    """One row of the feedback page's summary."""

    function: str
    grade_id: str  # the anchor of the function's hidden test cell on the page
    score: float
    points: float
    headline: str  # the report's first top-level line: what to fix first and how, or that it is right


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
    """The report's first top-level line that is not a pass, without its mark; when all pass, the first
    pass without its part's label ("W: correct on every hidden case." reads as if only W were)."""
    top = [match.group(1).strip() for line in lines if (match := TOP_LEVEL_LINE.match(line))]
    failed = next((line for line in top if not line.startswith(PASSED_MARK)), None)
    if failed is not None:
        return failed.lstrip(PASSED_MARK + FAILED_MARK).strip()
    first = top[0].lstrip(PASSED_MARK).strip() if top else ""
    return first.split(": ", 1)[1] if len(top) > 1 and ": " in first else first


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
