"""A simulated class: submissions written the way real students write them.

Each student is a set of answers, one per function they changed from the
instructor's solution: a *typical mistake* (which loses that function's points,
or half of them for one wrong element of a pair) or a *correct variant* written
differently (a loop, np.diagflat, an unstabilised formula) that keeps them. The
demo grades such a class, and the end-to-end tests assert each answer's effect on
the real autograded notebooks.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.utils import is_solution

from grader.contract import exercises
from grader.course import window_answers
from grader.utils import grade_id_of


@dataclass(frozen=True)
class Answer:
    """Source of one solution cell, and what it should cost."""

    function: str
    code: str
    lost_points: float  # 0 for a correct variant
    words: tuple[str, ...] = ()  # words the feedback must contain (what the diagnosis names)
    absent: tuple[str, ...] = ()  # words it must not contain (a case that hides the mistake)


def _answer(function: str, code: str, lost: float | None = None, words: tuple[str, ...] = (), absent: tuple[str, ...] = ()) -> Answer:
    """``lost`` defaults to all of the function's points."""
    return Answer(function, code.strip() + "\n", exercises.get(function).points if lost is None else lost, words, absent)


# Typical mistakes, at least one per contract function.
MISTAKES = {
    "identity_as_vector": _answer("jacobian_identity", """
def jacobian_identity(x):
    return np.ones_like(x)
""", words=("shape",)),
    "log_exp_forgot_log_derivative": _answer("jacobian_log_exp", """
def jacobian_log_exp(x):
    return np.diag(np.log(x) + np.exp(x))
"""),
    "sigmoid_diagonal_as_vector": _answer("jacobian_sigmoid", """
def jacobian_sigmoid(z):
    a = 1 / (1 + np.exp(-z))
    return a * (1 - a)
""", words=("shape", "np.diag")),
    "tanh_off_diagonal": _answer("jacobian_tanh", """
def jacobian_tanh(z):
    a = np.tanh(z)
    return np.outer(1 - a, 1 + a)
""", words=("off-diagonal",)),
    "relu_strict_inequality_everywhere_wrong": _answer("jacobian_relu", """
def jacobian_relu(z):
    return np.diag((z < 0).astype(float))
"""),
    "add_single_matrix": _answer("jacobians_add", """
def jacobians_add(u, v):
    return np.eye(len(u))
""", words=("pair",)),
    "sub_sign_of_dv": _answer("jacobians_sub", """
def jacobians_sub(u, v):
    n = len(u)
    return np.eye(n), np.eye(n)
""", lost=1, words=("sign",)),
    "hadamard_swapped": _answer("jacobians_hadamard", """
def jacobians_hadamard(u, v):
    return np.diag(u), np.diag(v)
"""),
    "dense_forward_no_bias": _answer("dense_forward", """
def dense_forward(W, x, b):
    return 1 / (1 + np.exp(-(W @ x)))
"""),
    "dense_z_vector": _answer("jacobian_dense_z", """
def jacobian_dense_z(W, x, b):
    a = 1 / (1 + np.exp(-(W @ x + b)))
    return a * (1 - a)
""", words=("shape",)),
    "dense_b_identity": _answer("jacobian_dense_b", """
def jacobian_dense_b(W, x, b):
    return np.eye(len(b))
"""),
    "dense_x_transposed": _answer("jacobian_dense_x", """
def jacobian_dense_x(W, x, b):
    a = 1 / (1 + np.exp(-(W @ x + b)))
    return (np.diag(a * (1 - a)) @ W).T
""", words=("transpose",)),
    "dense_w_collapsed": _answer("jacobian_dense_w", """
def jacobian_dense_w(W, x, b):
    a = 1 / (1 + np.exp(-(W @ x + b)))
    return np.outer(a * (1 - a), x)
""", words=("shape",)),
    "neuron_w_forgot_slope": _answer("jacobian_neuron_w", """
def jacobian_neuron_w(X, w, b):
    return X
"""),
    "neuron_b_as_row": _answer("jacobian_neuron_b", """
def jacobian_neuron_b(X, w, b):
    a = 1 / (1 + np.exp(-(X @ w + b)))
    return (a * (1 - a)).reshape(1, -1)
""", words=("shape",)),
    "neuron_x_collapsed": _answer("jacobian_neuron_x", """
def jacobian_neuron_x(X, w, b):
    a = 1 / (1 + np.exp(-(X @ w + b)))
    return np.outer(a * (1 - a), w)
""", words=("shape",)),
    "mse_sum_not_mean": _answer("mse_loss", """
def mse_loss(y, y_hat):
    return float(np.sum((y - y_hat) ** 2))
"""),
    "grad_mse_missing_2": _answer("grad_mse", """
def grad_mse(y, y_hat):
    return -(y - y_hat) / len(y)
""", words=("2",)),
    "bce_sign_flipped": _answer("bce_loss", """
def bce_loss(y, y_hat):
    return float(np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
""", words=("sign",)),
    "bce_per_example_vector": _answer("jacobian_bce_per_example", """
def jacobian_bce_per_example(y, y_hat):
    return (y_hat - y) / (y_hat * (1 - y_hat))
""", words=("shape", "np.diag")),
    "grad_bce_missing_mean": _answer("grad_bce", """
def grad_bce(y, y_hat):
    return (y_hat - y) / (y_hat * (1 - y_hat))
""", words=("1/N",)),
    "grad_bce_logits_sign": _answer("grad_bce_logits", """
def grad_bce_logits(y, z):
    return (y - 1 / (1 + np.exp(-z))) / len(y)
""", words=("sign",)),
    "softmax_ce_missing_mean": _answer("grad_softmax_ce_logits", """
def grad_softmax_ce_logits(Y, L):
    E = np.exp(L - L.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True) - Y
""", words=("1/N",)),
    # ps5_window (grader/course/window_answers.py): a second mistake of a function goes to mistakes_c.
    **{key: _answer(*spec) for key, spec in window_answers.MISTAKES.items()},
}

