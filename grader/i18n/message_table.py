"""The self-check's message table: extracted into the catalogue, translated into the notebook at build time.

The self-check helpers (``notebooks/shared/self_check.py``) run in the student's kernel,
which never imports the grader, so they cannot call gettext. Their texts live in one
top-level dict literal, ``MESSAGES = {"key": "English text with {placeholders}", ...}``;
``pybabel extract`` reads its values (``extract_message_table``, named in babel.cfg) and
the notebook build writes each value translated (``translate_table``).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

TABLE_NAME = "MESSAGES"


def table_values(source: str) -> list[ast.Constant]:
    """The string values of the top-level ``MESSAGES = {...}`` of ``source``, in order ([] without a table)."""
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == TABLE_NAME for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            values = node.value.values
            bad = [v for v in values if not (isinstance(v, ast.Constant) and isinstance(v.value, str))]
            if bad:
                raise ValueError(f"line {bad[0].lineno}: every value of {TABLE_NAME} must be a plain string literal (no f-string, no name)")
            return values
    return []


def extract_message_table(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extraction method: each value of the file's ``MESSAGES`` table is a message id."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for value in table_values(source):
        yield value.lineno, None, value.value, []


def translate_table(source: str, translate: Callable[[str], str]) -> str:
    """``source`` with each value of its ``MESSAGES`` table replaced by ``translate(value)`` as a literal.

    Offsets from ``ast`` count UTF-8 bytes, so the splice works on the encoded text,
    from the last value to the first so that earlier offsets stay valid.
    """
    lines = source.encode("utf-8").splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    text = source.encode("utf-8")
    for value in reversed(table_values(source)):
        begin = starts[value.lineno - 1] + value.col_offset
        end = starts[value.end_lineno - 1] + value.end_col_offset
        text = text[:begin] + repr(translate(value.value)).encode("utf-8") + text[end:]
    return text.decode("utf-8")
