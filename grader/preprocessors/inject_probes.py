"""Replace each hidden test cell's source by a probe, just before nbgrader executes it."""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

from grader.probe import wire
from grader.contract.exercises import seed_for
from grader.utils import exercise_of

STATE_KEY = "jacobians_probes"


def grading_seed(resources, exercise) -> int:
    """Inputs depend on assignment, student and function: stable across re-grades."""
    info = resources.get("nbgrader", {})
    return seed_for(info.get("assignment", ""), info.get("student", ""), exercise.name)


class InjectProbes(NbGraderPreprocessor):
    """The kernel gets the grader's inputs and calls the student's function; nothing else.

    The original source (as restored from the gradebook by OverwriteCells) is kept
    in ``resources`` so that ScoreProbes can put it back after execution.
    """

    def preprocess(self, nb, resources):
        resources[STATE_KEY] = {}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        exercise = exercise_of(cell)
        if exercise is None:
            return cell, resources
        seed = grading_seed(resources, exercise)
        cases = exercise.cases(seed)
        sizes = [exercise.answer_size(case) for case in cases]
        nonce = wire.new_nonce()
        resources[STATE_KEY][cell.metadata.nbgrader.grade_id] = {
            "source": cell.source,
            "nonce": nonce,
            "seed": seed,
        }
        cell.source = wire.probe_source(exercise, cases, nonce, wire.max_elements(sizes))
        return cell, resources
