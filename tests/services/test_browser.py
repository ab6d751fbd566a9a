"""A student in JupyterLab, in a real browser: Debian's chromium driven by Playwright.

The student's JupyterLab is the one ``make lab`` starts (grader/course/lab.py), on a temporary course:
every released assignment is fetched through the exchange into the student's home. The student
runs the notebook, answers one function, validates, and submits from the Assignments panel;
a second student does it in a course released in Korean. Screenshots go to
.artifacts/screenshots/. Chromium and a font for Korean (fonts-noto-cjk) come from apt-get when
missing (never a browser download); where they cannot be installed, the tests are skipped and say why.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from grader.contract import exercises
from grader.course.course import Course
from grader.course.lab import StudentHome, lab_command, open_to_student
from grader.i18n import ENV_VAR, _, use_language
from grader.i18n.course_language import CODE_STUB_MESSAGE
from tests.helpers import PROJECT, copy_course

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")

CHROMIUM = Path("/usr/bin/chromium")
# Hangul in the screenshots: Debian's Noto CJK fonts (chromium finds them through fontconfig).
KOREAN_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# What chromium needs on this machine's closed network (a fresh profile comes from Playwright).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = PROJECT / ".artifacts" / "screenshots"
ASSIGNMENT = "ps1_unary"  # the one the student works on; every assignment is released to them
ASSIGNMENTS = Course(PROJECT).assignments()
STUDENT = "alice"
# The release's code stub (nbgrader_config.py), and the line a student writes in its place.
MESSAGE = "not implemented yet: replace this line with your code"
STUB = f'raise NotImplementedError("{MESSAGE}")'
ANSWER = "return np.eye(x.shape[0])"
TIMEOUT_MS = 90_000


def _why_chromium_is_missing() -> str | None:
    """Install Debian's chromium and CJK fonts with apt-get when missing; None once they are there, else why not."""
    if CHROMIUM.exists() and KOREAN_FONT.exists():
        return None
    if shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing and there is no apt-get to install Debian's chromium"
    if os.geteuid() != 0:
        return f"{CHROMIUM} is missing and installing it (apt-get install chromium) needs root"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium", "fonts-dejavu-core", "fonts-noto-cjk"]):
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1200)
        except subprocess.TimeoutExpired:
            return f"`{' '.join(command)}` did not finish in 20 minutes"
        if done.returncode != 0:
            return f"`{' '.join(command)}` failed: {(done.stderr.strip().splitlines() or ['no output'])[-1]}"
    missing = [str(p) for p in (CHROMIUM, KOREAN_FONT) if not p.exists()]
    return f"apt-get installed chromium and fonts-noto-cjk but {', '.join(missing)} is missing" if missing else None


@pytest.fixture(scope="module")
def chromium() -> Path:
    reason = _why_chromium_is_missing()
    if reason:  # pytest's summary (-ra) prints this line
        pytest.skip(f"browser tests skipped: {reason}")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        assert server.poll() is None, f"JupyterLab exited with {server.returncode}:\n{log.read_text()[-3000:]}"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise AssertionError(f"JupyterLab did not answer {url}:\n{log.read_text()[-3000:]}")


def _shut_down(base: str, token: str, server: subprocess.Popen) -> None:
    """Jupyter's own shutdown (it stops the kernels too); a kill only if it does not stop in time."""
    try:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST"), timeout=5)
    except (urllib.error.URLError, ConnectionError):
        pass
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextlib.contextmanager
def _running_lab(root: Path, language: str, assignments: list[str]):
    """A student's JupyterLab (as ``make lab`` starts it) on a course released in ``language``,
    on a free loopback port with a token: yields (base URL, token, the student's home, the course)."""
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv(ENV_VAR, language)
        course = copy_course(root / "course", assignments)
    home = StudentHome(root / STUDENT, STUDENT)
    assert open_to_student(course, home, assignments) == assignments
    port, token = _free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    log = root / "jupyterlab.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            lab_command(home, port, token), cwd=home.root, env=home.env(), stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_serving(f"{base}/api/status?token={token}", server, log)
        yield base, token, home, course
    finally:
        _shut_down(base, token, server)


@pytest.fixture(scope="module")
def student_lab(chromium, tmp_path_factory):
    with _running_lab(tmp_path_factory.mktemp("lab"), "en", ASSIGNMENTS) as lab:
        yield lab


