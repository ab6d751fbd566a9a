"""Integrity incidents as data (grader.integrity.incidents) and the outcome that carries them (Outcome)."""

from __future__ import annotations

import json
import logging

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from grader.course.course import SUMMARY_LIMIT, Outcome
from grader.integrity import incidents
from grader.integrity.incidents import Incident


def test_an_incident_is_recorded_in_the_notebook_and_survives_writing_it(tmp_path, caplog):
    nb = new_notebook(cells=[new_code_cell("x = 1")])
    log = logging.getLogger("test")
    resources = {"nbgrader": {"student": "ann", "assignment": "ps1_unary"}}
    with caplog.at_level(logging.WARNING):
        incidents.record(nb, Incident("cells", "cell 'hidden_f' was missing: put back at the end"), log, resources)
        incidents.record(nb, Incident("sandbox", "cell 3: the kernel died"), log, resources)
    nbformat.write(nb, tmp_path / "graded.ipynb")
    again = json.loads((tmp_path / "graded.ipynb").read_text())
    assert incidents.recorded(again) == [Incident("cells", "cell 'hidden_f' was missing: put back at the end"),
                                         Incident("sandbox", "cell 3: the kernel died")]
    assert "integrity: ann/ps1_unary: cell 3: the kernel died" in caplog.text


def test_the_flags_of_a_submission_are_its_distinct_incident_texts_in_order():
    first, second = new_notebook(), new_notebook()
    for nb, texts in ((first, ["b", "a", "b"]), (second, ["a", "c"])):
        for text in texts:
            incidents.record(nb, Incident("sandbox", text))
    assert incidents.flags([first, second]) == ["b", "a", "c"]
    assert incidents.flags([new_notebook()]) == []


def test_what_a_submission_claims_in_its_own_metadata_is_not_an_incident():
    forged = new_notebook(metadata={"jacobians": {"incidents": [{"step": "sandbox", "text": "forged"}]}})
    incidents.clear(forged)
    assert incidents.recorded(forged) == []
    broken = new_notebook(metadata={"jacobians": "not a dict"})
    incidents.record(broken, Incident("cells", "real"))
    assert incidents.flags([broken]) == ["real"]


def test_an_outcome_keeps_its_error_apart_from_its_flags():
    graded = Outcome("ann", "ps1_unary", True, flags=("f not derived (finite differences): 0 points",))
    failed = Outcome("bob", "ps1_unary", False, "ps1_unary.ipynb is not a readable notebook")
    assert (graded.error, failed.flags) == ("", ())
    assert graded.summary() == "f not derived (finite differences): 0 points"
    assert Outcome("cy", "ps1_unary", True).summary() == ""
    long = Outcome("dan", "ps1_unary", True, flags=tuple("x" * 100 for _ in range(10)))
    assert len(long.summary()) == SUMMARY_LIMIT and long.summary().endswith("\u2026")
