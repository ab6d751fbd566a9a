"""The CLI parses and dispatches: a user's mistake is one line and status 2, a bug keeps its traceback."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from grader import cli, commands
from grader.autograde.interruption import Interrupted
from grader.contract import exercises
from grader.course.collect import refuse_broken_zips
from grader.errors import CourseError, UnknownName
from tests.helpers import PROJECT


def test_an_unknown_function_is_one_plain_error_line_listing_the_functions(capsys):
    assert cli.main(["cases", "window_scor", "--seed", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown function 'window_scor': the course's functions are jacobian_identity, ")
    assert err.count("\n") == 1 and all(e.name in err for e in exercises.EXERCISES)


@pytest.mark.parametrize("seed", [-5, 2**32])
def test_a_seed_out_of_range_is_one_plain_error_line(capsys, seed):
    assert cli.main(["cases", "window_score", "--seed", str(seed)]) == 2
    assert capsys.readouterr().err == f"error: seed {seed} is out of range: seeds are 0..4294967295 (2**32-1), as the feedback prints them\n"


def test_cases_prints_every_entry_of_a_large_case_as_code_that_rebuilds_it(capsys):
    assert cli.main(["cases", "jacobian_sigmoid", "--seed", "7"]) == 0
    printed = capsys.readouterr().out
    assert "..." not in printed
    exercise = exercises.get("jacobian_sigmoid")
    cases = exercise.cases(7)
    assert max(np.size(c.args[0]) for c in cases) >= 200
    rebuilt = [{} for _ in cases]
    blocks = printed.split("# ")[1:]
    for block, names in zip(blocks, rebuilt):
        exec(block.split("\n", 1)[1], {"np": np}, names)
    for case, names in zip(cases, rebuilt):
        for name, value in zip(exercise.params, case.args):
            np.testing.assert_array_equal(names[name], value, strict=True)


def test_export_into_a_missing_folder_names_the_file_not_a_temporary_one(tmp_path, capsys):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.ExportApp.plugin_class = 'grader.course.export.PerFunctionCsvExportPlugin'\n")
    target = tmp_path / "nonexistent" / "g.csv"
    assert cli.main(["--course", str(tmp_path), "export", "--to", str(target)]) == 2
    assert capsys.readouterr().err == f"error: cannot write {target}: the folder does not exist\n"


def test_a_download_that_is_not_a_zip_is_refused_by_name(tmp_path):
    fake = tmp_path / "notzip.zip"
    fake.write_text("not a zip")
    with pytest.raises(CourseError, match=f"{fake} is not a zip file: pass the LMS's zip"):
        refuse_broken_zips([fake])


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


@pytest.mark.parametrize("force, advice", [(False, "submissions graded: run the same command again to grade the rest"),
                                           (True, "submissions graded again: run the same command again to grade them all again")])
def test_an_interrupted_autograde_says_how_to_grade_the_rest(monkeypatch, tmp_path, capsys, force, advice):
    # After --force, a run without it would skip what this one never reached (graded before): the same command it is.
    (tmp_path / "nbgrader_config.py").write_text((PROJECT / "nbgrader_config.py").read_text())
    shutil.copytree(PROJECT / "source", tmp_path / "source")

    def interrupted(*_args):
        raise Interrupted(3, 10)

    monkeypatch.setattr(commands, "autograde_all", interrupted)
    status = commands.autograde(course=tmp_path, assignments=["ps1_unary"], students=None, force=force, workers=1, scheduler=None)
    assert status == 130
    assert f"3 of 10 {advice}" in capsys.readouterr().err


def test_autograding_an_assignment_never_released_says_to_release_it_first(tmp_path, capsys):
    (tmp_path / "nbgrader_config.py").write_text((PROJECT / "nbgrader_config.py").read_text())
    shutil.copytree(PROJECT / "source", tmp_path / "source")
    handed_in = tmp_path / "submitted" / "s1" / "ps1_unary"
    handed_in.mkdir(parents=True)
    shutil.copy2(PROJECT / "release" / "ps1_unary" / "ps1_unary.ipynb", handed_in)
    assert cli.main(["--course", str(tmp_path), "autograde", "ps1_unary"]) == 2
    err = capsys.readouterr().err
    assert "never released" in err and f"python -m grader --course {tmp_path} release ps1_unary" in err
    assert not (tmp_path / "autograded").exists()
