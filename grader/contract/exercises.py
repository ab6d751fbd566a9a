"""The course's exercises: one entry per function of ../shared/COURSE_SPEC.md.

Each exercise knows its assignment, its reference solution, its points, what kind
of value it returns, and how to draw the inputs its hidden tests use. Inputs are
drawn from a seed, so a failing case can be reproduced exactly from the seed that
the feedback prints (``python -m grader cases ps1_unary jacobian_sigmoid --seed N``).

Sizes cover the cases that expose typical mistakes: n = 1, small, non-square
(N != d != n), and a few hundred; values stay inside the domain the lecture's
formulas handle (|z| <= 30 for a textbook sigmoid, predictions inside (0, 1)).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from grader.contract import mistakes
from grader.contract import reference
from grader.errors import UnknownName

ARRAY = "array"  # one numpy array
PAIR = "pair"  # a tuple (dw/du, dw/dv) of two arrays
TRIPLE = "triple"  # a tuple of three arrays, such as (dJ/dW, dJ/db, dJ/du)
SCALAR = "scalar"  # a float


@dataclass(frozen=True)
class Case:
    """One input of a hidden test: a short label and the positional arguments."""

    label: str
    args: tuple


@dataclass(frozen=True)
class Exercise:
    name: str
    assignment: str
    params: tuple[str, ...]
    output: str
    points: float
    draw_cases: Callable[[np.random.Generator], list[Case]] = field(repr=False)
    # Where the contract accepts two answers (ReLU at exactly 0), the other one.
    also_accepted: Callable | None = field(default=None, repr=False)
    # The names of the elements of a PAIR or TRIPLE answer, in order; () for a single answer.
    parts: tuple[str, ...] = ()
    # A loss over a mini-batch (its value and gradient are means over the N examples): N,
    # the first axis of the first input, is a factor a wrong answer may miss or add.
    mini_batch: bool = False
    # The name of the matrix a Jacobian tensor is taken with respect to ([i, j, k] = d out_i / d W[j, k]).
    matrix: str = ""
    # Named hints the feedback may add for this exercise (see HINTS).
    hints: frozenset[str] = frozenset()
    # The answer's first axis runs over the examples of a mini-batch (a batch of one has length 1).
    batch_output: bool = False
    # Typical wrong answers as formulas (grader.contract.mistakes): (diagnosis name, formula of the case's arguments).
    mistakes: tuple[tuple[str, Callable], ...] = field(default=(), repr=False)

    @property
    def reference(self) -> Callable:
        return getattr(reference, self.name)

    def cases(self, seed: int) -> list[Case]:
        """The hidden-test inputs drawn from ``seed`` (same seed, same inputs)."""
        return self.draw_cases(np.random.default_rng(seed))

    def expected(self, case: Case):
        return self.reference(*case.args)

    def answer_size(self, case: Case) -> int:
        """Number of entries of the expected answer (of its larger part, for a pair)."""
        expected = self.expected(case)
        parts = expected if isinstance(expected, tuple) else (expected,)
        return max(int(np.size(part)) for part in parts)


def seed_for(*parts: str) -> int:
    """A stable 32-bit seed from names (assignment, student, function, ...)."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return int.from_bytes(digest[:4], "big")


# Input families ------------------------------------------------------------------------

VECTOR_SIZES = (("n=1", 1), ("n=3", 3), ("n=6", 6), ("n=200", 200))


def _real_vectors(low: float, high: float, edges: tuple[float, ...] = ()):
    """Cases of one vector drawn uniformly in [low, high], plus one of edge values."""

    def draw(rng: np.random.Generator) -> list[Case]:
        cases = [Case(label, (rng.uniform(low, high, n),)) for label, n in VECTOR_SIZES]
        if edges:
            cases.append(Case("edge values", (np.array(edges, dtype=np.float64),)))
        return cases

    return draw


def _vector_pairs(rng: np.random.Generator) -> list[Case]:
    cases = [Case(label, (rng.normal(0, 2, n), rng.normal(0, 2, n))) for label, n in VECTOR_SIZES]
    cases.append(Case("zeros and negatives", (np.array([0.0, -1.5, 2.0]), np.array([3.0, 0.0, -0.5]))))
    return cases


DENSE_SHAPES = (("n=1, m=1", 1, 1), ("n=3, m=2", 3, 2), ("n=2, m=5", 2, 5), ("n=150, m=4", 150, 4))


def _dense_inputs(rng: np.random.Generator) -> list[Case]:
    return [
        Case(label, (rng.normal(0, 1, (n, m)), rng.normal(0, 1, m), rng.normal(0, 1, n)))
        for label, n, m in DENSE_SHAPES
    ]


