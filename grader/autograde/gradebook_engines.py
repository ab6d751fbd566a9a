"""One database engine per gradebook for a grading process's whole run, not one per ``Gradebook``.

nbgrader opens a ``Gradebook`` about ten times for each notebook it autogrades (the
student, the assignment, the submission, the kernelspec, the cells, the grades, the late
penalty). Each one creates a SQLAlchemy engine, whose cache of compiled statements starts
empty, asks the database for its tables and checks every one of them exists (a query per
table), and on close throws its connection away. Sharing the engine took a grading process
from 0.32 to 0.19 CPU s per notebook (measured on this project's class).

Inside ``shared_engines()`` every ``Gradebook`` of this process with the same URL shares one
engine: the schema is checked the first time only (the database already exists: the grading
run created it before any grading process opened it), the compiled statements and the
pooled connection are kept, the course's row is looked for once (nbgrader looks for it, and
makes it if missing, in every ``Gradebook``; it never deletes one), and closing a
``Gradebook`` ends its session as before (so the
next one sees what other processes wrote meanwhile). It nests: the outermost one decides how
long the engines live. A local grading process enters it once for the whole run (a student
who hands in one notebook would otherwise pay the engine, the schema check and every query's
compilation again); a Dask task enters it per student, since a Dask worker outlives runs. On
the outermost exit the engines are disposed: a database that is replaced between runs (a
course graded again from scratch) is opened afresh.
Every query and every write is nbgrader's own, in the same order, so grades are unchanged.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from nbgrader import api
from sqlalchemy.engine import Engine
from sqlalchemy.orm import scoped_session, sessionmaker

_engines: dict[str, Engine] = {}  # db_url -> the engine every Gradebook on it shares, inside shared_engines()
_checked: set[tuple[str, str]] = set()  # (db_url, course_id) whose course row a shared engine's Gradebook saw
_depth = [0]  # shared_engines() entered and not yet left, in this process
_nbgrader_init = api.Gradebook.__init__
_nbgrader_close = api.Gradebook.close


def _init_on_shared_engine(self, db_url: str, course_id: str = "default_course", authenticator=None) -> None:
    engine = _engines.get(db_url)
    if engine is None:  # the first on this database: nbgrader's own set-up (engine, schema check)
        _nbgrader_init(self, db_url, course_id, authenticator)
        _engines[db_url] = self.engine
        _checked.add((db_url, course_id))
        return
    # nbgrader's __init__ from here on, without a new engine and the schema check
    self.engine = engine
    self.db = scoped_session(sessionmaker(autoflush=True, bind=engine, future=True))
    if (db_url, course_id) not in _checked:  # nbgrader never deletes a course: once found or made, it stays
        self.check_course(course_id=course_id)
        _checked.add((db_url, course_id))
    self.course_id = course_id
    self.authenticator = authenticator


def _close_keeping_engine(self) -> None:
    if any(engine is self.engine for engine in _engines.values()):
        self.db.remove()  # the session ends; the engine and its pooled connection stay for the next Gradebook
    else:
        _nbgrader_close(self)


@contextlib.contextmanager
def shared_engines() -> Iterator[None]:
    """Within: nbgrader's ``Gradebook`` shares one engine per database URL (this process, one thread).

    Re-entrant: only the outermost exit gives the engines up.
    """
    if _depth[0] == 0:
        api.Gradebook.__init__, api.Gradebook.close = _init_on_shared_engine, _close_keeping_engine
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
        if _depth[0] == 0:
            _give_up_engines()


def _give_up_engines() -> None:
    api.Gradebook.__init__, api.Gradebook.close = _nbgrader_init, _nbgrader_close
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()
    _checked.clear()
