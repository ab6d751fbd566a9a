"""The order local grading processes take submissions in (grader.autograde.local_workers)."""

from __future__ import annotations

from grader.autograde.grading_process import Graded
from grader.autograde.local_workers import AssignmentTimes, next_notebook, notebook_order
from grader.course.course import Outcome

WORK = {"ann": ("ps1", "ps2", "ps3"), "bob": ("ps1", "ps3"), "cy": ("ps2",)}


def test_submissions_come_assignment_by_assignment_so_neighbours_are_different_students():
    assert list(notebook_order(WORK)) == [
        ("ann", "ps1"), ("bob", "ps1"), ("cy", "ps2"), ("ann", "ps2"), ("bob", "ps3"), ("ann", "ps3"),
    ]


def test_a_student_another_process_grades_is_passed_over_and_kept_for_later():
    pending = notebook_order(WORK)
    assert next_notebook(pending, {"ann"}) == ("bob", "ps1")
    assert next_notebook(pending, {"ann", "bob"}) == ("cy", "ps2")
    assert next_notebook(pending, {"ann", "bob"}) is None  # only ann's and bob's are left
    assert next_notebook(pending, {"bob"}) == ("ann", "ps1")
    assert list(pending) == [("ann", "ps2"), ("bob", "ps3"), ("ann", "ps3")]


def test_every_submission_is_taken_once():
    pending, taken = notebook_order(WORK), []
    while task := next_notebook(pending, set()):
        taken.append(task)
    assert sorted(taken) == sorted((s, a) for s, assignments in WORK.items() for a in assignments)


def test_with_times_the_assignment_expected_longest_goes_first_and_equals_keep_their_order():
    seconds = {"ps1": 1.0, "ps2": 3.0, "ps3": 2.0}
    pending = notebook_order(WORK)
    assert next_notebook(pending, set(), seconds.get) == ("cy", "ps2")
    assert next_notebook(pending, set(), seconds.get) == ("ann", "ps2")
    assert next_notebook(pending, {"ann"}, seconds.get) == ("bob", "ps3")
    assert next_notebook(pending, {"bob"}, seconds.get) == ("ann", "ps3")
    assert next_notebook(pending, set(), seconds.get) == ("ann", "ps1")
    assert list(pending) == [("bob", "ps1")]


def graded(assignment: str, seconds: float) -> Graded:
    return Graded(Outcome("someone", assignment, True), "local:1", 0.0, seconds)


def test_an_assignment_not_yet_started_is_measured_first_then_the_longest_leads():
    times = AssignmentTimes()
    assert times.expected("ps1") == float("inf")
    times.started.add("ps1")
    assert times.expected("ps1") == 0.0  # started, nothing measured yet: not explored twice
    times.graded(graded("ps1", 1.0))
    times.started.add("ps5")
    assert times.expected("ps5") == 1.0  # started, not measured: as the others so far
    times.graded(graded("ps5", 4.0))
    times.graded(graded("ps5", 2.0))
    assert times.expected("ps5") == 3.0 and times.expected("ps1") == 1.0 and times.expected("ps3") == float("inf")

    pending = notebook_order({"ann": ("ps1", "ps5"), "bob": ("ps1", "ps5")})
    assert next_notebook(pending, set(), times.expected) == ("ann", "ps5")