@pytest.fixture(scope="module")
def korean_lab(chromium, tmp_path_factory):
    with _running_lab(tmp_path_factory.mktemp("lab-ko"), "ko", [ASSIGNMENT]) as lab:
        yield lab


@pytest.fixture(scope="module")
def page(chromium):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):  # only this run's pictures, a failure's included
        old.unlink()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)
        yield page
        browser.close()


@pytest.fixture(autouse=True)
def screenshot_on_failure(request):
    """A failed browser test leaves a screenshot of what the student would have seen."""
    failed_before = request.session.testsfailed
    yield
    if request.session.testsfailed > failed_before and "page" in request.fixturenames:
        _screenshot(request.getfixturevalue("page"), f"FAILED_{request.node.name}")


def _screenshot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _menu(page, *path: str) -> None:
    for name in path:
        page.get_by_role("menuitem", name=name, exact=True).click()


def _open_in_file_browser(page, name: str) -> None:
    page.locator(".jp-DirListing-item .jp-DirListing-itemText").get_by_text(name, exact=True).dblclick()


def _cells_by_grade_id(home: StudentHome) -> dict[str, tuple[int, str]]:
    """grade_id -> (position as JupyterLab shows it, source) of the cells of the student's notebook."""
    notebook = nbformat.read(home.root / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return {cell.metadata.get("nbgrader", {}).get("grade_id"): (i, cell.source) for i, cell in enumerate(notebook.cells)}


def _cell(page, position: int):
    return page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(position)


def test_student_runs_answers_and_validates_the_released_notebook(student_lab, page):
    base, token, home, _ = student_lab
    cells = _cells_by_grade_id(home)
    page.goto(f"{base}/lab?reset&token={token}")
    # The launcher shows the kernel once JupyterLab has loaded the kernel specs; a notebook
    # opened before that finds no kernel to start and asks the student to select one.
    page.locator(".jp-LauncherCard", has_text="Python 3").first.wait_for()
    # Open the notebook from the file browser, as a student does; run only once its kernel is
    # up (the status bar says "Python 3 (ipykernel) | Idle"; before that, "Run All" does nothing).
    _open_in_file_browser(page, ASSIGNMENT)
    _open_in_file_browser(page, f"{ASSIGNMENT}.ipynb")
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"Python 3.*\| Idle")).wait_for()

    # Run all: the first visible test fails on the stub, with the stub's own words.
    _menu(page, "Run", "Run All Cells")
    first_test = _cell(page, cells["visible_jacobian_identity"][0])
    error = first_test.locator(".jp-OutputArea-output", has_text="NotImplementedError")
    # "attached", and text_content: JupyterLab does not render cells out of view.
    error.wait_for(state="attached")
    assert f"NotImplementedError: {MESSAGE}" in error.text_content()
    first_test.scroll_into_view_if_needed()
    _screenshot(page, "1_run_all_not_implemented_yet")

    # Answer jacobian_identity in place of the stub line, run it and its visible test
    # (Shift+Enter twice, as a student does).
    position, stub_source = cells["jacobian_identity"]
    assert stub_source.count(STUB) == 1, stub_source
    solution = _cell(page, position)
    solution.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(stub_source.replace(STUB, ANSWER))
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    first_test.locator(".jp-OutputArea-output", has_text="visible test passed").wait_for(state="attached")
    output = first_test.locator(".jp-OutputArea").text_content()
    assert "jacobian_identity: visible test passed" in output and "Error" not in output, output
    solution.scroll_into_view_if_needed()
    _screenshot(page, "2_answer_passes_its_visible_test")

    # Validate (nbgrader's button): it saves, runs the whole notebook, and lists what still fails.
    page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.locator(".jp-Dialog-header", has_text="Validation Results").wait_for()
    _screenshot(page, "3_validate_results")
    report = dialog.inner_text()
    unanswered = [e.name for e in exercises.for_assignment(ASSIGNMENT) if e.name != "jacobian_identity"]
    assert report.count("The following cell failed:") == len(unanswered), report
    assert report.count(f"NotImplementedError: {MESSAGE}") == len(unanswered), report
    # Each failure's traceback ends in the unanswered function's stub ("..., in jacobian_tanh(z)").
    for name in unanswered:
        assert f", in {name}(" in report, report
    assert ", in jacobian_identity(" not in report, report
    dialog.get_by_role("button", name="Ok").click()
    saved = (home.root / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert ANSWER in saved


def test_student_sees_only_the_assignments_panel_and_submits_from_it(student_lab, page):
    base, token, home, course = student_lab
    page.goto(f"{base}/lab?reset&token={token}")
    page.locator(".jp-DirListing-itemText", has_text=ASSIGNMENT).wait_for()
    page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
    menu = page.locator("#jp-mainmenu-nbgrader")
    # The instructor's formgrader, course list and create-assignment tools are not there.
    assert menu.inner_text().split() == ["Assignment", "List"]
    _menu(page, "Assignment List")
    panel = page.locator("#nbgrader-assignment-list")
    for assignment in ASSIGNMENTS:  # all five, ps5_window included, fetched into the student's home
        panel.locator("#fetched_assignments_list .list_item:not(.nested_list_item)", has_text=assignment).wait_for()
    assert panel.locator("#fetched_assignments_list").get_by_role("button", name="Submit").count() == len(ASSIGNMENTS) == 5
    downloaded = panel.locator("#fetched_assignments_list .list_item:not(.nested_list_item)", has_text=ASSIGNMENT)
    downloaded.get_by_role("button", name="Submit").click()
    panel.locator("#submitted_assignments_list", has_text=ASSIGNMENT).wait_for()
    _screenshot(page, "4_assignments_panel_after_submit")
    inbound = course.root / "exchange" / course.coursedir.course_id / "inbound"
    assert [p.name.split("+")[:2] for p in inbound.iterdir()] == [[STUDENT, ASSIGNMENT]]


HANGUL = re.compile("[\uac00-\ud7a3]")
# A typical mistake: the diagonal of the identity's Jacobian as a vector.
WRONG_ANSWER = "return np.ones(x.shape[0])"


def _open_notebook(page, base: str, token: str) -> None:
    page.goto(f"{base}/lab?reset&token={token}")
    page.locator(".jp-LauncherCard", has_text="Python 3").first.wait_for()
    _open_in_file_browser(page, ASSIGNMENT)
    _open_in_file_browser(page, f"{ASSIGNMENT}.ipynb")
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"Python 3.*\| Idle")).wait_for()


