"""The gradebook on a real PostgreSQL server: release, autograde, export and report through it.

SQLite stays the default; nbgrader_config.py takes a ``db_url`` from JACOBIANS_DB_URL.
The fixture starts a throwaway server (Debian's postgresql, installed here with
apt-get when missing and we are root) on loopback, in a temporary folder, on a free
port, and stops it at the end. It skips, saying why, only where it cannot install it.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

from grader import cli
from grader.autograde import grading_process, parallel
from grader.course import simulate
from grader.course.course import Course
from tests.helpers import PROJECT, copy_course

ASSIGNMENT = Course(PROJECT).assignments()[0]
STUDENTS = [s for s in simulate.default_class() if s.id in ("solution", "mistakes_a")]
DATABASE = "jacobians_gradebook"
APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
# Debian's package would also create and start a default cluster; the test starts its own.
NO_DEFAULT_CLUSTER = Path("/etc/postgresql-common/createcluster.d/no-main-cluster.conf")


def postgres_bin() -> Path | None:
    """The newest installed server's bin dir (initdb, pg_ctl), Debian layout."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def install_postgres() -> str:
    """apt-get install Debian's postgresql; '' on success, else why not."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "PostgreSQL is not installed and installing it needs apt-get as root"
    NO_DEFAULT_CLUSTER.parent.mkdir(parents=True, exist_ok=True)
    NO_DEFAULT_CLUSTER.write_text("create_main_cluster = false\n")
    for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"]):
        done = subprocess.run(command, env=APT_ENV, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            return f"`{' '.join(command)}` failed: {(done.stderr or done.stdout).strip()[-500:]}"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 only; trust auth for user postgres."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="jacobians-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        # initdb refuses to run as root: the server runs as Debian's postgres user then.
        self.as_server_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command: str) -> None:
        done = subprocess.run([*self.as_server_user, *command], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = (self.folder / "server.log").read_text() if (self.folder / "server.log").exists() else ""
            raise RuntimeError(f"{command[0]} failed: {done.stderr or done.stdout}\n{log[-2000:]}")

    def start(self) -> None:
        if self.as_server_user:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w", "start")

    def connect(self, database: str) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True)

    def create_database(self, name: str) -> str:
        """A new database's SQLAlchemy URL (driver psycopg 3, the project's dependency)."""
        with self.connect("postgres") as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres():
    if postgres_bin() is None:
        why = install_postgres()
        if why or postgres_bin() is None:
            pytest.skip(f"no PostgreSQL server for the Postgres gradebook test: {why or 'installed, but no initdb found'}")
    server = ThrowawayPostgres(postgres_bin())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def course(postgres, tmp_path_factory):
    """A course whose nbgrader_config.py reads its db_url from JACOBIANS_DB_URL, graded through Postgres."""
    url = postgres.create_database(DATABASE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JACOBIANS_DB_URL", url)
        course = copy_course(tmp_path_factory.mktemp("postgres") / "course", [ASSIGNMENT])
        simulate.write_submissions(course.root, STUDENTS, [ASSIGNMENT])
        for student in STUDENTS:
            outcome = course.autograde(ASSIGNMENT, student.id)
            assert outcome.ok, outcome.summary()
        yield course


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = cli.main(list(args))
    return status, out.getvalue()


def test_the_gradebook_lives_in_postgres_not_sqlite(course, postgres):
    assert course.db_url.startswith("postgresql+psycopg://")
    assert not (course.root / "gradebook.db").exists()
    with postgres.connect(DATABASE) as connection:
        rows = connection.execute("SELECT s.student_id FROM submitted_assignment s JOIN assignment a ON a.id = s.assignment_id "
                                  "WHERE a.name = %s", (ASSIGNMENT,)).fetchall()
    assert sorted(student for student, in rows) == sorted(s.id for s in STUDENTS)


def test_autograde_scores_each_function_in_postgres(course):
    for student in STUDENTS:
        expected = simulate.expected_scores(student, ASSIGNMENT)
        assert course.cell_scores(ASSIGNMENT, student.id) == {f"hidden_{f}": p for f, p in expected.items()}


def test_export_and_report_read_the_postgres_gradebook(course, tmp_path):
    status, out = run_cli("--course", str(course.root), "export", "--to", str(tmp_path / "grades.csv"))
    assert status == 0, out
    with open(tmp_path / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    for student in STUDENTS:
        expected = simulate.expected_scores(student, ASSIGNMENT)
        assert {f: float(rows[student.id][f]) for f in expected} == expected
    status, out = run_cli("--course", str(course.root), "report")
    assert status == 0, out
    assert "mistakes_a" in (course.root / "reports" / f"{ASSIGNMENT}.html").read_text()


def test_parallel_autograde_writes_the_grades_into_postgres(course, postgres):
    """Grading processes (their gradebooks sharing one engine each) write to Postgres as nbgrader does."""
    with postgres.connect(DATABASE) as connection:
        connection.execute("UPDATE grade SET auto_score = 0")  # so that only a real regrade restores them
    graded, _ = parallel.autograde_class(course, [ASSIGNMENT], force=True, workers=2, progress=None)
    assert [g.outcome.ok for g in graded] == [True] * len(STUDENTS), [g.outcome.summary() for g in graded]
    assert all(g.worker != grading_process.worker_name() for g in graded)
    for student in STUDENTS:
        expected = simulate.expected_scores(student, ASSIGNMENT)
        assert course.cell_scores(ASSIGNMENT, student.id) == {f"hidden_{f}": p for f, p in expected.items()}
