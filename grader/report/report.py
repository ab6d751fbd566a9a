"""The instructor's report: an HTML page per assignment and one for the course, in <course>/reports/.

Three steps, each a small class or pure function:

- ``read_class``: the gradebook (scores, points per function) and the autograded
  notebooks (each hidden cell's ``metadata["jacobians"]`` findings) -> plain records;
- aggregations (``function_stats``, ``frequent_mistakes``, ``course_rows``): pure;
- ``ReportWriter``: PNG plots (matplotlib's Agg canvas) and HTML pages (Jinja2).
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
from nbgrader.api import Gradebook

from grader.course.course import Course
from grader.errors import NothingGraded
from grader.i18n import _
from grader.i18n.fonts import korean_capable
from grader.course.export import function_points, graded_functions, in_course_order

REPORTS_DIR = "reports"
COURSE_PAGE = "index.html"
MISTAKES_SHOWN = 12


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
    return tuple(m for path in sorted(folder.glob("*.ipynb")) for m in mistakes_in_notebook(json.loads(path.read_text())))


def read_class(course: Course) -> list[AssignmentResults]:
    """Every gradebook assignment with at least one graded submission, in course order."""
    results = []
    with Gradebook(course.db_url, course.coursedir.course_id) as gradebook:
        points = function_points(gradebook)
        for assignment in sorted(gradebook.assignments, key=lambda a: course_position(course, a.name)):
            submissions = [
                Submission(
                    student=s.student_id,
                    score=max(0.0, s.score - s.late_submission_penalty),
                    late_penalty=s.late_submission_penalty,
                    points=points.get((s.student_id, assignment.name), {}),
                    mistakes=read_mistakes(course, assignment.name, s.student_id),
                )
                for s in sorted(assignment.submissions, key=lambda s: s.student_id)
            ]
            if submissions:
                results.append(AssignmentResults(assignment.name, assignment.max_score, graded_functions(gradebook, assignment.name), submissions))
    return results


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


def frequent_mistakes(submissions: list[tuple[str, Submission]], limit: int = MISTAKES_SHOWN) -> list[MistakeCount]:
    """(function, check) pairs by how many submissions made them; an example message from the first.

    ``submissions`` are (assignment, submission) pairs; a pair whose two parts fail the
    same way counts once.
    """
    examples: dict[tuple[str, str], str] = {}
    students: dict[tuple[str, str], list[str]] = defaultdict(list)
    for _, submission in submissions:
        for mistake in submission.mistakes:
            key = (mistake.function, mistake.check)
            examples.setdefault(key, mistake.message)
            if submission.student not in students[key]:
                students[key].append(submission.student)
    order = {f: i for i, f in enumerate(in_course_order(f for f, _ in students))}
    ranked = sorted(students, key=lambda key: (-len(students[key]), order[key[0]], key[1]))
    return [MistakeCount(f, c, len(students[(f, c)]), examples[(f, c)], tuple(students[(f, c)])) for f, c in ranked[:limit]]


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
        figure.savefig(self.folder / name, format="png", dpi=100)
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


TEMPLATES = jinja2.Environment(
    loader=jinja2.DictLoader({
        "base.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th { background: #f0f0f0; } td.text, th.text { text-align: left; }
td.full { background: #e3f4e3; } td.partial { background: #fff3d6; } td.zero { background: #fbe3e3; }
code { font-size: 0.95em; }
</style></head><body>
<h1>{{ title }}</h1>
{% block body %}{% endblock %}
</body></html>
""",
        "functions.html": """<h2>Points and pass rate per function</h2>
<img src="{{ pass_rate_image }}" alt="pass rate per function">
<table id="functions">
<tr>{% if show_assignment %}<th class="text">assignment</th>{% endif %}<th class="text">function</th><th>max points</th><th>mean points</th><th>pass rate</th></tr>
{% for s in stats %}<tr>{% if show_assignment %}<td class="text">{{ s.assignment }}</td>{% endif %}<td class="text"><code>{{ s.function }}</code></td>
<td>{{ "%g"|format(s.max_points) }}</td><td>{{ "%.2f"|format(s.mean_points) }}</td><td>{{ "%.0f"|format(100 * s.pass_rate) }}%</td></tr>
{% endfor %}</table>
<h2>Most frequent mistakes</h2>
<table id="mistakes">
<tr><th class="text">function</th><th class="text">diagnosis</th><th>submissions</th><th class="text">example</th><th class="text">students</th></tr>
{% for m in mistakes %}<tr><td class="text"><code>{{ m.function }}</code></td><td class="text">{{ m.check }}</td><td>{{ m.count }}</td>
<td class="text">{{ m.example }}</td><td class="text">{{ m.students|join(", ") }}</td></tr>
{% else %}<tr><td class="text" colspan="5">none</td></tr>
{% endfor %}</table>
""",
        "assignment.html": """{% extends "base.html" %}{% block body %}
<p><a href="{{ course_page }}">course report</a> &middot; {{ results.submissions|length }} graded submissions &middot;
maximum {{ "%g"|format(results.max_score) }} points &middot; mean {{ "%.2f"|format(mean) }} &middot; median {{ "%g"|format(median) }}</p>
<h2>Grades</h2>
<img src="{{ histogram_image }}" alt="grade histogram">
{% include "functions.html" %}
<h2>Students</h2>
<table id="students">
<tr><th class="text">student</th><th>score</th><th>late penalty</th>{% for f in results.max_points %}<th><code>{{ f }}</code></th>{% endfor %}<th class="text">mistakes</th></tr>
{% for s in results.submissions %}<tr><td class="text">{{ s.student }}</td><td>{{ "%g"|format(s.score) }}</td><td>{{ "%g"|format(s.late_penalty) }}</td>
{% for f, maximum in results.max_points.items() %}{% set p = s.points.get(f, 0.0) %}<td class="{{ 'full' if p >= maximum else ('zero' if p == 0 else 'partial') }}">{{ "%g"|format(p) }}</td>{% endfor %}
<td class="text">{% for m in s.mistakes %}<code>{{ m.function }}</code>: {{ m.check }}{{ "; " if not loop.last }}{% endfor %}</td></tr>
{% endfor %}</table>
{% endblock %}
""",
        "course.html": """{% extends "base.html" %}{% block body %}
<p>{{ rows|length }} students &middot; {{ results|length }} graded assignments &middot; maximum {{ "%g"|format(max_total) }} points</p>
<table id="assignments">
<tr><th class="text">assignment</th><th>submissions</th><th>max</th><th>mean</th><th>median</th></tr>
{% for r, mean, median in summaries %}<tr><td class="text"><a href="{{ r.name }}.html">{{ r.name }}</a></td><td>{{ r.submissions|length }}</td>
<td>{{ "%g"|format(r.max_score) }}</td><td>{{ "%.2f"|format(mean) }}</td><td>{{ "%g"|format(median) }}</td></tr>
{% endfor %}</table>
<h2>Grades</h2>
<img src="{{ histogram_image }}" alt="course grade histogram">
{% include "functions.html" %}
<h2>Students</h2>
<table id="students">
<tr><th class="text">student</th>{% for r in results %}<th>{{ r.name }}</th>{% endfor %}<th>total</th><th>%</th></tr>
{% for row in rows %}<tr><td class="text">{{ row.student }}</td>
{% for r in results %}{% set score = row.scores[r.name] %}<td>{{ "&mdash;"|safe if score is none else "%g"|format(score) }}</td>{% endfor %}
<td>{{ "%g"|format(row.total) }}</td><td>{{ "%.0f"|format(row.percent) }}</td></tr>
{% endfor %}</table>
{% endblock %}
""",
    }),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