BATCH_SHAPES = (("N=1, d=1", 1, 1), ("N=4, d=3", 4, 3), ("N=2, d=5", 2, 5), ("N=120, d=6", 120, 6))


def _batch_inputs(rng: np.random.Generator) -> list[Case]:
    return [
        Case(label, (rng.normal(0, 1, (N, d)), rng.normal(0, 1, d), float(rng.normal())))
        for label, N, d in BATCH_SHAPES
    ]


BATCH_SIZES = (("N=1", 1), ("N=4", 4), ("N=9", 9), ("N=300", 300))


def _binary_targets(rng: np.random.Generator, N: int) -> np.ndarray:
    """0/1 targets with both classes present whenever N > 1."""
    y = rng.integers(0, 2, N).astype(np.float64)
    if N > 1:
        y[:2] = (0.0, 1.0)
    return y


def _regression_targets(rng: np.random.Generator) -> list[Case]:
    return [Case(label, (rng.normal(0, 2, N), rng.normal(0, 2, N))) for label, N in BATCH_SIZES]


def _probabilities(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case(label, (_binary_targets(rng, N), rng.uniform(0.02, 0.98, N))) for label, N in BATCH_SIZES
    ]
    # Confident predictions, right and wrong, still strictly inside (0, 1).
    cases.append(Case("predictions near 0 and 1", (np.array([0.0, 1.0, 0.0, 1.0]), np.array([1e-6, 1 - 1e-6, 1 - 1e-6, 1e-6]))))
    return cases


def _logits(rng: np.random.Generator) -> list[Case]:
    cases = [Case(label, (_binary_targets(rng, N), rng.normal(0, 3, N))) for label, N in BATCH_SIZES]
    cases.append(Case("large logits", (np.array([0.0, 1.0, 1.0, 0.0]), np.array([-25.0, 25.0, -25.0, 25.0]))))
    return cases


CLASS_SHAPES = (("N=1, K=2", 1, 2), ("N=4, K=3", 4, 3), ("N=3, K=5", 3, 5), ("N=300, K=10", 300, 10))


def _one_hot_logits(rng: np.random.Generator) -> list[Case]:
    cases = []
    for label, N, K in CLASS_SHAPES:
        Y = np.eye(K)[rng.integers(0, K, N)]
        cases.append(Case(label, (Y, rng.normal(0, 3, (N, K)))))
    return cases


# ps5_window: windows of 2c + 1 words of dimension d, so m = (2c + 1) d; n != m (a transpose has the
# wrong shape) except in one square case, where W delta in place of W^T delta computes and shows.
WINDOW_SHAPES = (("n=1, m=3 (c=1, d=1)", 1, 3), ("n=3, m=10 (c=2, d=2)", 3, 10), ("n=5, m=15 (c=2, d=3)", 5, 15),
                 ("n=2, m=150 (c=2, d=30)", 2, 150), ("n=120, m=25 (c=2, d=5)", 120, 25), ("n=3, m=3 (c=1, d=1)", 3, 3))


def _layer(rng: np.random.Generator, n: int, m: int) -> tuple:
    """W (n, m), b (n,), u (n,): z = W x + b stays within a few units for x ~ N(0, 1), so sigma' is not tiny."""
    return rng.normal(0, 1.5 / np.sqrt(m), (n, m)), rng.normal(0, 1, n), rng.normal(0, 1, n)


def _windows(rng: np.random.Generator) -> list[Case]:
    return [Case(label, (rng.normal(0, 1, m), *_layer(rng, n, m))) for label, n, m in WINDOW_SHAPES]


def _window_indices(rng: np.random.Generator) -> list[Case]:
    """E (V, d), window (2c + 1,) int64: repeated words, and vocabularies far larger than the window."""
    windows = (
        ("V=4, d=1, c=1, a word twice", 4, 1, [2, 0, 2], 2),
        ("V=6, d=2, c=2, a word three times", 6, 2, [3, 1, 3, 5, 3], 3),
        ("V=1, d=2, c=1, one word in every position", 1, 2, [0, 0, 0], 2),
        ("V=300, d=3, c=2, most rows absent", 300, 3, list(rng.choice(300, 5, replace=False)), 4),
        ("V=50, d=4, c=3, repeats among 7 words", 50, 4, list(rng.choice(4, 7)), 6),
    )
    cases = []
    for label, V, d, window, n in windows:
        window = np.array(window, dtype=np.int64)
        cases.append(Case(label, (rng.normal(0, 1, (V, d)), window, *_layer(rng, n, window.size * d))))
    return cases


def _lookups(rng: np.random.Generator) -> list[Case]:
    """(E, window) of the same windows, for the lookup alone."""
    return [Case(case.label, case.args[:2]) for case in _window_indices(rng)]


