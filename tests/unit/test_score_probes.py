"""ScoreProbes on an in-memory notebook: a failing function that calls a failing graded function says so first."""

from __future__ import annotations

import contextlib
import io

import nbformat
import numpy as np
from nbformat.v4 import new_code_cell, new_notebook, new_output

from grader.contract import exercises, reference
from grader.preprocessors import ScoreProbes
from grader.preprocessors.inject_probes import STATE_KEY
from grader.probe import wire

SEED = 7
SOLUTIONS = {
    "dense_forward": "def dense_forward(W, x, b):\n    return list(sigmoid(W @ x + b))\n",
    "jacobian_dense_z": "def jacobian_dense_z(W, x, b):\n    a = dense_forward(W, x, b)\n    return np.diag(a * (1 - a))\n",
    # Calls the failing dense_forward, but converts its answer: right, so nothing to say.
    "jacobian_dense_b": "def jacobian_dense_b(W, x, b):\n    a = np.array(dense_forward(W, x, b))\n    return np.diag(a * (1 - a))\n",
    "jacobian_dense_x": "def helper(W, x, b):\n    return jacobian_dense_z(W, x, b)\n\n"
                        "def jacobian_dense_x(W, x, b):\n    return helper(W, x, b) @ W\n",
}


def _hidden_cell(name: str, namespace: dict, states: dict):
    """A hidden test cell as Execute leaves it: the probe's source and its printed record."""
    exercise = exercises.get(name)
    cases = exercise.cases(SEED)
    nonce = wire.new_nonce()
    source = wire.probe_source(exercise, cases, nonce, wire.max_elements(exercise.answer_size(c) for c in cases))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(source, namespace)
    cell = new_code_cell(source, outputs=[new_output("stream", name="stdout", text=printed.getvalue())])
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "points": exercise.points, "grade_id": f"hidden_{name}"}
    states[f"hidden_{name}"] = {"source": f'grade_hidden("{name}")', "nonce": nonce, "seed": SEED}
    return cell


def graded_notebook() -> dict[str, str]:
    """Each hidden cell's report after ScoreProbes, by function."""
    namespace = {"np": np, "sigmoid": reference.sigmoid}
    cells, states = [new_code_cell("import numpy as np")], {}
    for name, solution in SOLUTIONS.items():
        exec(solution, namespace)
        cells += [new_code_cell(solution), _hidden_cell(name, namespace, states)]
    nb, _ = ScoreProbes().preprocess(new_notebook(cells=cells), {STATE_KEY: states})
    nbformat.validate(nb)
    return {
        c.metadata["jacobians"]["exercise"]: "".join(o.get("text", "") + "\n".join(o.get("traceback", [])) for o in c.outputs)
        for c in nb.cells if "jacobians" in c.metadata
    }


def test_a_failing_function_names_the_failing_graded_function_it_calls_first():
    reports = graded_notebook()
    assert "calls your" not in reports["dense_forward"]
    lines = reports["jacobian_dense_z"].splitlines()
    assert lines[1] == "  ✗ `jacobian_dense_z` calls your `dense_forward`, which fails its own tests: fix that one first."
    assert "calls your" not in reports["jacobian_dense_b"] and reports["jacobian_dense_b"].startswith("jacobian_dense_b: 1 / 1")
    # Through a helper of another name, and every failing graded function on the way.
    assert "`jacobian_dense_x` calls your `jacobian_dense_z`" in reports["jacobian_dense_x"]
    assert "`jacobian_dense_x` calls your `dense_forward`" in reports["jacobian_dense_x"]
