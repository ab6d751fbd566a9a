"""The verdict FlagNumericalDerivatives writes for a function that is not derived, in the student's language."""

from __future__ import annotations

from grader.contract import exercises
from grader.i18n import use_language
from grader.integrity.derivation_scan import Scope
from grader.preprocessors.flag_numerical_derivatives import zero_outputs

FORWARD_DIFFERENCE = "import numpy as np\ndef f(x):\n    h = 1e-6\n    return (np.exp(x + h) - np.exp(x)) / h\n"


def _verdict(language: str) -> list[str]:
    scope = Scope()
    scope.run_cell(FORWARD_DIFFERENCE)
    with use_language(language):
        return zero_outputs(exercises.get("jacobian_sigmoid"), scope.findings("f"))[0]["traceback"]


def test_the_verdict_names_the_finding_in_english():
    lines = _verdict("en")
    assert lines[0] == "jacobian_sigmoid: 0 / 2 points"
    assert "  \u2717 not derived (finite differences): jacobian_sigmoid divides a difference by a small step: " \
           "(np.exp(x + h) - np.exp(x)) / h." in lines
    assert lines[-1].startswith("    The course grades derivations")


def test_the_verdict_is_korean_for_a_korean_student_with_the_code_unchanged():
    lines = _verdict("ko")
    assert lines[0] == "jacobian_sigmoid: 0 / 2점"
    assert any("유도하지 않았습니다 (유한 차분)" in line and "(np.exp(x + h) - np.exp(x)) / h" in line for line in lines)
    assert "유도를 채점합니다" in lines[-1]


def test_the_findings_stay_english_text_for_the_gradebook_and_the_report():
    scope = Scope()
    scope.run_cell(FORWARD_DIFFERENCE)
    with use_language("ko"):
        kinds = {f"{finding.kind}" for finding in scope.findings("f")}
    assert kinds == {"finite differences"}
