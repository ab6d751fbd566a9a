"""The CLI parses and dispatches: a user's mistake is one line and status 2, a bug keeps its traceback."""

from __future__ import annotations

import pytest

from grader import cli, commands
from grader.errors import CourseError, UnknownName


def test_an_unknown_function_is_one_plain_error_line(capsys):
    assert cli.main(["cases", "jacobian_nothing", "--seed", "1"]) == 2
    assert capsys.readouterr().err == "error: unknown exercise 'jacobian_nothing'; see COURSE_SPEC.md for the function names\n"


def test_a_course_error_is_reported_and_a_key_error_is_a_bug(monkeypatch, capsys):
    def fails(error):
        def run(**_):
            raise error
        return run

    monkeypatch.setattr(commands, "scores", fails(CourseError("nothing here: do this")))
    assert cli.main(["scores"]) == 2
    assert capsys.readouterr().err == "error: nothing here: do this\n"
    monkeypatch.setattr(commands, "scores", fails(KeyError("grade_id")))
    with pytest.raises(KeyError):
        cli.main(["scores"])


def test_a_typed_user_error_is_still_a_key_error_for_lookups():
    assert issubclass(UnknownName, KeyError) and str(UnknownName("unknown assignment 'x'")) == "unknown assignment 'x'"


def test_each_command_is_dispatched_with_keyword_arguments(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setattr(commands, "autograde", lambda **kwargs: seen.update(kwargs) or 0)
    assert cli.main(["--course", str(tmp_path), "autograde", "ps1_unary", "--student", "ann", "--force", "--workers", "3"]) == 0
    assert seen == {"course": tmp_path.resolve(), "assignments": ["ps1_unary"], "students": ["ann"], "force": True,
                    "workers": 3, "scheduler": None}


def test_lab_is_a_subcommand(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setattr("grader.course.lab.start_lab", lambda **kwargs: seen.update(kwargs) or 0)
    assert cli.main(["--course", str(tmp_path), "lab", "--student", "alice", "--port", "8890"]) == 0
    assert seen == {"course": tmp_path.resolve(), "student": "alice", "port": 8890}