# The common mistakes the notebooks describe, which the feedback names, and one wrong function
# spreading into the graded functions that call it (one student makes them all).
FEEDBACK_MISTAKES = {
    "dense_forward_list": _answer("dense_forward", """
def dense_forward(W, x, b):
    return list(sigmoid(W @ x + b))
""", words=("got a list (its values are right)", "np.array(")),
    "dense_z_via_forward": _answer("jacobian_dense_z", """
def jacobian_dense_z(W, x, b):
    a = dense_forward(W, x, b)
    return np.diag(a * (1 - a))
""", words=("`jacobian_dense_z` calls your `dense_forward`, which fails its own tests: fix that one first",)),
    "dense_b_via_z": _answer("jacobian_dense_b", """
def jacobian_dense_b(W, x, b):
    return jacobian_dense_z(W, x, b) @ np.eye(len(b))
""", words=("`jacobian_dense_b` calls your `jacobian_dense_z`, which fails its own tests: fix that one first",)),
    "dense_x_s_times_W": _answer("jacobian_dense_x", """
def jacobian_dense_x(W, x, b):
    a = sigmoid(W @ x + b)
    return a * (1 - a) * W
""", words=("broadcast error", "s[:, None] * W")),
    "dense_w_W_for_x": _answer("jacobian_dense_w", """
def jacobian_dense_w(W, x, b):
    a = sigmoid(W @ x + b)
    n, m = W.shape
    T = np.zeros((n, n, m))
    T[np.arange(n), np.arange(n), :] = (a * (1 - a))[:, None] * W
    return T
""", words=("W where x belongs",)),
    "neuron_b_squeezed": _answer("jacobian_neuron_b", """
def jacobian_neuron_b(X, w, b):
    a = sigmoid(X @ w + b)
    return np.squeeze((a * (1 - a)).reshape(1, -1))
""", words=("np.squeeze removed the batch axis of a batch of one", ".ravel()")),
    "mse_per_example": _answer("mse_loss", """
def mse_loss(y, y_hat):
    return (y - y_hat) ** 2
""", words=("per-example losses", "np.mean"), absent=("[N=1]", "its value is right")),
    "grad_bce_row_squeezed": _answer("grad_bce", """
def grad_bce(y, y_hat):
    N = len(y)
    row = np.full((1, N), 1 / N)
    return (row @ np.diag((y_hat - y) / (y_hat * (1 - y_hat)))).squeeze()
""", words=("np.squeeze removed the batch axis of a batch of one", ".ravel()", "reshape(-1)")),
    "softmax_over_the_batch": _answer("grad_softmax_ce_logits", """
def grad_softmax_ce_logits(Y, L):
    E = np.exp(L - L.max(axis=0, keepdims=True))
    return (E / E.sum(axis=0, keepdims=True) - Y) / Y.shape[0]
""", words=("wrong axis", "every row of the gradient sums to 0")),
}

