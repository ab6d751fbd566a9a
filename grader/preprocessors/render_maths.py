"""Render the notebook's LaTeX as MathML at feedback time, so that the feedback page needs no MathJax.

A feedback file is often read downloaded and offline; MathJax comes from a CDN and leaves raw
``$...$`` there. MathML is drawn by every current browser without a script (MathML Core), and the
page stays one self-contained file. latex2mathml converts every formula of the course's notebooks.
"""

from __future__ import annotations

import re
from html import escape

from latex2mathml.converter import convert
from nbgrader.preprocessors import NbGraderPreprocessor

# Code is left alone (a `$` there is code); then display maths $$...$$, then inline $...$ within a
# paragraph (it may wrap onto the next line, never across a blank line).
MARKDOWN_MATHS = re.compile(
    r"(?P<code>```.*?```|`[^`\n]*`)"
    r"|\$\$(?P<display>.+?)\$\$"
    r"|\$(?P<inline>(?:[^$\n]|\n(?!\s*\n))+?)\$",
    re.S,
)


LABELLED_ARROW = re.compile(r"\\xrightarrow\s*\{")


def _closing_brace(tex: str, start: int) -> int:
    """Index of the brace closing the group that opens just before ``start`` (-1: unbalanced)."""
    depth = 1
    for i in range(start, len(tex)):
        if tex[i] == "{" and tex[i - 1] != "\\":
            depth += 1
        elif tex[i] == "}" and tex[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i
    return -1


def overset_arrows(tex: str) -> str:
    """``\\xrightarrow{label}`` as ``\\overset{label}{\\longrightarrow}``.

    latex2mathml draws \\xrightarrow as an <mpadded> of negative height over a short arrow: in a
    browser the labels of a chain of arrows print on top of each other. A plain <mover> over a
    long arrow keeps each label above its own arrow.
    """
    while match := LABELLED_ARROW.search(tex):
        end = _closing_brace(tex, match.end())
        if end < 0:
            return tex
        tex = f"{tex[:match.start()]}\\overset{{{tex[match.end():end]}}}{{\\longrightarrow}}{tex[end + 1:]}"
    return tex


def latex_to_mathml(tex: str, display: bool) -> str:
    """One formula (without its $ delimiters) as a <math> element; raises what latex2mathml raises."""
    mathml = convert(overset_arrows(tex), display="block" if display else "inline")
    # Markdown reads a line break inside an HTML element as a paragraph's line: keep it on one line.
    return mathml.replace("\n", "")


class RenderMaths(NbGraderPreprocessor):
    """Replace each $...$ and $$...$$ of a markdown cell by its MathML.

    A formula latex2mathml cannot read stays as its LaTeX source in a <code> element (readable,
    never silently dropped) and is logged, so an instructor can fix it.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "markdown" and "$" in cell.source:
            cell.source = MARKDOWN_MATHS.sub(self._replace, cell.source)
        return cell, resources

    def _replace(self, match: re.Match) -> str:
        if match.group("code") is not None:
            return match.group("code")
        display = match.group("display") is not None
        tex = match.group("display") if display else match.group("inline")
        try:
            return latex_to_mathml(tex, display)
        except Exception as error:  # latex2mathml raises many types; one formula never stops the page
            self.log.warning("feedback: could not render the formula %r as MathML (%s)", tex, error)
            delimiter = "$$" if display else "$"
            return f'<code class="tex">{escape(delimiter + tex + delimiter)}</code>'
