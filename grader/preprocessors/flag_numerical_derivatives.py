"""Zero the graded functions that differentiate numerically or automatically (see ``grader.integrity.derivation_scan``)."""

from __future__ import annotations

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.integrity.derivation_scan import Finding, Scope
from grader.integrity import incidents
from grader.utils import exercise_of, is_instructor_code

def zero_outputs(exercise, findings: list[Finding]) -> list:
    """The verdict that replaces the cell's outputs: 0 points, and why."""
    lines = [f"{exercise.name}: 0 / {exercise.points:g} points"]
    lines += [f"  \u2717 not derived ({f.kind}): {exercise.name} {f.detail}." for f in findings]
    lines.append("    The course grades derivations: return the derivative you derived. Finite differences are fine")
    lines.append("    for checking your answer, in a function of another name that the graded one does not call.")
    return [new_output("error", ename="Incorrect", evalue=lines[0], traceback=lines)]


class FlagNumericalDerivatives(NbGraderPreprocessor):
    """After ScoreProbes: a hidden test whose function is not derived scores 0, with the reason."""

    def preprocess(self, nb, resources):
        scope = Scope()
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            exercise = exercise_of(cell)
            if exercise is None:
                scope.run_cell(cell.source, instructor=is_instructor_code(cell))
                continue
            findings = scope.findings(exercise.name)
            if not findings:
                continue
            cell.outputs = zero_outputs(exercise, findings)
            summary = cell.metadata.setdefault("jacobians", {"exercise": exercise.name, "max_score": float(exercise.points)})
            summary["score"] = 0.0
            summary["findings"] = [{"part": "", "passed": False, "check": "derivation", "message": f"{f.kind}: {f.detail}"} for f in findings]
            kinds = ", ".join(dict.fromkeys(f.kind for f in findings))
            text = f"{exercise.name} not derived ({kinds}): 0 points"
            incidents.record(nb, incidents.Incident("derivation", text), self.log, resources)
        return nb, resources