class ReportWriter:
    """Writes <folder>/<assignment>.html per graded assignment and <folder>/index.html, with their PNGs beside them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.plots = Plots(folder)

    def write(self, results: list[AssignmentResults], course_id: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        for r in results:
            self.assignment_page(r)
        return self.course_page(results, course_id)

    def assignment_page(self, r: AssignmentResults) -> Path:
        scores = [s.score for s in r.submissions]
        stats = function_stats(r)
        page = self.folder / f"{r.name}.html"
        page.write_text(TEMPLATES.get_template("assignment.html").render(
            title=_("{assignment}: grading report").format(assignment=r.name), results=r, course_page=COURSE_PAGE,
            mean=statistics.fmean(scores), median=statistics.median(scores),
            histogram_image=self.plots.histogram(scores, score_bins(r.max_score), _("points"), f"{r.name}-histogram.png"),
            stats=stats, show_assignment=False,
            pass_rate_image=self.plots.pass_rates(stats, f"{r.name}-functions.png"),
            mistakes=frequent_mistakes([(r.name, s) for s in r.submissions]),
        ))
        return page

    def course_page(self, results: list[AssignmentResults], course_id: str) -> Path:
        rows = course_rows(results)
        stats = [s for r in results for s in function_stats(r)]
        page = self.folder / COURSE_PAGE
        summaries = [(r, statistics.fmean(s.score for s in r.submissions), statistics.median(s.score for s in r.submissions)) for r in results]
        page.write_text(TEMPLATES.get_template("course.html").render(
            title=_("{course}: course grading report").format(course=course_id), results=results, rows=rows, summaries=summaries,
            max_total=sum(r.max_score for r in results),
            histogram_image=self.plots.histogram([row.percent for row in rows], np.linspace(0, 100, 11),
                                                 _("the course's points (%)"), "course-histogram.png"),
            stats=stats, show_assignment=True,
            pass_rate_image=self.plots.pass_rates(stats, "course-functions.png"),
            mistakes=frequent_mistakes([(r.name, s) for r in results for s in r.submissions]),
        ))
        return page


def write_reports(course: Course, folder: Path | None = None) -> Path:
    """Write every page; return the course page. Raises NothingGraded when nothing is graded yet."""
    results = read_class(course)
    if not results:
        raise NothingGraded(f"nothing graded yet in {course.root}: run autograde first")
    return ReportWriter(folder or course.root / REPORTS_DIR).write(results, course.coursedir.course_id)