WINDOW_BATCHES = (("N=1, m=5, n=2", 1, 5, 2), ("N=4, m=10, n=3", 4, 10, 3), ("N=9, m=15, n=4", 9, 15, 4),
                  ("N=200, m=25, n=6", 200, 25, 6))


def _window_batches(rng: np.random.Generator) -> list[Case]:
    return [
        Case(label, (rng.normal(0, 1, (N, m)), _binary_targets(rng, N), *_layer(rng, n, m)))
        for label, N, m, n in WINDOW_BATCHES
    ]


# (label, N, m, n_hidden, lr, epochs): a few steps on small separable data.
TRAINING_RUNS = (("N=1, m=3, n_hidden=2, lr=0.5, 3 epochs", 1, 3, 2, 0.5, 3),
                 ("N=8, m=6, n_hidden=3, lr=1.0, 5 epochs", 8, 6, 3, 1.0, 5),
                 ("N=40, m=10, n_hidden=4, lr=2.0, 25 epochs", 40, 10, 4, 2.0, 25),
                 ("N=120, m=15, n_hidden=8, lr=0.5, 10 epochs", 120, 15, 8, 0.5, 10))


def _training_runs(rng: np.random.Generator) -> list[Case]:
    cases = []
    for label, N, m, n_hidden, lr, epochs in TRAINING_RUNS:
        X = rng.normal(0, 1, (N, m))
        y = (X @ rng.normal(0, 1, m) > 0).astype(np.float64)
        y[: min(N, 2)] = (0.0, 1.0)[: min(N, 2)]
        cases.append(Case(label, (X, y, n_hidden, lr, epochs, int(rng.integers(0, 2**31)))))
    return cases


PARTS = {PAIR: ("dw/du", "dw/dv")}
# Named hints an exercise may carry (Exercise.hints).
SQUARE = "square"  # the loss squares a difference: a missing factor 2 is d/dŷ (y − ŷ)² = −2 (y − ŷ)
HINTS = frozenset({SQUARE})


def _exercise(assignment, name, params, output, points, draw_cases, also_accepted=None, parts="", **knowledge) -> Exercise:
    """An Exercise; ``parts``: its elements' names, space-separated (a pair's by default);
    ``knowledge``: its mini_batch, matrix, hints, batch_output and mistakes fields."""
    names = tuple(parts.split()) or PARTS.get(output, ())
    return Exercise(name, assignment, tuple(params.split()), output, points, draw_cases, also_accepted, names, **knowledge)


DELTA_MISTAKES = (("delta_without_u", mistakes.delta_without_u), ("delta_without_sigma_prime", mistakes.delta_without_sigma_prime))


def _relu_derivative_zero_at_zero(z):
    """ReLU's Jacobian taking the derivative 0 at z = 0, which the contract also accepts."""
    return np.diag((z > 0).astype(np.float64))


