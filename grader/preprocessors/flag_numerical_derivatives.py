"""Zero the graded functions that differentiate numerically or automatically (see ``grader.integrity.derivation_scan``)."""

from __future__ import annotations

from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.integrity.derivation_scan import Finding, Scope, imported_modules
from grader.integrity import incidents
from grader.i18n import use_language
from grader.i18n.course_language import feedback_language
from grader.integrity.messages import Message, rendered
from grader.utils import exercise_of, is_instructor_code

def zero_outputs(exercise, findings: list[Finding]) -> list:
    """The verdict that replaces the cell's outputs: 0 points, and why, in the current language."""
    lines = [rendered(Message("derivation/score", function=exercise.name, points=f"{exercise.points:g}"))]
    lines += ["  " + rendered(Message("derivation/not_derived", kind=f.kind, function=exercise.name, detail=f.detail))
              for f in findings]
    lines.append("    " + rendered(Message("derivation/explain")))
    return [new_output("error", ename="Incorrect", evalue=lines[0], traceback=lines)]


MAX_MODULE_BYTES = 1 << 20  # a student's module larger than this is not read (nor is it likely hand-written)
MAX_MODULE_FILES = 200


def own_modules(folder: str, sources: list[str]) -> list[str]:
    """Sources of the student's own modules beside the notebook that ``sources`` import, and those import in turn:
    ``<name>.py``, or every ``.py`` file of the package ``<name>/``."""
    root, read, found = Path(folder), set(), {}
    pending = imported_modules(sources)
    while pending and len(found) < MAX_MODULE_FILES:
        name = pending.pop()
        read.add(name)
        package = root / name
        paths = [root / f"{name}.py"] if (root / f"{name}.py").is_file() else sorted(package.rglob("*.py")) if package.is_dir() else []
        for path in paths[:MAX_MODULE_FILES]:
            if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_MODULE_BYTES:
                found[path] = path.read_text(encoding="utf-8", errors="replace")
        pending |= imported_modules([found[p] for p in paths if p in found]) - read
    return [found[path] for path in sorted(found)]


class FlagNumericalDerivatives(NbGraderPreprocessor):
    """After ScoreProbes: a hidden test whose function is not derived scores 0, with the reason.

    The student's own modules beside the notebook that it imports are read first, as cells before
    the notebook's: a graded function that calls a helper imported from them is scanned with that helper.
    """

    def preprocess(self, nb, resources):
        scope = Scope()
        cells = [cell.source for cell in nb.cells if cell.cell_type == "code"]
        for source in own_modules(resources.get("metadata", {}).get("path") or ".", cells):
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
            with use_language(feedback_language(self, resources)):
                cell.outputs = zero_outputs(exercise, findings)
            summary = cell.metadata.setdefault("jacobians", {"exercise": exercise.name, "max_score": float(exercise.points)})
            summary["score"] = 0.0
            summary["findings"] = [{"part": "", "passed": False, "check": "derivation", "message": f"{f.kind}: {f.detail}"} for f in findings]
            kinds = ", ".join(dict.fromkeys(f.kind for f in findings))
            message = Message("derivation/zero", function=exercise.name, kinds=kinds)
            incidents.record(nb, incidents.Incident.of("derivation", message), self.log, resources)
        return nb, resources
