"""Translated notebook texts: ``notebooks/<language>/<assignment>.py`` beside ``notebooks/<assignment>.py``.

A translation has exactly the English file's cells, in the same order, with the same cell
headers (``role=``, ``function=``, ``include=``) plus ``en_sha``: the first 12 hex digits
of the SHA-256 of the English cell's text (``cell.source`` as jupytext reads it, UTF-8)
that the translation was made from. Markdown is translated; a code cell keeps the English
code and translates only its comments and docstrings. So the cells cannot drift apart:

- ``stale``: the English cell changed since (its hash is no longer ``en_sha``);
- ``untranslated``: ``en_sha=""``, as ``write_skeleton`` leaves every cell;
- ``missing``/``extra``/``header``: the cells do not pair one to one;
- ``code``: once comments and docstrings are stripped (compared as ``ast`` dumps), the code differs.

``problems`` lists them; the build refuses a translation with structural or code problems
and warns about stale ones; the tests fail on any.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from grader.i18n import TranslationError

SHA_KEY = "en_sha"
SHA_DIGITS = 12
# Cell metadata jupytext keeps for its own layout, not part of a cell's header.
LAYOUT_KEYS = {"lines_to_next_cell", "lines_to_end_of_cell_marker", "cell_marker"}
# How the skeleton writes headers: the course's keys in the English files' order, then en_sha.
JUPYTEXT_FORMAT = {"extension": ".py", "format_name": "percent"}


@dataclass(frozen=True)
class CellProblem:
    path: Path
    cell: int  # 1-based position in the English file (0: the whole file)
    kind: str  # missing_file, missing, extra, header, code, untranslated, stale
    detail: str
    en_sha: str = ""  # what the translated cell's en_sha should say

    def __str__(self) -> str:
        where = f"{self.path}" + (f": cell {self.cell}" if self.cell else "")
        fix = f' (en_sha="{self.en_sha}" once translated)' if self.en_sha else ""
        return f"{where}: {self.kind}: {self.detail}{fix}"


def en_sha(source: str) -> str:
    """Hash of an English cell's text, as written in its translation's header."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:SHA_DIGITS]


def translation_path(english: Path, language: str) -> Path:
    return english.parent / language / english.name


def read_cells(path: Path) -> list[nbformat.NotebookNode]:
    return jupytext.read(path, fmt="py:percent").cells


def header(cell) -> dict:
    """A cell's type and course header keys (role, function, include), without en_sha or layout keys."""
    keys = {k: v for k, v in cell.metadata.items() if k not in LAYOUT_KEYS and k != SHA_KEY}
    return {"cell_type": cell.cell_type, **keys}


class _StripDocstrings(ast.NodeTransformer):
    """Drops the docstring of the module, each function and each class (comments never reach the ast)."""

    def _strip(self, node):
        self.generic_visit(node)
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
        return node

    visit_Module = visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _strip


def code_signature(source: str) -> str:
    """The code of a cell without comments and docstrings, as an ``ast`` dump."""
    return ast.dump(_StripDocstrings().visit(ast.parse(source)))


def cell_problems(path: Path, number: int, english, translated) -> list[CellProblem]:
    """What is wrong with one translated cell paired with its English cell (number: 1-based)."""
    sha = en_sha(english.source)
    if header(english) != header(translated):
        return [CellProblem(path, number, "header", f"header {header(translated)} differs from the English {header(english)}", sha)]
    problems = []
    if english.cell_type == "code":
        try:
            same = code_signature(english.source) == code_signature(translated.source)
        except SyntaxError as error:
            same, error_text = False, f": {error.msg} at line {error.lineno}"
        else:
            error_text = ""
        if not same:
            problems.append(CellProblem(path, number, "code", "the code differs from the English cell once comments and docstrings are removed" + error_text, sha))
    written = translated.metadata.get(SHA_KEY)
    if not written:
        problems.append(CellProblem(path, number, "untranslated", "en_sha is empty", sha))
    elif str(written) != sha:
        problems.append(CellProblem(path, number, "stale", f"the English cell changed since it was translated (en_sha {written})", sha))
    return problems


def problems(english: Path, language: str) -> list[CellProblem]:
    """Every problem of ``english``'s translation into ``language`` (none: it is complete and current)."""
    path = translation_path(english, language)
    if not path.is_file():
        return [CellProblem(path, 0, "missing_file", f"no translation of {english.name} (python -m grader i18n skeleton {english.stem} --language {language})")]
    english_cells, translated_cells = read_cells(english), read_cells(path)
    found = [p for number, (e, t) in enumerate(zip(english_cells, translated_cells), 1) for p in cell_problems(path, number, e, t)]
    found += [CellProblem(path, n, "missing", f"no translation of the English cell {header(c)}", en_sha(c.source))
              for n, c in enumerate(english_cells[len(translated_cells):], len(translated_cells) + 1)]
    found += [CellProblem(path, n, "extra", f"the English file has only {len(english_cells)} cells")
              for n in range(len(english_cells) + 1, len(translated_cells) + 1)]
    return found


def english_texts(notebooks_dir: Path) -> list[Path]:
    return sorted(notebooks_dir.glob("*.py"))


def write_skeleton(english: Path, language: str) -> Path:
    """Start a translation: the English cells with their headers and ``en_sha=""`` (untranslated).

    Raises TranslationError rather than overwrite a translation.
    """
    path = translation_path(english, language)
    if path.exists():
        raise TranslationError(f"{path} exists: edit it (python -m grader i18n status lists what to translate)")
    nb = jupytext.read(english, fmt="py:percent")
    for cell in nb.cells:
        cell.metadata[SHA_KEY] = ""
    nb.metadata = {"jupytext": {"notebook_metadata_filter": "-all", "cell_metadata_filter": "-all,include,function,role,en_sha",
                                "text_representation": JUPYTEXT_FORMAT}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(jupytext.writes(nb, fmt="py:percent"), encoding="utf-8")
    return path


def translated_sources(english: Path, language: str) -> list[str]:
    """The translated cells' texts, one per English cell; TranslationError if the cells do not pair or the code differs."""
    blocking = [p for p in problems(english, language) if p.kind not in ("stale", "untranslated")]
    if blocking:
        raise TranslationError(f"{len(blocking)} problem(s) in the {language} translation; first: {blocking[0]}")
    return [cell.source for cell in read_cells(translation_path(english, language))]
