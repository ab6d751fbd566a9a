"""The adversaries of tests/pipeline/test_integrity.py: students trying to game, crash or read the grader.

Each ``Adversary`` is a submission (solution-cell sources, or an edit of the notebook's
structure) and what must come of it: the functions that earn 0, the words the
instructor's outcome names, whether nbgrader can grade it at all.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
import pytest

from grader.contract import exercises
from grader.sandbox import policy as sandbox
from grader.course import simulate
from grader.course.course import CONFIG_FILE, Course
from grader.course.notebooks import build_notebook
from tests.helpers import PROJECT

PS1, PS2 = "ps1_unary", "ps2_binary"
FULL = {a: {e.name: float(e.points) for e in exercises.for_assignment(a)} for a in (PS1, PS2)}
# Shorter limits than the course's: a hung cell costs 3 s, a kernel that ignores the interrupt 2 s more.
TEST_LIMITS = """
c.SandboxedExecute.timeout = 3
c.SandboxedExecute.iopub_timeout = 2
c.SandboxedExecute.notebook_timeout = 90
c.SandboxedExecute.memory_limit = 2 << 30
"""
ISOLATED = sandbox.isolation_problem() is None
needs_isolation = pytest.mark.skipif(not ISOLATED, reason=f"kernels are not isolated here: {sandbox.isolation_problem()}")
# Fresh for each run: what an adversary leaves behind is told apart from any earlier run's.
TOKEN = f"pwned-{secrets.token_hex(4)}"  # the name of every file an adversary tries to write
SLEEP = f"sleep {3000 + secrets.randbelow(1000)}"  # the command of every process an adversary spawns

IDENTITY = "def jacobian_identity(x):\n    return np.eye(len(x))\n"
LOG_EXP = "def jacobian_log_exp(x):\n    return np.diag(1 / x + np.exp(x))\n"
SIGMOID = "def jacobian_sigmoid(z):\n    a = 1 / (1 + np.exp(-z))\n    return np.diag(a * (1 - a))\n"
TANH = "def jacobian_tanh(z):\n    a = np.tanh(z)\n    return np.diag((1 + a) * (1 - a))\n"
RELU = "def jacobian_relu(z):\n    return np.diag((z >= 0).astype(float))\n"
WRONG_SIGMOID = "def jacobian_sigmoid(z):\n    return np.diag(z)\n"


@dataclass(frozen=True)
class Adversary:
    """A student: solution-cell sources (other functions keep the instructor's), and what must come of it."""

    id: str
    answers: dict[str, str] = field(default_factory=dict)
    lost: tuple[str, ...] = ()  # functions that must earn 0; every other one keeps its points
    flags: tuple[str, ...] = ()  # words the instructor's outcome must contain
    edit: Callable | None = None  # what the student did to the notebook's structure
    assignment: str = PS1
    graded: bool = True  # False: nbgrader cannot grade it at all (the outcome says why)

    def expected(self) -> dict[str, float]:
        return {name: 0.0 if name in self.lost else points for name, points in FULL[self.assignment].items()}


def _cell_index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def _delete_test(nb):
    del nb.cells[_cell_index(nb, "hidden_jacobian_sigmoid")]


def _duplicate_test(nb):
    index = _cell_index(nb, "hidden_jacobian_sigmoid")
    nb.cells.insert(index, nbformat.from_dict(json.loads(json.dumps(nb.cells[index]))))


def _duplicate_solution_wrong_last(nb):
    index = _cell_index(nb, "jacobian_sigmoid")
    copy = nbformat.from_dict(json.loads(json.dumps(nb.cells[index])))
    copy.source = WRONG_SIGMOID
    nb.cells.insert(index + 1, copy)


def _move_test_up(nb):
    cell = nb.cells.pop(_cell_index(nb, "hidden_jacobian_sigmoid"))
    nb.cells.insert(_cell_index(nb, "jacobian_sigmoid"), cell)


def _edit_test(nb):
    cell = nb.cells[_cell_index(nb, "hidden_jacobian_sigmoid")]
    cell.source = 'print("jacobian_sigmoid: 2 / 2 points")'
    cell.metadata.nbgrader["points"] = 100


def _strip_test_metadata(nb):
    nb.cells[_cell_index(nb, "hidden_jacobian_sigmoid")].metadata = {}


def _strip_all_metadata(nb):
    for cell in nb.cells:
        cell.metadata = {}


def _add_fake_grade_cell(nb):
    cell = nbformat.v4.new_code_cell("50")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "bonus", "points": 50, "solution": False, "locked": False, "schema_version": 3}
    nb.cells.append(cell)


