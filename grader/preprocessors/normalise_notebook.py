"""Make a submitted notebook's structure one that every later step, feedback included, can render.

A student's notebook reaches the grader through editors and scripts that break nbformat's
rules in ways Jupyter tolerates when it runs a notebook but nbconvert's HTML export does not:
cell ids in an nbformat 4.4 notebook, cells sharing one id, ``"id": null`` (nbconvert's
template takes its length: a ``TypeError`` and no feedback page), tags that are not a list
of strings, a ``language_info`` that is not a mapping (nbconvert then refuses the notebook
after the first step). First in the sanitize step, before anything is stored in ``autograded/``:

- the notebook becomes nbformat 4.5, and every cell has a valid id of its own (a valid,
  first-seen id is kept; any other gets a new one);
- cell metadata keeps what grading reads (``nbgrader``, and ``tags`` when a list of strings)
  and the notebook's keeps its ``kernelspec``; the rest (widget state, ``language_info``,
  editor settings) goes, since every output is produced again and the kernel reports its
  language itself;
- a markdown cell's ``attachments`` stay only when shaped as nbformat says.

``structure_problems`` says, in words, what such a notebook has wrong, and ``notebook_problem``
what keeps a stored one from rendering: the course quotes it when feedback fails.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import nbformat
from nbformat import NotebookNode
from nbformat.corpus.words import generate_corpus_id as random_cell_id
from nbgrader.preprocessors import NbGraderPreprocessor

CELL_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")  # nbformat 4.5's schema for a cell id
NBFORMAT_MINOR = 5  # the first minor version with cell ids


def _string_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _attachments_ok(value) -> bool:
    """nbformat's shape: {name: {mime type: str or list of str}}."""
    return isinstance(value, dict) and all(
        isinstance(bundle, dict) and all(isinstance(data, str) or _string_list(data) for data in bundle.values())
        for bundle in value.values()
    )


# Cell metadata kept, and the shape each must have to be kept.
KEPT_CELL_METADATA = {"nbgrader": lambda value: isinstance(value, dict), "tags": _string_list}
KEPT_NOTEBOOK_METADATA = {
    "kernelspec": lambda value: isinstance(value, dict) and all(isinstance(value.get(k), str) for k in ("name", "display_name")),
}


def _valid_id(value) -> bool:
    return isinstance(value, str) and CELL_ID.match(value) is not None


def structure_problems(nb: dict) -> list[str]:
    """What in a notebook (JSON as read) keeps nbconvert from rendering it, one phrase each; [] when nothing."""
    cells = [cell for cell in nb.get("cells", []) if isinstance(cell, dict)]
    problems = []
    with_ids = [i for i, cell in enumerate(cells) if "id" in cell]
    if with_ids and nb.get("nbformat", 4) == 4 and nb.get("nbformat_minor", 0) < NBFORMAT_MINOR:
        problems.append(f"it says nbformat 4.{nb.get('nbformat_minor', 0)}, which has no cell ids, yet {len(with_ids)} cells have one")
    invalid = [i for i in with_ids if not _valid_id(cells[i]["id"])]
    if invalid:
        problems.append(f"{_cells(invalid, 'has', 'have')} an id that is not a short string of letters, digits, - and _ "
                        f"({', '.join(sorted({repr(cells[i]['id']) for i in invalid})[:3])})")
    counts = Counter(cells[i]["id"] for i in with_ids if _valid_id(cells[i]["id"]))
    for shared, count in counts.items():
        if count > 1:
            problems.append(f"cells {_listed([i for i in with_ids if cells[i]['id'] == shared])} share the id {shared!r}")
    for i, cell in enumerate(cells):
        metadata = cell.get("metadata", {})
        wrong = sorted(key for key, ok in KEPT_CELL_METADATA.items() if key in metadata and not ok(metadata[key]))
        if not isinstance(metadata, dict) or wrong:
            problems.append(f"cell {i} has malformed metadata ({', '.join(wrong) or 'not a mapping'})")
    return problems


def _kept(metadata, kept: dict) -> NotebookNode:
    """The entries of ``metadata`` named in ``kept`` whose value has the shape ``kept`` asks for."""
    items = metadata.items() if isinstance(metadata, dict) else ()
    return NotebookNode({key: value for key, value in items if key in kept and kept[key](value)})


def _listed(indices: list[int]) -> str:
    return ", ".join(map(str, indices[:6])) + (", \u2026" if len(indices) > 6 else "")


def _cells(indices: list[int], one: str, many: str) -> str:
    """'cell 3 has' or 'cells 3, 5 have' (verbs given)."""
    return f"cell {indices[0]} {one}" if len(indices) == 1 else f"cells {_listed(indices)} {many}"


class NormaliseNotebook(NbGraderPreprocessor):
    """Valid, unique cell ids and only the metadata grading reads: what autograde stores, feedback can render."""

    def preprocess(self, nb, resources):
        problems = structure_problems(nb)
        nb.nbformat, nb.nbformat_minor = 4, max(NBFORMAT_MINOR, nb.get("nbformat_minor", 0))
        nb.metadata = _kept(nb.get("metadata"), KEPT_NOTEBOOK_METADATA)
        taken = {cell.get("id") for cell in nb.cells}
        seen: set[str] = set()
        for cell in nb.cells:
            if not _valid_id(cell.get("id")) or cell.id in seen:
                cell.id = next(new for new in iter(random_cell_id, None) if new not in taken)
                taken.add(cell.id)
            seen.add(cell.id)
            cell.metadata = _kept(cell.get("metadata"), KEPT_CELL_METADATA)
            if "attachments" in cell and (cell.cell_type != "markdown" or not _attachments_ok(cell.attachments)):
                del cell["attachments"]
        if problems:
            self.log.info("Notebook structure repaired: %s", "; ".join(problems))
        return nb, resources


def notebook_problem(path) -> str | None:
    """Why the notebook at ``path`` cannot be rendered, in words (None: nothing found).

    For an autograded notebook whose feedback failed: said so the instructor knows what to do.
    """
    try:
        with open(path, encoding="utf-8") as stream:
            nb = json.load(stream)
    except (OSError, ValueError) as error:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return f"it is not a readable notebook ({str(error)[:150]})"
    if not isinstance(nb, dict):
        return "it is not a notebook (its JSON is not an object)"
    problems = structure_problems(nb)
    if not problems:
        try:
            nbformat.validate(nbformat.from_dict(nb))
        except nbformat.ValidationError as error:
            problems = [f"it breaks nbformat's rules ({str(error.message)[:200]})"]
    if not problems:
        return None
    return "; ".join(problems) + ": autograde it again (--force), which repairs the notebook's structure"
