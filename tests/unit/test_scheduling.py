"""The order local grading processes take submissions in (grader.autograde.local_workers)."""

from __future__ import annotations

from grader.autograde.local_workers import next_notebook, notebook_order

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