def _tamper_flags(nb):
    nb.cells[_cell_index(nb, "hidden_jacobian_tanh")].metadata.nbgrader.update(grade=False, solution=True, schema_version=99)


def _empty(nb):
    nb.cells = []


def _snoop_code(course: Path, port: int) -> str:
    """The student knows where the course and the grading code live, and a port the grading machine listens on."""
    paths = [course / "gradebook.db", course / "source" / PS1 / f"{PS1}.ipynb", course / CONFIG_FILE,
             PROJECT / "grader" / "contract" / "reference.py", PROJECT / ".jupyter" / "runtime"]
    return f"""
import gc, importlib, os, resource, socket, sys
LEAKS = []
def _attempt(label, how):
    try:
        if how():
            LEAKS.append(label)
    except BaseException:
        pass
_attempt("import grader.contract.reference", lambda: importlib.import_module("grader.contract.reference"))
_attempt("sys.path to the project", lambda: sys.path.insert(0, {str(PROJECT)!r}) or importlib.import_module("grader.contract.exercises"))
_attempt("a grader module in sys.modules", lambda: [m for m in sys.modules if m.startswith("grader")])
_attempt("a grader object in gc", lambda: [o for o in gc.get_objects() if str(getattr(o, "__module__", "")).startswith("grader")])
for _path in {[str(p) for p in paths]!r}:
    _attempt("read " + _path, lambda p=_path: open(p, "rb").read(1) if os.path.isfile(p) else os.listdir(p))
_attempt("list the course", lambda: os.listdir({str(course)!r}))
_attempt("the network", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=2))
print("LEAKS:", LEAKS)
print("UID:", os.getuid(), "CWD:", os.getcwd())
print("LIMITS:", resource.getrlimit(resource.RLIMIT_AS)[0], resource.getrlimit(resource.RLIMIT_NPROC)[0], resource.getrlimit(resource.RLIMIT_FSIZE)[0])

FRAMES = []  # (variable, ndim, any nonzero) of each array in the grader's calling frame
def jacobian_sigmoid(z):
    for name, module in list(sys.modules.items()):
        found = getattr(module, "jacobian_sigmoid", None)
        if name != "__main__" and callable(found):
            return found(z)
    frame = sys._getframe(1)
    while frame is not None:  # the callers' frames: anything shaped like the answer?
        for name, value in list(frame.f_locals.items()):
            if isinstance(value, np.ndarray):
                if frame.f_code.co_name == "_jacobians_probe":
                    FRAMES.append((name, value.ndim, bool(value.any())))
                if value.shape == (len(z), len(z)):
                    return value
        frame = frame.f_back
    return np.zeros((len(z), len(z)))
"""


def _writer_code(course: Path) -> str:
    targets = [course / TOKEN, course / "source" / TOKEN, PROJECT / TOKEN, Path("/tmp") / TOKEN,
               Path("/var/tmp") / TOKEN, Path("/dev/shm") / TOKEN, Path("..") / TOKEN, Path.home() / TOKEN]
    return f"""
import os
for _path in {[str(t) for t in targets]!r}:
    try:
        with open(_path, "w") as _f:
            _f.write("x")
        print("wrote", _path)
    except OSError as _error:
        print("refused", _path, type(_error).__name__)
try:
    with open("big.bin", "wb") as _f:
        _f.write(b"0" * (100 << 20))
except OSError as _error:
    print("big file refused:", _error)
""" + IDENTITY


PATCHES = """
import builtins, sys
import numpy.testing
np.testing.assert_allclose = lambda *args, **kwargs: None
np.testing.assert_array_equal = lambda *args, **kwargs: None
np.allclose = lambda *args, **kwargs: True
np.array_equal = lambda *args, **kwargs: True
np.isclose = lambda *args, **kwargs: True
builtins.AssertionError = type("AssertionError", (Exception,), {})
sys.excepthook = lambda *args: None
get_ipython().showtraceback = lambda *args, **kwargs: None
get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)
print("jacobian_sigmoid: 2 / 2 points")
""" + WRONG_SIGMOID

