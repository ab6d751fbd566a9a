"""Keep the source of hidden tests out of feedback (nbgrader issue 917)."""

from __future__ import annotations

import re

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from grader.i18n import N_, _, use_language
from grader.i18n.course_language import feedback_language

HIDDEN_REGION = re.compile(r"^[ \t]*#+ *BEGIN HIDDEN TESTS.*?^[ \t]*#+ *END HIDDEN TESTS[^\n]*\n?", re.S | re.M)


class StripHiddenTests(NbGraderPreprocessor):
    """Replace every hidden-test region by a placeholder, and reduce the tracebacks of
    those cells to their last line, which names the error but quotes no test code."""

    placeholder = Unicode(N_("# (hidden tests: their code is not shown in feedback)\n"),
                          help="replaces each hidden-test region (translated into the student's language)").tag(config=True)

    def preprocess(self, nb, resources):
        with use_language(feedback_language(self, resources)):
            return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not HIDDEN_REGION.search(cell.source):
            return cell, resources
        cell.source = HIDDEN_REGION.sub(lambda region: _(self.placeholder), cell.source)
        for output in cell.get("outputs", []):
            if output.output_type == "error" and output.get("ename") != "Incorrect":
                output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
