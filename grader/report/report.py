"""The instructor's report: an HTML page per assignment and one for the course, in <course>/reports/.

Three steps, each a small class or pure function:

- ``read_class``: the gradebook (scores, points per function) and the autograded
  notebooks (each hidden cell's ``metadata["jacobians"]`` findings) -> plain records;
- aggregations (``function_stats``, ``frequent_mistakes``, ``course_rows``): pure;
- ``ReportWriter``: PNG plots (matplotlib's Agg canvas) and HTML pages (Jinja2 templates in
  ``grader/report/templates/``).

The gradebook is read through ``grader.course.gradebook``, the queries the export plugin uses too.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from grader.course.course import Course
from grader.i18n import _, current_language, gettext, ngettext
from grader.i18n.fonts import korean_capable
from grader.course.gradebook import assignment_totals, in_course_order
from grader.errors import NothingGraded
from grader.utils import replaced_atomically, write_text_atomically

REPORTS_DIR = "reports"
COURSE_PAGE = "index.html"
MISTAKES_SHOWN = 12  # rows of "Most frequent mistakes"; the table says how many more there are
NOT_IMPLEMENTED = "not_implemented"  # the check failed by a function left as handed out


@dataclass(frozen=True)
class Mistake:
    """One failed check in one hidden test cell: which function, which diagnosis, what the student read."""

    function: str
    check: str
    message: str


@dataclass(frozen=True)
class Submission:
    student: str
    score: float  # after the late penalty, as in grades.csv
    late_penalty: float
    points: dict[str, float]  # function -> points earned
    mistakes: tuple[Mistake, ...]


@dataclass(frozen=True)
class AssignmentResults:
    name: str
    max_score: float
    max_points: dict[str, float]  # function -> max points, in course order
    submissions: list[Submission] = field(default_factory=list)


def mistakes_in_notebook(nb: dict) -> list[Mistake]:
    """Failed findings of every autograded hidden cell (``cell.metadata["jacobians"]``), first message line only."""
    found = []
    for cell in nb.get("cells", []):
        summary = cell.get("metadata", {}).get("jacobians")
        for finding in (summary or {}).get("findings", []):
            if not finding["passed"]:
                first_line = (finding["message"].splitlines() or [""])[0]
                message = f"{finding['part']}: {first_line}" if finding.get("part") else first_line
                found.append(Mistake(summary["exercise"], finding["check"], message))
    return found


def read_mistakes(course: Course, assignment: str, student: str) -> tuple[Mistake, ...]:
    """Mistakes in the student's autograded notebooks of ``assignment`` (none if not autograded here)."""
    folder = Path(course.coursedir.format_path(course.coursedir.autograded_directory, student, assignment))
    return tuple(m for path in sorted(folder.glob("*.ipynb")) for m in mistakes_in_notebook(json.loads(path.read_text(encoding="utf-8"))))


def read_class(course: Course) -> list[AssignmentResults]:
    """Every gradebook assignment, in course order; one nobody has submitted yet has no submissions
    (it still counts in the course's maximum, as in scores and grades.csv)."""
    return [
        AssignmentResults(assignment.name, assignment.max_score, assignment.max_points, [
            Submission(s.student, s.score, s.late_penalty, s.points, read_mistakes(course, assignment.name, s.student))
            for s in assignment.submissions
        ])
        for assignment in sorted(assignment_totals(course.db_url, course.coursedir.course_id),
                                 key=lambda a: course_position(course, a.name))
    ]


def course_position(course: Course, assignment: str) -> tuple[int, str]:
    known = course.assignments()
    return (known.index(assignment) if assignment in known else len(known), assignment)


@dataclass(frozen=True)
class FunctionStats:
    assignment: str
    function: str
    max_points: float
    mean_points: float
    pass_rate: float  # share of submissions earning the function's full points


def function_stats(results: AssignmentResults) -> list[FunctionStats]:
    stats = []
    for function, maximum in results.max_points.items():
        earned = [s.points.get(function, 0.0) for s in results.submissions]
        stats.append(FunctionStats(results.name, function, maximum, statistics.fmean(earned),
                                   sum(p >= maximum for p in earned) / len(earned)))
    return stats


@dataclass(frozen=True)
class MistakeCount:
    function: str
    check: str
    count: int  # submissions making it
    example: str
    students: tuple[str, ...]


def frequent_mistakes(submissions: list[Submission]) -> list[MistakeCount]:
    """(function, check) pairs by how many submissions made them; an example message from the first.

    Ties go in course order. A blank hand-in (``not_implemented``) is no mistake in the
    mathematics: those pairs come after every real mistake. A pair whose two parts fail the
    same way counts once. The pages show the first MISTAKES_SHOWN and say how many more there are.
    """
    examples: dict[tuple[str, str], str] = {}
    students: dict[tuple[str, str], list[str]] = defaultdict(list)
    for submission in submissions:
        for mistake in submission.mistakes:
            key = (mistake.function, mistake.check)
            examples.setdefault(key, mistake.message)
            if submission.student not in students[key]:
                students[key].append(submission.student)
    order = {f: i for i, f in enumerate(in_course_order(f for f, _ in students))}
    ranked = sorted(students, key=lambda key: (key[1] == NOT_IMPLEMENTED, -len(students[key]), order[key[0]], key[1]))
    return [MistakeCount(f, c, len(students[(f, c)]), examples[(f, c)], tuple(students[(f, c)])) for f, c in ranked]


@dataclass(frozen=True)
class StudentRow:
    student: str
    scores: dict[str, float | None]  # assignment -> score, None when not submitted
    total: float
    percent: float