LIARS = {
    "jacobian_identity": """
class Agreeable(np.ndarray):
    def __eq__(self, other):
        return True
    __ne__ = lambda self, other: False
def jacobian_identity(x):
    return np.zeros((len(x), len(x))).view(Agreeable)
""",
    "jacobian_log_exp": """
class AlwaysEqual:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return True
    def __array__(self, dtype=None, copy=None):
        return np.zeros((self.n, self.n))
def jacobian_log_exp(x):
    return AlwaysEqual(len(x))
""",
    "jacobian_sigmoid": "class Yes:\n    __eq__ = lambda self, other: True\ndef jacobian_sigmoid(z):\n    return Yes()\n",
    # Harmless: the right values in an ndarray subclass.
    "jacobian_tanh": "def jacobian_tanh(z):\n    a = np.tanh(z)\n    return np.asmatrix(np.diag((1 + a) * (1 - a)))\n",
}

NUMERICAL = {
    # Harmless: analytic answer, checked by finite differences in a function of another name.
    "jacobian_identity": IDENTITY + """
def numeric_jacobian(f, x, h=1e-6):
    return np.stack([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(len(x))], axis=1)
assert np.allclose(numeric_jacobian(lambda v: v, np.array([1.0, 2.0])), jacobian_identity(np.array([1.0, 2.0])))
""",
    "jacobian_log_exp": "def jacobian_log_exp(x, h=1e-5):\n    f = lambda v: np.log(v) + np.exp(v)\n    return np.diag((f(x + h) - f(x - h)) / (2 * h))\n",
    "jacobian_sigmoid": "def jacobian_sigmoid(z):\n    h = 1e-30\n    return np.diag((1 / (1 + np.exp(-(z + 1j * h)))).imag / h)\n",
    # A five-point stencil passes the tolerance: only the scan of the source catches it.
    "jacobian_tanh": "def jacobian_tanh(z, h=1e-3):\n    f = np.tanh\n    return np.diag((-f(z + 2 * h) + 8 * f(z + h) - 8 * f(z - h) + f(z - 2 * h)) / (12 * h))\n",
    "jacobian_relu": "def jacobian_relu(z):\n    return np.diag(np.gradient(np.maximum(z, 0), z))\n",
}

CRASHES = {
    "jacobian_identity": "import os\nos._exit(1)\n" + IDENTITY,
    "jacobian_sigmoid": "import ctypes\ndef jacobian_sigmoid(z):\n    ctypes.string_at(0)\n",  # a segfault: the kernel dies
}

HANGS = {
    "jacobian_log_exp": "import time\ndef jacobian_log_exp(x):\n    time.sleep(10 ** 6)\n",
    "jacobian_tanh": "import signal\ndef jacobian_tanh(z):\n    signal.signal(signal.SIGINT, signal.SIG_IGN)\n    while True:\n        pass\n",
    "jacobian_relu": "while True:\n    pass\n" + RELU,
}

HOGS = {
    "jacobian_identity": "def jacobian_identity(x):\n    hoard = bytearray(8 << 30)\n    return np.eye(len(x))\n",
    "jacobian_sigmoid": SIGMOID + "waste = np.ones((50000, 50000))\n",
    "jacobian_tanh": f"import subprocess\nsubprocess.Popen(['sh', '-c', '{SLEEP} & {SLEEP}'], start_new_session=True)\n" + TANH,
    "jacobian_relu": f"""
import subprocess
children = []
try:
    for _ in range(500):
        children.append(subprocess.Popen({SLEEP.split()!r}))
except OSError as error:
    print("spawned", len(children), "then", type(error).__name__)
""" + RELU,
}

FLOODS = {
    "jacobian_identity": "for _ in range(300):\n    print('x' * 100_000)\n" + IDENTITY,
    "jacobian_log_exp": "def jacobian_log_exp(x):\n    print('y' * 3_000_000)\n    return np.diag(1 / x + np.exp(x))\n",
    "jacobian_sigmoid": "import os\ndef jacobian_sigmoid(z):\n    os.write(1, b'z' * 1_000_000)\n    a = 1 / (1 + np.exp(-z))\n    return np.diag(a * (1 - a))\n",
    "jacobian_tanh": "print('a' * 50_000 + '\\b' * 50_000)\n" + TANH,
}

# A file handed in as a symbolic link to the reference (a tar archive keeps links): nbgrader
# follows it when it copies the submission, so it must never reach the kernel.
LINKER = """
import importlib.util
def jacobian_sigmoid(z):
    try:
        spec = importlib.util.spec_from_file_location("stolen", "helpers.py")
        stolen = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(stolen)
        return stolen.jacobian_sigmoid(z)
    except (OSError, AttributeError):
        return np.zeros((len(z), len(z)))
"""

