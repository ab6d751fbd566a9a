"""The instructor's HTML report, rendered from a graded simulated class and read back as tables."""

from __future__ import annotations

import contextlib
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from grader import cli
from grader.contract import exercises
from grader.course import simulate
from grader.report.report import AssignmentResults, Mistake, Submission, course_rows, frequent_mistakes
from tests.pipeline.graded_class import ASSIGNMENTS, REPEATED, STUDENTS, graded_class

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Page(HTMLParser):
    """An HTML page's tables (by id, as rows of cell texts) and image sources."""

    def __init__(self, path: Path):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[str] = []
        self.links: list[str] = []
        self._table = self._cell = None
        self.feed(path.read_text())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id", ""), [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "img":
            self.images.append(attrs["src"])
        elif tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def rows(self, table: str) -> list[dict[str, str]]:
        header, *body = self.tables[table]
        return [dict(zip(header, row)) for row in body]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """(course, printed path) after `python -m grader report` on the shared graded class."""
    course = graded_class(tmp_path_factory)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert cli.main(["--course", str(course.root), "report"]) == 0
    return course, Path(printed.getvalue().strip().removeprefix("report: "))


def pass_rate(function: str) -> str:
    """Expected from the simulated answers, independently of the gradebook."""
    exercise = exercises.get(function)
    full = [simulate.expected_scores(s, exercise.assignment)[function] == exercise.points for s in STUDENTS]
    return f"{100 * sum(full) / len(full):.0f}%"


def test_report_prints_the_course_page_which_links_every_assignment_page(report):
    course, printed = report
    assert printed == course.root / "reports" / "index.html" and printed.is_file()
    links = Page(printed).links
    for assignment in ASSIGNMENTS:
        assert f"{assignment}.html" in links
        assert (printed.parent / f"{assignment}.html").is_file()


def test_points_and_pass_rate_per_function(report):
    course, printed = report
    for assignment in ASSIGNMENTS:
        rows = Page(printed.parent / f"{assignment}.html").rows("functions")
        assert [r["function"] for r in rows] == [e.name for e in exercises.for_assignment(assignment)]
        for row in rows:
            assert row["pass rate"] == pass_rate(row["function"]), row
            assert float(row["max points"]) == exercises.get(row["function"]).points
    course_rows_ = Page(printed).rows("functions")
    assert [r["function"] for r in course_rows_] == [e.name for e in exercises.EXERCISES if e.assignment in ASSIGNMENTS]


def test_a_mistake_two_students_made_is_counted_twice_with_an_example(report):
    """mistakes_a and repeats_a answer alike: the diagnosis of their first mistake has count 2."""
    course, printed = report
    answer = simulate.ANSWERS[next(s for s in STUDENTS if s.id == REPEATED).answers[0]]
    assignment = exercises.get(answer.function).assignment
    nb = json.loads((course.root / "autograded" / REPEATED / assignment / f"{assignment}.ipynb").read_text())
    summary = next(c["metadata"]["jacobians"] for c in nb["cells"] if c["metadata"].get("jacobians", {}).get("exercise") == answer.function)
    finding = next(f for f in summary["findings"] if not f["passed"])
    for page in (printed.parent / f"{assignment}.html", printed):
        row = next(r for r in Page(page).rows("mistakes") if (r["function"], r["diagnosis"]) == (answer.function, finding["check"]))
        assert row["submissions"] == "2"
        assert row["students"] == f"{REPEATED}, repeats_a"
        assert row["example"] == finding["message"].splitlines()[0]


def test_blank_notebooks_count_as_one_mistake_per_function(report):
    course, printed = report
    mistakes = Page(printed.parent / f"{ASSIGNMENTS[0]}.html").rows("mistakes")
    blank = [r for r in mistakes if r["students"] == "blank"]
    assert {r["function"] for r in blank} <= {e.name for e in exercises.for_assignment(ASSIGNMENTS[0])}
    assert blank and all(r["submissions"] == "1" for r in blank)


def test_one_row_per_student_with_the_gradebook_scores(report):
    course, printed = report
    scores = course.scores()
    for assignment in ASSIGNMENTS:
        rows = {r["student"]: r for r in Page(printed.parent / f"{assignment}.html").rows("students")}
        assert set(rows) == {s.id for s in STUDENTS}
        for student, row in rows.items():
            assert float(row["score"]) == scores[(student, assignment)][0]
            expected = simulate.expected_scores(next(s for s in STUDENTS if s.id == student), assignment)
            assert {f: float(row[f]) for f in expected} == expected
    course_table = {r["student"]: r for r in Page(printed).rows("students")}
    assert set(course_table) == {s.id for s in STUDENTS}
    solution = course_table["solution"]
    assert solution["%"] == "100" and float(solution["total"]) == sum(scores[("solution", a)][1] for a in ASSIGNMENTS)
    assert course_table["blank"]["%"] == "0"


def test_every_image_is_a_png_file_next_to_its_page(report):
    _, printed = report
    for page in [printed, *(printed.parent / f"{a}.html" for a in ASSIGNMENTS)]:
        images = Page(page).images
        assert len(images) == 2, page
        for src in images:
            path = page.parent / src
            assert path.read_bytes()[:8] == PNG_SIGNATURE, path
            with Image.open(path) as image:
                image.verify()


def test_frequent_mistakes_count_submissions_not_parts():
    both_parts = (Mistake("jacobians_add", "values", "dw/du: wrong"), Mistake("jacobians_add", "values", "dw/dv: wrong"))
    submissions = [Submission("ann", 0, 0, {}, both_parts), Submission("bob", 0, 0, {}, both_parts[1:])]
    [counted] = frequent_mistakes(submissions)
    assert (counted.count, counted.example, counted.students) == (2, "dw/du: wrong", ("ann", "bob"))


def test_a_missing_submission_counts_zero_in_the_course_total():
    results = [AssignmentResults("a", 4.0, {}, [Submission("ann", 4.0, 0, {}, ()), Submission("bob", 2.0, 0, {}, ())]),
               AssignmentResults("b", 6.0, {}, [Submission("ann", 6.0, 0, {}, ())])]
    rows = {r.student: r for r in course_rows(results)}
    assert rows["bob"].scores == {"a": 2.0, "b": None}
    assert (rows["bob"].total, rows["bob"].percent, rows["ann"].percent) == (2.0, 20.0, 100.0)
