"""Zero the graded functions that differentiate numerically or automatically (see ``grader.integrity.derivation_scan``)."""

from __future__ import annotations

from pathlib import Path

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


MAX_MODULE_BYTES = 1 << 20  # a student's module larger than this is not read (nor is it likely hand-written)


def own_modules(folder: str) -> list[str]:
    """Sources of the Python files the student handed in beside the notebook (their own modules and packages)."""
    paths = sorted(p for p in Path(folder).rglob("*.py") if p.is_file() and not p.is_symlink())
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.stat().st_size <= MAX_MODULE_BYTES]


class FlagNumericalDerivatives(NbGraderPreprocessor):
    """After ScoreProbes: a hidden test whose function is not derived scores 0, with the reason.

    The student's own modules beside the notebook are read first, as cells before the notebook's:
    a graded function that calls a helper imported from them is scanned with that helper.
    """

    def preprocess(self, nb, resources):
        scope = Scope()
        for source in own_modules(resources.get("metadata", {}).get("path") or "."):
            scope.run_cell(source)
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