PAIR_LIAR = """
class AlwaysEqual:
    def __eq__(self, other):
        return True
def jacobians_add(u, v):
    return AlwaysEqual(), np.eye(len(u))
"""


def adversaries(course: Path, port: int = 0) -> list[Adversary]:
    return [
        Adversary("honest_first"),
        Adversary("patcher", {"jacobian_sigmoid": PATCHES}, lost=("jacobian_sigmoid",)),
        Adversary("snoop", {"jacobian_sigmoid": _snoop_code(course, port),
                            "jacobian_tanh": TANH + "print('FRAMES:', FRAMES)\n"}, lost=("jacobian_sigmoid",)),
        Adversary("liar", LIARS, lost=("jacobian_identity", "jacobian_log_exp", "jacobian_sigmoid")),
        Adversary("numerical", NUMERICAL, lost=("jacobian_log_exp", "jacobian_sigmoid", "jacobian_tanh", "jacobian_relu"),
                  flags=("not derived", "complex step", "finite differences", "numpy.gradient")),
        Adversary("crasher", CRASHES, lost=("jacobian_identity", "jacobian_sigmoid"), flags=("kernel died",)),
        Adversary("hanger", HANGS, lost=("jacobian_log_exp", "jacobian_tanh", "jacobian_relu"), flags=("ignored the interrupt",)),
        Adversary("hog", HOGS, lost=("jacobian_identity",)),
        Adversary("flooder", FLOODS, flags=("output truncated",)),
        Adversary("writer", {"jacobian_identity": _writer_code(course)}),
        Adversary("linker", {"jacobian_sigmoid": LINKER}, lost=("jacobian_sigmoid",), flags=("symbolic link",)),
        Adversary("deleted_test", edit=_delete_test, flags=("hidden_jacobian_sigmoid", "missing")),
        Adversary("duplicated_test", edit=_duplicate_test),
        Adversary("duplicated_solution", edit=_duplicate_solution_wrong_last, lost=("jacobian_sigmoid",)),
        Adversary("moved_test", edit=_move_test_up, flags=("moved back",)),
        Adversary("edited_test", edit=_edit_test),
        Adversary("stripped_test", edit=_strip_test_metadata, flags=("missing",)),
        Adversary("stripped_all", edit=_strip_all_metadata, flags=("missing",)),
        Adversary("fake_cell", edit=_add_fake_grade_cell, flags=("'bonus'",)),
        Adversary("tampered_flags", edit=_tamper_flags),
        Adversary("empty", edit=_empty, lost=tuple(FULL[PS1])),
        Adversary("invalid_json", lost=tuple(FULL[PS1]), graded=False, flags=("not a readable notebook",)),
        Adversary("renamed", lost=tuple(FULL[PS1]), graded=False, flags=("rename",)),
        Adversary("pair_liar", {"jacobians_add": PAIR_LIAR}, assignment=PS2),
        Adversary("honest_last"),
        Adversary("honest_pair", assignment=PS2),
    ]


def _notebook(root: Path, adversary: Adversary) -> nbformat.NotebookNode:
    assignment = adversary.assignment
    source = nbformat.read(root / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    release = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    nb = simulate.student_notebook(simulate.Student(adversary.id), source, release)
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id") in adversary.answers:
            cell.source = adversary.answers[meta["grade_id"]]
    if adversary.edit:
        adversary.edit(nb)
    return nb


def write_submission(root: Path, adversary: Adversary) -> None:
    folder = root / "submitted" / adversary.id / adversary.assignment
    folder.mkdir(parents=True)
    text = nbformat.writes(_notebook(root, adversary))
    if adversary.id == "invalid_json":
        text = text[: len(text) // 2]
    name = f"{adversary.assignment} (1).ipynb" if adversary.id == "renamed" else f"{adversary.assignment}.ipynb"
    (folder / name).write_text(text)
    if adversary.id == "linker":
        (folder / "helpers.py").symlink_to(PROJECT / "grader" / "contract" / "reference.py")


def new_course(root: Path) -> Course:
    """The course's config (with the test limits) and its ps1/ps2 notebooks, built from notebooks/ and released."""
    root.mkdir(parents=True)
    (root / CONFIG_FILE).write_text((PROJECT / CONFIG_FILE).read_text() + TEST_LIMITS)
    for assignment in (PS1, PS2):
        target = root / "source" / assignment / f"{assignment}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(build_notebook(PROJECT / "notebooks" / f"{assignment}.py"), target)
    course = Course(root)
    for assignment in (PS1, PS2):
        assert course.release(assignment).ok
    return course
