"""The report's pure tables: mistakes ranked and capped with a note, totals over every assignment."""

from __future__ import annotations

from grader.report.report import (
    MISTAKES_SHOWN, TEMPLATES, AssignmentResults, Mistake, Submission, course_rows, frequent_mistakes,
)


def submission(student: str, *mistakes: tuple[str, str]) -> Submission:
    return Submission(student, 0, 0, {}, tuple(Mistake(f, c, f"{f} {c}") for f, c in mistakes))


def test_mistakes_rank_by_count_then_course_order_with_blank_hand_ins_last():
    submissions = [
        submission("ann", ("jacobian_relu", "values"), ("jacobian_sigmoid", "values"), ("dense_forward", "not_implemented")),
        submission("bob", ("jacobian_relu", "values"), ("jacobian_sigmoid", "shape"), ("dense_forward", "not_implemented")),
        submission("cem", ("dense_forward", "not_implemented"), ("jacobian_tanh", "values")),
    ]
    ranked = [(m.function, m.check, m.count) for m in frequent_mistakes(submissions)]
    assert ranked == [
        ("jacobian_relu", "values", 2),
        ("jacobian_sigmoid", "shape", 1), ("jacobian_sigmoid", "values", 1), ("jacobian_tanh", "values", 1),
        ("dense_forward", "not_implemented", 3),
    ]


def mistakes_table(count: int) -> str:
    mistakes = frequent_mistakes([submission("ann", *((f"f{i}", "values") for i in range(count)))])
    return TEMPLATES.get_template("functions.html.j2").render(
        stats=[], show_assignment=False, pass_rate_image="x.png", mistakes=mistakes, mistakes_shown=MISTAKES_SHOWN)


def test_the_mistakes_table_says_how_many_more_it_leaves_out():
    page = mistakes_table(MISTAKES_SHOWN + 5)
    assert page.count("<code>f") == MISTAKES_SHOWN
    assert "and 5 more" in page
    assert "more</td>" not in mistakes_table(MISTAKES_SHOWN)


def test_an_assignment_nobody_submitted_counts_zero_of_its_maximum():
    results = [AssignmentResults("a", 4.0, {}, [Submission("ann", 4.0, 0, {}, ())]), AssignmentResults("b", 6.0, {}, [])]
    [row] = course_rows(results)
    assert (row.scores, row.total, row.percent) == ({"a": 4.0, "b": None}, 4.0, 40.0)
