"""Put a submission's graded cells back the way the assignment has them, whatever the student did.

Replaces ``nbgrader.preprocessors.OverwriteCells`` in the sanitize step of autograde.
nbgrader 0.9.6's version restores a locked cell's source, type and points, but stops
the whole submission with a KeyError when a test cell was deleted, had its metadata
stripped, or was duplicated (and its re-added cells go after a neighbour that may be
gone). nbgrader's DeduplicateIds, before it, keeps the *last* copy of a cell pasted
twice, even scratch work far below the cell's place. This one replaces both:

- of a known cell that appears more than once, grades the copy at the place the
  assignment gives it (fewest cells out of the assignment's order around it; among
  equals the last, as nbgrader did): the notebook is graded as it runs, top to
  bottom, and the other copies run as ordinary cells;
- drops the nbgrader metadata of cells the assignment does not have (a student's
  "bonus" grade cell), so they run as ordinary cells and earn nothing;
- resets the flags of known cells (grade, solution, task, schema) from the gradebook;
- puts back every missing graded cell after the last cell that precedes it in the
  assignment and is still there (at the end when none is), and moves a graded cell
  that now comes before such a cell (moved up, or its solution moved down) after it:
  a hidden test always runs after the code it tests.

nbgrader's own checks of each known cell (type, locked, points, a locked cell's checksum and
source) run as in OverwriteCells, its gradebook lookups for each cell answered from the
assignment's cells read once per notebook (``KnownCells``).

Each change is recorded as an incident (``grader.integrity.incidents``) for the instructor;
the submission starts with none, whatever its own metadata claims.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from nbformat.corpus.words import generate_corpus_id as random_cell_id
from nbgrader.api import Gradebook
from nbgrader.preprocessors import OverwriteCells

from grader.integrity import incidents
from grader.integrity.messages import Message
from grader.utils import grade_id_of


@dataclass(frozen=True)
class SourceCell:
    """What nbgrader's OverwriteCells reads of a cell of the assignment (a row of its gradebook)."""

    name: str
    cell_type: str
    locked: bool
    checksum: str | None
    source: str


@dataclass(frozen=True)
class GradedCell:
    max_score: float


class KnownCells:
    """The lookups nbgrader's ``OverwriteCells.preprocess_cell`` makes in the gradebook for each
    graded cell (``find_source_cell``; ``find_graded_cell`` too for a grade cell: a query each, the
    same rows for every student), answered from the assignment's cells read once per notebook;
    anything else is asked of ``gradebook``."""

    def __init__(self, gradebook, sources: dict[str, SourceCell], points: dict[str, float]):
        self.gradebook, self.sources, self.points = gradebook, sources, points

    def __getattr__(self, name: str):
        return getattr(self.gradebook, name)

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> SourceCell:
        return self.sources[name]

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> GradedCell:
        return GradedCell(self.points[name])