# Correct answers written differently from the instructor's: they keep every point.
VARIANTS = {
    "identity_loop": _answer("jacobian_identity", """
def jacobian_identity(x):
    n = len(x)
    J = np.zeros((n, n))
    for i in range(n):
        J[i, i] = 1.0
    return J
""", lost=0),
    "log_exp_diagflat": _answer("jacobian_log_exp", """
def jacobian_log_exp(x):
    return np.diagflat(1 / x + np.exp(x))
""", lost=0),
    "sigmoid_textbook_with_warnings": _answer("jacobian_sigmoid", """
import warnings
def jacobian_sigmoid(z):
    warnings.warn("a harmless warning from the student's code")
    e = np.exp(-z)
    return np.diag(e / (1 + e) ** 2)
""", lost=0),
    "tanh_via_cosh": _answer("jacobian_tanh", """
def jacobian_tanh(z):
    return np.diag(1 / np.cosh(z) ** 2)
""", lost=0),
    "relu_zero_at_zero": _answer("jacobian_relu", """
def jacobian_relu(z):
    return np.diag(np.where(z > 0, 1.0, 0.0))
""", lost=0),
    "hadamard_list_pair": _answer("jacobians_hadamard", """
def jacobians_hadamard(u, v):
    return [np.diagflat(v), np.diagflat(u)]
""", lost=0),
    "dense_x_loop": _answer("jacobian_dense_x", """
def jacobian_dense_x(W, x, b):
    a = 1 / (1 + np.exp(-(W @ x + b)))
    J = np.zeros(W.shape)
    for i in range(W.shape[0]):
        for k in range(W.shape[1]):
            J[i, k] = a[i] * (1 - a[i]) * W[i, k]
    return J
""", lost=0),
    "dense_w_einsum": _answer("jacobian_dense_w", """
def jacobian_dense_w(W, x, b):
    a = 1 / (1 + np.exp(-(W @ x + b)))
    return np.einsum('ij,i,k->ijk', np.eye(len(a)), a * (1 - a), x)
""", lost=0),
    "grad_bce_two_terms_printing": _answer("grad_bce", """
import sys
def grad_bce(y, y_hat):
    print("debugging output on stderr", file=sys.stderr)
    return (-y / y_hat + (1 - y) / (1 - y_hat)) / len(y)
""", lost=0),
    "softmax_unstabilised": _answer("grad_softmax_ce_logits", """
def grad_softmax_ce_logits(Y, L):
    E = np.exp(L)
    return (E / E.sum(axis=1, keepdims=True) - Y) / Y.shape[0]
""", lost=0),
    **{key: _answer(*spec, lost=0) for key, spec in window_answers.VARIANTS.items()},
}

ANSWERS = {**MISTAKES, **FEEDBACK_MISTAKES, **VARIANTS}


@dataclass(frozen=True)
class Student:
    id: str
    answers: tuple[str, ...] = ()  # keys of ANSWERS
    blank: bool = False  # hands in the released notebook untouched
    notes: str = field(default="", compare=False)


def _split_by_assignment(names: list[str]) -> dict[str, list[str]]:
    by_assignment: dict[str, list[str]] = {}
    for name in names:
        by_assignment.setdefault(exercises.get(ANSWERS[name].function).assignment, []).append(name)
    return by_assignment


def default_class() -> list[Student]:
    """The demo's class: a solution, a blank, and students with typical mistakes and variants.

    Mistakes are spread so that every function is wrong for some student and right
    for others, which is what lets the tests see each mistake cost only its points.
    """
    first_of: dict[str, str] = {}  # function -> its first typical mistake
    for name, answer in MISTAKES.items():
        first_of.setdefault(answer.function, name)
    first = list(first_of.values())
    second = [name for name in MISTAKES if name not in first]
    return [
        Student("solution", notes="the instructor's solution"),
        Student("blank", blank=True, notes="hands in the released notebook untouched"),
        Student("variants", tuple(VARIANTS), notes="correct answers written differently"),
        Student("mistakes_a", tuple(first[0::2]), notes="every other typical mistake"),
        Student("mistakes_b", tuple(first[1::2]), notes="the other typical mistakes"),
        Student(
            "mistakes_c",
            (*second, *FEEDBACK_MISTAKES),
            notes="a second typical mistake of the functions that have one; common mistakes the feedback names, "
            "and a wrong function spreading into its callers",
        ),
    ]


SOLUTION_REGION = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[^\n]*(?:\n|\Z)", re.M)


def solution_notebook(source_nb) -> nbformat.NotebookNode:
    """The instructor's notebook as a student would hand it in: solutions without the markers."""
    nb = copy.deepcopy(source_nb)
    for cell in nb.cells:
        if is_solution(cell):
            cell.source = SOLUTION_REGION.sub("", cell.source)
    return nb


def student_notebook(student: Student, source_nb, release_nb) -> nbformat.NotebookNode:
    """The notebook ``student`` hands in: the released cells, with their answers in the solution cells."""
    if student.blank:
        return copy.deepcopy(release_nb)
    solved = {grade_id_of(c): c.source for c in solution_notebook(source_nb).cells if is_solution(c)}
    for name in student.answers:
        answer = ANSWERS[name]
        if answer.function in solved:
            solved[answer.function] = answer.code
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        if is_solution(cell) and grade_id_of(cell) in solved:
            cell.source = solved[grade_id_of(cell)]
    return nb


def expected_scores(student: Student, assignment: str) -> dict[str, float]:
    """Function -> points the student should earn on ``assignment``."""
    points = {e.name: float(e.points) for e in exercises.for_assignment(assignment)}
    if student.blank:
        return {name: 0.0 for name in points}
    for name in _split_by_assignment(list(student.answers)).get(assignment, []):
        answer = ANSWERS[name]
        points[answer.function] -= answer.lost_points
    return points


def write_submissions(course_root: Path, students: list[Student], assignments: list[str]) -> list[Path]:
    """Write ``submitted/<student>/<assignment>/<assignment>.ipynb`` for each student and assignment."""
    written = []
    for assignment in assignments:
        source_nb = nbformat.read(course_root / "source" / assignment / f"{assignment}.ipynb", as_version=4)
        release_nb = nbformat.read(course_root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
        for student in students:
            target = course_root / "submitted" / student.id / assignment / f"{assignment}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(student_notebook(student, source_nb, release_nb), target)
            written.append(target)
    return written