def test_korean_student_reads_the_notebook_a_failing_self_check_and_validate_in_korean(korean_lab, page):
    """The same notebook released in Korean: its text, a failing visible test's message and what
    Validate lists are Korean, drawn with a Korean font (screenshots ko_*)."""
    base, token, home, course = korean_lab
    cells = _cells_by_grade_id(home)
    with use_language("ko"):
        stub_message = _(CODE_STUB_MESSAGE)
    assert HANGUL.search(stub_message)
    _open_notebook(page, base, token)
    title = page.locator(".jp-NotebookPanel .jp-MarkdownOutput h1").first
    title.wait_for()
    assert HANGUL.search(title.inner_text()), title.inner_text()
    _screenshot(page, "ko_1_notebook_in_korean")

    # Run all: the first visible test fails on the stub, with the stub's Korean message.
    _menu(page, "Run", "Run All Cells")
    first_test = _cell(page, cells["visible_jacobian_identity"][0])
    first_test.locator(".jp-OutputArea-output", has_text=stub_message).wait_for(state="attached")

    # The typical mistake in place of the stub: the visible test fails, saying why in Korean.
    position, stub_source = cells["jacobian_identity"]
    solution = _cell(page, position)
    solution.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(stub_source.replace(STUB.replace(MESSAGE, stub_message), WRONG_ANSWER))
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    error = first_test.locator(".jp-OutputArea-output", has_text="AssertionError")
    error.wait_for(state="attached")
    message = error.text_content()
    assert "jacobian_identity" in message and HANGUL.search(message), message
    first_test.scroll_into_view_if_needed()
    _screenshot(page, "ko_2_failing_visible_test_in_korean")

    # Validate: nbgrader's dialog lists each failing cell with its Korean message.
    page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.locator(".jp-Dialog-header", has_text="Validation Results").wait_for()
    # The dialog lists the failing cells in order: its end shows the last one's Korean message.
    dialog.locator(".jp-Dialog-body").evaluate("body => { body.scrollTop = body.scrollHeight; }")
    _screenshot(page, "ko_3_validate_results_in_korean")
    report = dialog.inner_text()
    assert f"NotImplementedError: {stub_message}" in report, report
    assert message.strip().splitlines()[-1] in report, report
    dialog.get_by_role("button", name="Ok").click()
