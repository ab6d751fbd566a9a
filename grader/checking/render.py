"""Diagnoses and grades into words: plain text (the hidden test cell's output) and HTML.

The one place where feedback becomes text. Every sentence comes from the table of
``grader.checking.messages`` through ``grader.i18n.gettext`` (the English template is the
message id; the language is the one of the enclosing ``grader.i18n.use_language`` block, so
each student's report is rendered in their own language), and parameters are
formatted here: shapes, indices, floats to 6 significant digits, nested phrases.
"""

from __future__ import annotations

import html

import numpy as np

from grader.checking.diagnosis import Diagnosis, Index, Number, Phrase, Phrases, Shape
from grader.checking.messages import MESSAGES
from grader.i18n import gettext
from grader.contract.exercises import Case, Exercise

# Answers up to this many entries (and 8 per axis) are shown in full.
SHOWN_ENTRIES = 64
SHOWN_PER_AXIS = 8
# Inputs up to this many numbers in all are printed as Python; bigger ones by shape (and seed).
SHOWN_INPUT_ENTRIES = 30

# Messages -----------------------------------------------------------------------------------


def text(key: str, **params) -> str:
    """The table's template ``key``, translated, with its parameters filled in."""
    values = {name: _shown(value) for name, value in params.items()}
    if "expected_entry" in params and "got_entry" in params:
        values["expected_entry"], values["got_entry"] = numbers(params["expected_entry"], params["got_entry"])
    return gettext(MESSAGES[key]).format(**values)


def _shown(value):
    """A parameter as the message shows it."""
    if isinstance(value, Phrase):
        return text(value.key, **value.params)
    if isinstance(value, Phrases):
        return text("phrase/separator").join(_shown(item) for item in value.items)
    if isinstance(value, Shape):
        return shape_text(value.dims)
    if isinstance(value, Index):
        return index_text(value.at)
    if isinstance(value, Number):
        return number(value.value)
    return value


def say(found: Diagnosis) -> str:
    """A diagnosis in words."""
    return text(found.message, **found.params)


# Numbers and arrays -------------------------------------------------------------------------


def number(value: float) -> str:
    """A float with 6 significant digits, no negative zero: '0.25', '-1', '1e-06'."""
    return f"{float(value) + 0.0:.6g}"


def numbers(expected: float, got: float) -> tuple[str, str]:
    """Both values with enough digits to tell them apart."""
    short = number(expected), number(got)
    return short if short[0] != short[1] else (repr(float(expected)), repr(float(got)))


def shape_text(shape) -> str:
    return text("phrase/scalar") if tuple(shape) == () else text("phrase/shape", shape=tuple(shape))


def index_text(index: tuple) -> str:
    return f"[{index[0]}]" if len(index) == 1 else str(index)


def is_small(array: np.ndarray) -> bool:
    return array.size <= SHOWN_ENTRIES and all(n <= SHOWN_PER_AXIS for n in array.shape)


def array_text(array: np.ndarray) -> str:
    """An array as numpy prints it, 6 significant digits, multi-line for matrices."""
    if array.ndim == 0:
        return number(array)
    return np.array2string(array + 0.0, separator=", ", formatter={"float_kind": number}, max_line_width=100)


def assignment_text(name: str, value) -> str:
    """An input as copy-pasteable Python: 'z = np.array([0.5, -1.25])' or 'b = 0.3' (6 significant digits)."""
    def literal(v):
        return repr(float(number(v)))
    if isinstance(value, (int, np.integer)):  # a count or a seed: exact
        return f"{name} = {int(value)}"
    if np.ndim(value) == 0:
        return f"{name} = {literal(value)}"
    prefix = f"{name} = np.array("
    body = np.array2string(np.asarray(value), separator=", ", formatter={"float_kind": literal}, prefix=prefix)
    return f"{prefix}{body})"


def comparison_text(answer: np.ndarray, expected: np.ndarray) -> str:
    """'expected shape (3, 3):', its entries, 'got shape (3,):', its entries; '' unless both are small."""
    if not (is_small(answer) and is_small(expected)):
        return ""

    def block(label, array):
        title = text(f"comparison/{label}_scalar") if array.ndim == 0 else text(f"comparison/{label}", shape=Shape(array.shape))
        return f"{title}\n" + "\n".join("  " + line for line in array_text(array).splitlines())

    return block("expected", expected) + "\n" + block("got", answer)


def _cells_html(array: np.ndarray, marked: np.ndarray | None, other: np.ndarray | None) -> str:
    """A <table> of array (0 to 2 axes); entries where marked are highlighted, titled with other's value."""
    rows = np.atleast_2d(array)
    marks = np.atleast_2d(marked) if marked is not None else np.zeros(rows.shape, bool)
    others = np.atleast_2d(other) if other is not None else None
    lines = []
    for i, row in enumerate(rows):
        cells = []
        for j, value in enumerate(row):
            style = "padding:2px 6px;border:1px solid #ccc;text-align:right"
            title = ""
            if marks[i, j]:
                style += ";background-color:#f8d0d0;font-weight:bold"
                if others is not None:
                    title = f' title="{html.escape(text("html/entry_title", value=Number(others[i, j])))}"'
            cells.append(f'<td style="{style}"{title}>{html.escape(number(value))}</td>')
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return '<table style="border-collapse:collapse;margin:2px 12px 2px 0">' + "".join(lines) + "</table>"


