"""RenderMaths: the feedback page's LaTeX as MathML, code left alone, an unreadable formula kept readable."""

from __future__ import annotations

import logging

import nbformat
import numpy as np

from grader.checking.render import comparison_html
from grader.preprocessors import RenderMaths


def _render(markdown: str) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown)])
    rendered, _ = RenderMaths().preprocess(nb, {})
    return rendered.cells[0].source


def test_inline_and_display_maths_become_mathml_on_one_line():
    out = _render("The slope $s = a \\odot (1 - a)$ and\n\n$$\\frac{\\partial a}{\\partial z}\n= \\operatorname{diag}(s)$$")
    assert out.count("<math") == 2 and 'display="inline"' in out and 'display="block"' in out
    assert "$" not in out and "\\partial" not in out
    assert all("\n" not in part.split("</math>")[0] for part in out.split("<math")[1:])


def test_inline_maths_may_wrap_onto_the_next_line_of_its_paragraph():
    out = _render("the sum $\\sum_i\n a_i$ of the activations")
    assert out.count("<math") == 1 and "$" not in out


def test_code_spans_and_blocks_keep_their_dollars():
    text = "call `f($x$)` then\n```python\nprice = '$5'  # $ not maths $\n```\n"
    assert _render(text) == text


def test_a_formula_latex2mathml_cannot_read_stays_as_latex_and_is_logged(caplog):
    with caplog.at_level(logging.WARNING):
        out = _render("broken $\\frac{1}{$ here")
    assert '<code class="tex">$\\frac{1}{$</code>' in out
    assert "could not render" in caplog.text


def test_a_chain_of_labelled_arrows_keeps_each_label_over_its_own_arrow():
    """latex2mathml's \\xrightarrow is an <mpadded> of negative height: labels of a chain overlapped."""
    out = _render(r"$$x \xrightarrow{\ z = W_{i}x + b\ } z \xrightarrow{\ h = \sigma(z)\ } h .$$")
    assert "mpadded" not in out and out.count("<mover>") == 2
    arrows = out.split("<mover>")[1:]
    assert all(a.startswith("<mrow><mi>&#x027F6;</mi></mrow>") for a in arrows)  # base: a long arrow; then the label
    assert "<msub><mi>W</mi><mrow><mi>i</mi></mrow></msub>" in arrows[0] and "<mi>&#x003C3;</mi>" in arrows[1]


def test_the_expected_and_received_values_are_set_apart():
    html = comparison_html(np.array(-0.79), np.array(-3.49))
    assert html.count("margin:0 1.5em 0.4em 0") == 2 and "expected a scalar</div>" in html


def test_ps5_chain_renders_without_labelled_arrows():
    """ps5's chain x -> z -> h -> s: labelled arrows (\\xrightarrow, \\overset) render unreadably as MathML."""
    from tests.helpers import PROJECT

    markdown = [cell.source for cell in nbformat.read(PROJECT / "source" / "ps5_window" / "ps5_window.ipynb", as_version=4).cells
                if cell.cell_type == "markdown"]
    chain = next(text for text in markdown if "Breaking the score into pieces" in text)
    assert "\\xrightarrow" not in chain and "\\overset" not in chain
    out = _render(chain)
    assert '<code class="tex">' not in out and "$" not in out