def course_rows(results: list[AssignmentResults]) -> list[StudentRow]:
    """One row per student who submitted anything; a missing submission counts 0 in the total."""
    by_student: dict[str, dict[str, float | None]] = defaultdict(lambda: {r.name: None for r in results})
    for r in results:
        for s in r.submissions:
            by_student[s.student][r.name] = s.score
    maximum = sum(r.max_score for r in results)
    rows = []
    for student in sorted(by_student):
        total = sum(score or 0.0 for score in by_student[student].values())
        rows.append(StudentRow(student, by_student[student], total, 100 * total / maximum if maximum else 0.0))
    return rows


def score_bins(max_score: float) -> np.ndarray:
    """Histogram edges centred on multiples of a step (half a point, coarser past 20 bins) from 0 to max_score."""
    step = max(0.5, np.ceil(max_score / 20 * 2) / 2)
    return np.arange(-step / 2, max_score + step, step)


class Plots:
    """PNG figures (matplotlib's Agg canvas: no display, no pyplot state)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _save(self, figure: Figure, name: str) -> str:
        FigureCanvasAgg(figure)
        figure.tight_layout()
        with replaced_atomically(self.folder / name, binary=True) as stream:
            figure.savefig(stream, format="png", dpi=100)
        return name

    @korean_capable()  # labels are in the course language
    def histogram(self, scores: list[float], edges: np.ndarray, xlabel: str, name: str) -> str:
        figure = Figure(figsize=(6, 3))
        ax = figure.add_subplot()
        ax.hist(scores, bins=edges, color="#4c72b0", edgecolor="white")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(_("students"))
        ax.yaxis.get_major_locator().set_params(integer=True)
        return self._save(figure, name)

    @korean_capable()
    def pass_rates(self, stats: list[FunctionStats], name: str) -> str:
        """Per function: share with full points (bar) and mean points as a share of the maximum (dot)."""
        figure = Figure(figsize=(6, 0.9 + 0.3 * len(stats)))
        ax = figure.add_subplot()
        y = np.arange(len(stats))[::-1]
        ax.barh(y, [100 * s.pass_rate for s in stats], color="#55a868", label=_("full points"))
        ax.plot([100 * s.mean_points / s.max_points for s in stats], y, "o", color="#c44e52", label=_("mean points"))
        ax.set_yticks(y, [s.function for s in stats], fontsize=8)
        ax.set_xlim(0, 100)
        ax.set_xlabel(_("submissions (%) / the function's points (%)"))
        ax.legend(loc="lower right", fontsize=7)
        return self._save(figure, name)


# The pages' HTML, in grader/report/templates/ (package data): autoescaped, and a missing value is an error.
# Their texts are in the course language: _() in a template is grader.i18n's gettext (jinja2's i18n
# extension; pybabel extracts them, babel.cfg).
TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("grader.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    extensions=["jinja2.ext.i18n"],
)
TEMPLATES.install_gettext_callables(gettext, ngettext, newstyle=False)


class ReportWriter:
    """Writes <folder>/<assignment>.html per graded assignment and <folder>/index.html, with their PNGs beside them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.plots = Plots(folder)

    def write(self, results: list[AssignmentResults], course_id: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        for r in results:
            if r.submissions:
                self.assignment_page(r)
        return self.course_page(results, course_id)

    def assignment_page(self, r: AssignmentResults) -> Path:
        scores = [s.score for s in r.submissions]
        stats = function_stats(r)
        page = self.folder / f"{r.name}.html"
        write_text_atomically(page, TEMPLATES.get_template("assignment.html.j2").render(language=current_language(),
            title=_("{assignment}: grading report").format(assignment=r.name), results=r, course_page=COURSE_PAGE,
            mean=statistics.fmean(scores), median=statistics.median(scores),
            histogram_image=self.plots.histogram(scores, score_bins(r.max_score), _("points"), f"{r.name}-histogram.png"),
            stats=stats, show_assignment=False,
            pass_rate_image=self.plots.pass_rates(stats, f"{r.name}-functions.png"),
            mistakes=frequent_mistakes(r.submissions), mistakes_shown=MISTAKES_SHOWN,
        ))
        return page

    def course_page(self, results: list[AssignmentResults], course_id: str) -> Path:
        rows = course_rows(results)
        graded = [r for r in results if r.submissions]
        stats = [s for r in graded for s in function_stats(r)]
        page = self.folder / COURSE_PAGE
        summaries = [(r, statistics.fmean(s.score for s in r.submissions), statistics.median(s.score for s in r.submissions))
                     if r.submissions else (r, None, None) for r in results]
        write_text_atomically(page, TEMPLATES.get_template("course.html.j2").render(language=current_language(),
            title=_("{course}: course grading report").format(course=course_id), results=results, graded=graded, rows=rows, summaries=summaries,
            max_total=sum(r.max_score for r in results),
            histogram_image=self.plots.histogram([row.percent for row in rows], np.linspace(0, 100, 11),
                                                 _("the course's points (%)"), "course-histogram.png"),
            stats=stats, show_assignment=True,
            pass_rate_image=self.plots.pass_rates(stats, "course-functions.png"),
            mistakes=frequent_mistakes([s for r in graded for s in r.submissions]), mistakes_shown=MISTAKES_SHOWN,
        ))
        return page


def write_reports(course: Course, folder: Path | None = None) -> Path:
    """Write every page; return the course page. Raises NothingGraded when nothing is graded yet."""
    results = read_class(course)
    if not any(r.submissions for r in results):
        raise NothingGraded(course.nothing_graded())
    return ReportWriter(folder or course.root / REPORTS_DIR).write(results, course.coursedir.course_id)