EXERCISES: tuple[Exercise, ...] = (
    _exercise("ps1_unary", "jacobian_identity", "x", ARRAY, 1, _real_vectors(-3, 3)),
    _exercise("ps1_unary", "jacobian_log_exp", "x", ARRAY, 2, _real_vectors(0.05, 3, edges=(1e-3, 0.5, 1.0, 5.0))),
    _exercise("ps1_unary", "jacobian_sigmoid", "z", ARRAY, 2, _real_vectors(-6, 6, edges=(-30.0, -1.0, 0.0, 1.0, 30.0))),
    _exercise("ps1_unary", "jacobian_tanh", "z", ARRAY, 2, _real_vectors(-3, 3, edges=(-15.0, 0.0, 15.0))),
    _exercise("ps1_unary", "jacobian_relu", "z", ARRAY, 2, _real_vectors(-2, 2, edges=(-1.0, 0.0, 1e-3, 2.0)), _relu_derivative_zero_at_zero),
    _exercise("ps2_binary", "jacobians_add", "u v", PAIR, 2, _vector_pairs),
    _exercise("ps2_binary", "jacobians_sub", "u v", PAIR, 2, _vector_pairs),
    _exercise("ps2_binary", "jacobians_hadamard", "u v", PAIR, 2, _vector_pairs),
    _exercise("ps3_dense", "dense_forward", "W x b", ARRAY, 1, _dense_inputs),
    _exercise("ps3_dense", "jacobian_dense_z", "W x b", ARRAY, 2, _dense_inputs),
    _exercise("ps3_dense", "jacobian_dense_b", "W x b", ARRAY, 1, _dense_inputs),
    _exercise("ps3_dense", "jacobian_dense_x", "W x b", ARRAY, 2, _dense_inputs),
    _exercise("ps3_dense", "jacobian_dense_w", "W x b", ARRAY, 3, _dense_inputs, matrix="W", mistakes=(("w_for_x", mistakes.w_for_x),)),
    _exercise("ps3_dense", "jacobian_neuron_w", "X w b", ARRAY, 2, _batch_inputs, batch_output=True),
    _exercise("ps3_dense", "jacobian_neuron_b", "X w b", ARRAY, 1, _batch_inputs, batch_output=True),
    _exercise("ps3_dense", "jacobian_neuron_x", "X w b", ARRAY, 3, _batch_inputs, matrix="X"),
    _exercise("ps4_losses", "mse_loss", "y y_hat", SCALAR, 1, _regression_targets, mini_batch=True, hints=frozenset({SQUARE}), mistakes=(("per_example_losses", mistakes.per_example_losses),)),
    _exercise("ps4_losses", "grad_mse", "y y_hat", ARRAY, 2, _regression_targets, mini_batch=True, hints=frozenset({SQUARE}), batch_output=True),
    _exercise("ps4_losses", "bce_loss", "y y_hat", SCALAR, 1, _probabilities, mini_batch=True),
    _exercise("ps4_losses", "jacobian_bce_per_example", "y y_hat", ARRAY, 2, _probabilities, mini_batch=True, batch_output=True),
    _exercise("ps4_losses", "grad_bce", "y y_hat", ARRAY, 2, _probabilities, mini_batch=True, batch_output=True),
    _exercise("ps4_losses", "grad_bce_logits", "y z", ARRAY, 2, _logits, mini_batch=True, batch_output=True),
    _exercise("ps4_losses", "grad_softmax_ce_logits", "Y L", ARRAY, 3, _one_hot_logits, mini_batch=True, batch_output=True, mistakes=(("softmax_axis", mistakes.softmax_axis),)),
    _exercise("ps5_window", "window_vector", "E window", ARRAY, 1, _lookups, mistakes=(("flattened_by_columns", mistakes.window_vector_by_columns),)),
    _exercise("ps5_window", "window_score", "x W b u", SCALAR, 1, _windows),
    _exercise("ps5_window", "window_delta", "x W b u", ARRAY, 2, _windows, mistakes=DELTA_MISTAKES),
    _exercise("ps5_window", "grad_window_b", "x W b u", ARRAY, 1, _windows, mistakes=DELTA_MISTAKES),
    _exercise("ps5_window", "grad_window_W", "x W b u", ARRAY, 2, _windows, mistakes=(
        ("gradient_transposed", mistakes.grad_W_transposed), ("jacobian_form", mistakes.grad_W_jacobian_form),
        ("delta_without_u", mistakes.grad_W_without_u), ("delta_without_sigma_prime", mistakes.grad_W_without_sigma_prime))),
    _exercise("ps5_window", "grad_window_x", "x W b u", ARRAY, 2, _windows, mistakes=(
        ("W_delta", mistakes.grad_x_W_delta), ("delta_without_u", mistakes.grad_x_without_u),
        ("delta_without_sigma_prime", mistakes.grad_x_without_sigma_prime))),
    _exercise("ps5_window", "grad_window_u", "x W b u", ARRAY, 1, _windows),
    _exercise("ps5_window", "grad_window_embeddings", "E window W b u", ARRAY, 3, _window_indices, mistakes=(
        ("repeated_word_assigned", mistakes.embeddings_assigned), ("window_blocks", mistakes.embeddings_blocks))),
    _exercise("ps5_window", "window_batch_loss", "X y W b u", SCALAR, 1, _window_batches, mini_batch=True),
    _exercise("ps5_window", "window_batch_grads", "X y W b u", TRIPLE, 3, _window_batches, parts="dJ/dW dJ/db dJ/du",
              mini_batch=True, mistakes=(("per_example", mistakes.batch_grads_per_example),)),
    _exercise("ps5_window", "train_window_classifier", "X y n_hidden lr epochs seed", TRIPLE, 3, _training_runs, parts="W b u",
              mistakes=(("one_after_another", mistakes.train_one_after_another), ("gradient_ascent", mistakes.train_ascending))),
)

BY_NAME: dict[str, Exercise] = {e.name: e for e in EXERCISES}
ASSIGNMENTS: tuple[str, ...] = tuple(dict.fromkeys(e.assignment for e in EXERCISES))


def for_assignment(assignment: str) -> list[Exercise]:
    found = [e for e in EXERCISES if e.assignment == assignment]
    if not found:
        raise UnknownName(f"unknown assignment {assignment!r}; the course has {', '.join(ASSIGNMENTS)}")
    return found


def get(name: str) -> Exercise:
    try:
        return BY_NAME[name]
    except KeyError:
        raise UnknownName(f"unknown function {name!r}: the course's functions are {', '.join(BY_NAME)}") from None