def comparison_html(answer: np.ndarray, expected: np.ndarray, wrong: np.ndarray | None = None) -> str:
    """Expected and received side by side as small HTML tables, wrong entries marked; '' when too big.

    answer, expected: arrays of at most 2 axes, 8 entries per axis; wrong: mask of expected's
    shape (only used when the shapes agree).
    """
    if answer.ndim > 2 or expected.ndim > 2 or not (is_small(answer) and is_small(expected)):
        return ""
    marked = wrong if wrong is not None and answer.shape == expected.shape else None
    blocks = [
        (text("html/expected", shape=Shape(expected.shape)), _cells_html(expected, None, None)),
        (text("html/received", shape=Shape(answer.shape)), _cells_html(answer, marked, expected)),
    ]
    columns = "".join(
        f'<div style="display:inline-block;vertical-align:top;margin:0 1.5em 0.4em 0"><div style="font-size:90%">{html.escape(label)}</div>{table}</div>'
        for label, table in blocks
    )
    note = f'<div style="font-size:90%">{html.escape(text("html/marked"))}</div>' if marked is not None and marked.any() else ""
    return f'<div class="jacobians-comparison">{columns}{note}</div>'


def inputs_text(case: Case, exercise: Exercise) -> str:
    """'z = np.array([...])' lines for a small case, '' for a big one."""
    if sum(int(np.size(arg)) for arg in case.args) > SHOWN_INPUT_ENTRIES:
        return ""
    return "\n".join(assignment_text(name, arg) for name, arg in zip(exercise.params, case.args))


def shapes_text(case: Case, exercise: Exercise) -> str:
    """'W (3, 2), x (2,), b (3,)'; scalars by value."""
    return ", ".join(
        f"{name} {np.shape(arg)}" if np.ndim(arg) else f"{name} = {arg if isinstance(arg, int) else number(arg)}"
        for name, arg in zip(exercise.params, case.args)
    )


# Verdicts and grades ------------------------------------------------------------------------


def message(found: Diagnosis, answer: np.ndarray | None = None, expected: np.ndarray | None = None) -> str:
    """A diagnosis in words, then the expected and received values when both are small enough to read."""
    said = say(found)
    shown = comparison_text(answer, expected) if answer is not None else ""
    return f"{said}\n{shown}" if shown else said


def report(grade) -> str:
    """The feedback text a student reads under the hidden test cell (grade: an ExerciseGrade)."""
    lines = [text("report/title", function=grade.exercise.name, score=grade.score, max_score=grade.max_score)]
    if not grade.passed:
        lines += ["  " + text("report/cascade", function=grade.exercise.name, callee=c) for c in grade.failing_callees]
    for finding in grade.findings:
        if finding.verdict.passed:
            key = "report/part_passed" if finding.part else "report/passed"
            lines.append("  " + text(key, part=finding.part))
            continue
        first, *rest = finding.verdict.message.splitlines()
        key = "report/part_failed" if finding.part else "report/failed"
        lines.append("  " + text(key, part=finding.part, message=first))
        lines.extend(f"    {line}" for line in rest)
        if finding.case is not None and finding.verdict.check != "not_implemented":
            lines.extend(f"    {line}" for line in _input_lines(grade, finding))
    return "\n".join(lines)


def _input_lines(grade, finding) -> list[str]:
    """Which input shows the mistake: its values when small, its shapes otherwise, and the seed."""
    case, exercise = finding.case, grade.exercise
    count = text("report/failing_cases", failed=finding.failed, total=finding.total)
    shown = inputs_text(case, exercise)
    if not shown:
        shapes = shapes_text(case, exercise)
        return [text("report/input_shapes", label=case.label, shapes=shapes, count=count, seed=grade.seed)]
    heading = text("report/input_values", label=case.label, count=count, seed=grade.seed)
    return [heading] + [f"  {line}" for line in shown.splitlines()]


def report_html(grade) -> str:
    """Expected vs received tables of the failing parts whose answers are small; "" when there are none."""
    blocks = []
    for finding in grade.findings:
        if finding.verdict.passed or not finding.verdict.html:
            continue
        function = " ".join(filter(None, (grade.exercise.name, finding.part)))
        heading = text("html/heading", function=f"<b>{html.escape(function)}</b>", label=html.escape(finding.case.label))
        blocks.append(f"<div>{heading}</div>{finding.verdict.html}")
    return "".join(blocks)