class RestoreCells(OverwriteCells):
    """nbgrader's OverwriteCells, robust to deleted, duplicated, moved, retyped and stripped cells."""

    def preprocess(self, nb, resources):
        self._nb, self._resources = nb, resources
        incidents.clear(nb)
        with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
            source_nb = gradebook.find_notebook(resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"])
            # Graded cells in the order of the assignment, and what each known cell is.
            sources = [SourceCell(c.name, c.cell_type, c.locked, c.checksum, c.source) for c in source_nb.source_cells]
            self._order = [c.name for c in sources]
            self._points = {c.name: c.max_score for c in source_nb.grade_cells}
            self._solutions = {c.name for c in source_nb.solution_cells}
            self._tasks = {c.name: c.max_score for c in source_nb.task_cells}
        self._sources = {c.name: c for c in sources}
        self._keep_one_copy(nb)
        nb, resources = super().preprocess(nb, resources)
        self._restore_order(nb)
        return nb, resources

    def _note(self, key: str, **params) -> None:
        incidents.record(self._nb, incidents.Incident.of("cells", Message(key, **params)), self.log, self._resources)

    def _misplacement(self, nb, grade_id: str, index: int) -> int:
        """How many known cells around ``nb.cells[index]`` are out of the assignment's order: later ones above it, earlier ones below."""
        rank = self._order.index(grade_id)
        ranks = [(i, self._order.index(g)) for i, g in enumerate(map(grade_id_of, nb.cells)) if g in self._order]
        return sum(1 for i, r in ranks if (i < index and r > rank) or (i > index and r < rank))

    def _keep_one_copy(self, nb) -> None:
        """Of each known cell that appears more than once, keep the nbgrader metadata of the copy in its place only."""
        copies = defaultdict(list)
        for index, cell in enumerate(nb.cells):
            if grade_id_of(cell) in self._order:
                copies[grade_id_of(cell)].append(index)
        for grade_id, indices in copies.items():
            if len(indices) < 2:
                continue
            kept = min(reversed(indices), key=lambda index: self._misplacement(nb, grade_id, index))
            for index in indices:
                if index != kept:
                    del nb.cells[index].metadata["nbgrader"]
            self._note("cells/duplicated", grade_id=grade_id, count=len(indices), cells=", ".join(map(str, indices)), kept=kept)

    def preprocess_cell(self, cell, resources, cell_index):
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            return cell, resources
        grade_id = meta.get("grade_id")
        if grade_id not in self._order:
            del cell.metadata["nbgrader"]
            if grade_id is not None:
                self._note("cells/unknown", cell=cell_index, grade_id=grade_id)
            return cell, resources
        meta.update(
            grade=grade_id in self._points,
            solution=grade_id in self._solutions,
            task=grade_id in self._tasks,
            schema_version=3,
        )
        if grade_id in self._points:
            meta["points"] = self._points[grade_id]
        # nbgrader's checks of the cell (type, locked, points, checksum, a locked cell's source), with
        # its two lookups answered from the rows read above; the gradebook stays for the rest.
        gradebook, self.gradebook = self.gradebook, KnownCells(self.gradebook, self._sources, self._points)
        try:
            return super().preprocess_cell(cell, resources, cell_index)
        finally:
            self.gradebook = gradebook

    def _after_predecessors(self, nb, grade_id: str) -> int | None:
        """Index just after the last cell present that precedes ``grade_id`` in the assignment (None: none is present)."""
        before = set(self._order[: self._order.index(grade_id)])
        indices = [i for i, cell in enumerate(nb.cells) if grade_id_of(cell) in before]
        return max(indices) + 1 if indices else None

    def _graded_in_order(self) -> list[str]:
        return sorted(self._points, key=self._order.index)

    def add_missing_grade_cells(self, nb, resources):
        sources = {c.name: c for c in self.gradebook.find_notebook(self.notebook_id, self.assignment_id).source_cells}
        for grade_id in self._graded_in_order():
            if any(grade_id_of(cell) == grade_id for cell in nb.cells):
                continue
            cell = self.missing_cell_transform(sources[grade_id], self._points[grade_id], is_solution=grade_id in self._solutions)
            if nb.get("nbformat_minor", 0) >= 5:  # cells carry ids since nbformat 4.5
                cell.id = random_cell_id()
            position = self._after_predecessors(nb, grade_id)
            nb.cells.insert(len(nb.cells) if position is None else position, cell)
            if position is None:
                self._note("cells/missing_at_end", grade_id=grade_id)
            else:
                self._note("cells/missing_at", grade_id=grade_id, position=position)
        return nb, resources

    def add_missing_task_cells(self, nb, resources):
        sources = {c.name: c for c in self.gradebook.find_notebook(self.notebook_id, self.assignment_id).source_cells}
        present = {grade_id_of(cell) for cell in nb.cells}
        for grade_id in sorted(self._tasks.keys() - present, key=self._order.index):
            nb.cells.append(self.missing_cell_transform(sources[grade_id], self._tasks[grade_id], is_task=True))
        return nb, resources

    def _restore_order(self, nb) -> None:
        """Move each graded cell after every cell present that precedes it in the assignment."""
        for grade_id in self._graded_in_order():
            index = next((i for i, cell in enumerate(nb.cells) if grade_id_of(cell) == grade_id), None)
            position = self._after_predecessors(nb, grade_id) if index is not None else None
            if position is not None and index < position - 1:
                nb.cells.insert(position - 1, nb.cells.pop(index))
                self._note("cells/moved", grade_id=grade_id)
