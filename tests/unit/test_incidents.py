"""Integrity incidents as data (grader.integrity.incidents) and the outcome that carries them (Outcome)."""

from __future__ import annotations

import json
import logging
import pickle

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from grader.course.course import SUMMARY_LIMIT, Outcome
from grader.integrity import incidents
from grader.i18n import use_language
from grader.integrity.incidents import Incident
from grader.integrity.messages import Message


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


def _missing_cell_notebook():
    nb = new_notebook()
    incidents.record(nb, Incident.of("cells", Message("cells/missing_at", grade_id="hidden_f", position=4)))
    return json.loads(nbformat.writes(nb))  # as the course reads it back from autograded/


def test_a_flag_is_shown_in_the_course_language_and_recorded_in_english(monkeypatch):
    english = "cell 'hidden_f' was missing (deleted, or its metadata stripped): put back at cell 4"
    nb = _missing_cell_notebook()
    assert [i.text for i in incidents.recorded(nb)] == [english]  # what nbgrader's log and old readers see
    outcome = Outcome("ann", "ps1_unary", True, flags=tuple(incidents.flags([nb])))
    monkeypatch.delenv("JACOBIANS_LANGUAGE", raising=False)
    assert outcome.summary() == english
    monkeypatch.setenv("JACOBIANS_LANGUAGE", "ko")
    assert outcome.summary() == "셀 'hidden_f'이(가) 없었습니다 (삭제되었거나 메타데이터가 제거됨): 셀 4 자리에 다시 넣었습니다"
    with use_language("en"):
        assert outcome.summary() == english


def test_nested_messages_and_errors_are_rendered_in_the_course_language_after_crossing_processes():
    reason = Message("sandbox/broke_times", count=4)
    flag = pickle.loads(pickle.dumps(Message("sandbox/not_run", reason=reason)))  # as parallel workers return it
    error = pickle.loads(pickle.dumps(Message("submission/unreadable", name="ps1_unary.ipynb", error="NotJSONError: x")))
    outcome = Outcome("ann", "ps1_unary", False, error, (flag,))
    assert outcome.summary() == ("ps1_unary.ipynb is not a readable notebook (NotJSONError: x): no credit until it is "
                                 "submitted again; the remaining cells were not run: the kernel broke 4 times")
    with use_language("ko"):
        assert outcome.summary() == ("ps1_unary.ipynb은(는) 읽을 수 있는 노트북이 아닙니다 (NotJSONError: x): 다시 제출할 때까지 "
                                     "점수가 없습니다; 나머지 셀은 실행하지 않았습니다: 커널이 4번 멈추거나 죽었습니다")


def test_an_incident_recorded_without_a_key_or_with_an_unknown_one_shows_its_text():
    old = {"metadata": {"jacobians": {"incidents": [
        {"step": "sandbox", "text": "cell 3: the kernel died"},
        {"step": "cells", "text": "from a newer grader", "message": {"key": "cells/renamed", "params": {}}},
    ]}}}
    with use_language("ko"):
        assert incidents.flags([old]) == ["cell 3: the kernel died", "from a newer grader"]
