"""Grading processes share one database engine per gradebook (grader.autograde.gradebook_engines).

That the grades stay those of plain nbgrader is test_parallel_autograde's business; here:
the sharing itself, that nbgrader's own behaviour is back outside it, and that nothing stale
is kept from one grading to the next.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from nbgrader import api
from nbgrader.api import Gradebook

from grader.autograde.gradebook_engines import shared_engines


def url(path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def empty_gradebook(tmp_path_factory):
    """A new gradebook file (nbgrader takes seconds to create one: it asks alembic for the version)."""
    path = tmp_path_factory.mktemp("gradebooks") / "empty.db"
    Gradebook(url(path), "course").close()
    return path


@pytest.fixture
def databases(tmp_path, empty_gradebook):
    """Two empty gradebooks, a.db and b.db, in tmp_path."""
    for name in ("a.db", "b.db"):
        shutil.copy(empty_gradebook, tmp_path / name)
    return tmp_path


def test_gradebooks_on_one_database_share_an_engine_inside(databases):
    with shared_engines():
        with Gradebook(url(databases / "a.db"), "course") as first:
            engine = first.engine
        with Gradebook(url(databases / "a.db"), "course") as second:
            assert second.engine is engine
        with Gradebook(url(databases / "b.db"), "course") as other:
            assert other.engine is not engine


def test_outside_each_gradebook_has_its_own_engine_again(databases):
    with shared_engines():
        with Gradebook(url(databases / "a.db"), "course"):
            pass
    with Gradebook(url(databases / "a.db"), "course") as first:
        engine = first.engine
    with Gradebook(url(databases / "a.db"), "course") as second:
        assert second.engine is not engine


def test_writes_through_a_shared_engine_are_committed_for_everyone(databases):
    database = databases / "a.db"
    with shared_engines():
        with Gradebook(url(database), "course") as gradebook:
            gradebook.add_student("ada", first_name="Ada")
        with Gradebook(url(database), "course") as gradebook:
            gradebook.update_or_create_student("grace", first_name="Grace")
            # another connection, as another grading process has, sees both while the engine lives
            with sqlite3.connect(database) as elsewhere:
                assert sorted(row[0] for row in elsewhere.execute("SELECT id FROM student")) == ["ada", "grace"]


def test_a_database_replaced_between_gradings_is_opened_afresh(databases, empty_gradebook):
    database = databases / "a.db"
    with shared_engines():
        with Gradebook(url(database), "course") as gradebook:
            gradebook.add_student("ada")
    database.unlink()  # a course graded again from scratch
    shutil.copy(empty_gradebook, database)
    with shared_engines():
        with Gradebook(url(database), "course") as gradebook:
            assert [student.id for student in gradebook.students] == []
            gradebook.add_student("grace")
    assert [row[0] for row in sqlite3.connect(database).execute("SELECT id FROM student")] == ["grace"]


def test_the_engines_are_given_up_even_when_grading_fails(databases):
    try:
        with shared_engines():
            with Gradebook(url(databases / "a.db"), "course") as gradebook:
                engine = gradebook.engine
            raise RuntimeError("a grading failed")
    except RuntimeError:
        pass
    with shared_engines():
        with Gradebook(url(databases / "a.db"), "course") as gradebook:
            assert gradebook.engine is not engine


def test_nested_sharing_keeps_the_engine_until_the_outermost_exit(databases):
    """A local grading process shares its engines for the whole run; each student's grading enters again."""
    database = url(databases / "a.db")
    with shared_engines():
        with shared_engines():
            with Gradebook(database, "course") as gradebook:
                engine = gradebook.engine
        with shared_engines():
            with Gradebook(database, "course") as gradebook:
                assert gradebook.engine is engine
                gradebook.add_student("ada")
        # another process's write, between two students, is seen through the kept engine
        with sqlite3.connect(databases / "a.db") as elsewhere:
            elsewhere.execute("INSERT INTO student (id) VALUES ('grace')")
        with Gradebook(database, "course") as gradebook:
            assert sorted(student.id for student in gradebook.students) == ["ada", "grace"]
    with Gradebook(database, "course") as gradebook:
        assert gradebook.engine is not engine


def test_the_course_row_is_looked_for_once_per_course_and_made_when_missing(databases, monkeypatch):
    looked_for = []
    check_course = Gradebook.check_course
    monkeypatch.setattr(Gradebook, "check_course", lambda self, **kw: looked_for.append(kw) or check_course(self, **kw))
    with shared_engines():
        for _ in range(3):
            with Gradebook(url(databases / "a.db"), "course"):
                pass
        with Gradebook(url(databases / "a.db"), "another") as other:
            assert {course.id for course in other.db.query(api.Course)} == {"course", "another"}
    assert looked_for == [{"course_id": "course"}, {"course_id": "another"}]
