"""Kernel templates (grader.autograde.kernel_forks): a launch through a launcher script that execs the kernel.

The launcher here stands in for the sandbox's: it execs ``python -I -c <program>`` with an
environment of its own. The program writes down whether it was forked from the template (numpy,
which the template imports ahead of time, is already loaded) or exec'd for real.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import queue
import select
import signal
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
import zmq
from jupyter_client.manager import AsyncKernelManager

from grader.autograde.kernel_forks import RECONNECT_MS, PromptKernelClient, Templates, forking_manager

LAUNCH_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
KERNEL_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "KERNEL_SETTING": "from the launcher"}
PROGRAM = "import sys; open(sys.argv[1], 'w').write(str('numpy' in sys.modules))"


@pytest.fixture
def launcher(tmp_path) -> Path:
    script = tmp_path / "launcher.py"
    script.write_text(textwrap.dedent(f"""\
        import json, os, sys
        os.execve(sys.executable, [sys.executable, "-I", "-c", {PROGRAM!r}, sys.argv[2]], json.loads(sys.argv[1]))
    """))
    return script


@pytest.fixture
def templates():
    templates = Templates()
    yield templates
    templates.close()


def launch(templates: Templates, launcher: Path, out: Path, exec_env: dict | None) -> str:
    """Launch through the script as kernel_forks does; 'True' when the program ran forked from the template."""
    argv = [sys.executable, "-I", str(launcher), json.dumps(KERNEL_ENV), str(out)]
    kernel = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=exec_env).fork(argv, LAUNCH_ENV, "/")
    assert kernel.wait(timeout=60) == 0
    return out.read_text()


def test_a_launcher_that_tells_its_environment_gets_a_forked_kernel_at_once(templates, launcher, tmp_path):
    assert launch(templates, launcher, tmp_path / "first", KERNEL_ENV) == "True"
    assert launch(templates, launcher, tmp_path / "second", KERNEL_ENV) == "True"
    assert templates.restarts == 0


def test_without_it_the_first_kernel_is_execd_and_teaches_the_template(templates, launcher, tmp_path):
    assert launch(templates, launcher, tmp_path / "first", None) == "False"
    assert launch(templates, launcher, tmp_path / "second", None) == "True"
    assert templates.restarts == 1


def test_a_wrong_environment_costs_one_exec_and_is_then_learned(templates, launcher, tmp_path):
    wrong = KERNEL_ENV | {"KERNEL_SETTING": "not what the launcher uses"}
    assert launch(templates, launcher, tmp_path / "first", wrong) == "False"
    assert launch(templates, launcher, tmp_path / "second", wrong) == "True"
    assert launch(templates, launcher, tmp_path / "third", wrong) == "True"
    assert templates.restarts == 1


def forked(target) -> int:
    """Run ``target()`` in a process forked from this one; its exit code (0: it returned)."""
    process = multiprocessing.get_context("fork").Process(target=target)
    process.start()
    process.join(timeout=120)
    return process.exitcode


def test_a_shared_template_serves_the_processes_forked_after_it_each_its_own_answers(templates, launcher, tmp_path):
    templates.start_shared(("-I",), KERNEL_ENV)
    shared = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV)

    def grading_process(index: int) -> None:
        # Concurrent requests: each process must get its own kernels, from the one template.
        for round in range(5):
            assert launch(templates, launcher, tmp_path / f"{index}-{round}", KERNEL_ENV) == "True"
        assert templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV) is shared

    processes = [multiprocessing.get_context("fork").Process(target=grading_process, args=(i,)) for i in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0, 0]
    assert len(list(tmp_path.glob("*-*"))) == 15 and templates.restarts == 0


def test_the_answer_to_a_process_that_died_after_asking_goes_to_nobody_else(templates, launcher, tmp_path):
    templates.start_shared(("-I",), KERNEL_ENV)
    shared = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV)

    def ask_and_die() -> None:
        shared.process.stdin.write(json.dumps({"op": "ping", "id": "gone"}) + "\n")
        shared.process.stdin.flush()
        os._exit(0)

    assert forked(ask_and_die) == 0
    assert launch(templates, launcher, tmp_path / "after", KERNEL_ENV) == "True"


def test_a_killed_shared_template_is_replaced_by_one_of_the_process_own(templates, launcher, tmp_path):
    templates.start_shared(("-I",), KERNEL_ENV)
    shared = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV)

    def after_the_kill() -> None:
        os.kill(shared.process.pid, signal.SIGKILL)  # it stays a zombie: this process is not its parent
        deadline = time.monotonic() + 30
        while shared.alive():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert launch(templates, launcher, tmp_path / "own", KERNEL_ENV) == "True"
        assert templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV) is not shared

    assert forked(after_the_kill) == 0


def test_no_kernel_outlives_a_killed_template(templates, tmp_path):
    sleeper = tmp_path / "sleeper.py"
    sleeper.write_text("import time\ntime.sleep(120)\n")
    template = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV)
    kernel = template.fork([sys.executable, "-I", str(sleeper)], LAUNCH_ENV, "/")
    assert kernel.poll() is None
    template.process.kill()  # no clean-up of its own runs
    template.process.wait()
    exited, _, _ = select.select([kernel._pidfd], [], [], 30)
    assert exited, "the kernel kept running after its template was killed"


MATPLOTLIB_PROGRAM = (
    "import sys, json; preloaded = ['matplotlib.pyplot' in sys.modules, 'numpy' in sys.modules]; import matplotlib; "
    "open(sys.argv[1], 'w').write(json.dumps(preloaded + [matplotlib.rcParams['lines.linewidth']]))"
)


@pytest.fixture
def home_launcher(tmp_path) -> Path:
    """A launcher as the sandbox's: each kernel gets a fresh home and runs in its own working folder."""
    script = tmp_path / "home_launcher.py"
    script.write_text(textwrap.dedent(f"""\
        import json, os, sys
        env, out, work = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
        home = os.path.join(work, "home")
        os.makedirs(home)
        os.chdir(work)
        os.execve(sys.executable, [sys.executable, "-I", "-c", {MATPLOTLIB_PROGRAM!r}, out], env | {{"HOME": home}})
    """))
    return script


def launch_in(templates: Templates, launcher: Path, work: Path, exec_env: dict) -> list:
    """[matplotlib.pyplot preloaded, numpy preloaded, lines.linewidth] of a kernel launched to run in ``work``."""
    work.mkdir(exist_ok=True)
    out = work.parent / f"{work.name}.json"
    argv = [sys.executable, "-I", str(launcher), json.dumps(exec_env), str(out), str(work)]
    kernel = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=exec_env).fork(argv, LAUNCH_ENV, "/")
    assert kernel.wait(timeout=60) == 0
    return json.loads(out.read_text())


def test_kernels_given_fresh_homes_get_matplotlib_imported_ahead(templates, home_launcher, tmp_path):
    assert launch_in(templates, home_launcher, tmp_path / "first", KERNEL_ENV) == [True, True, 1.5]
    assert launch_in(templates, home_launcher, tmp_path / "second", KERNEL_ENV) == [True, True, 1.5]


def test_a_working_folder_with_a_matplotlibrc_gets_a_real_exec_that_reads_it(templates, home_launcher, tmp_path):
    (tmp_path / "styled").mkdir()
    (tmp_path / "styled" / "matplotlibrc").write_text("lines.linewidth: 7\n")
    assert launch_in(templates, home_launcher, tmp_path / "styled", KERNEL_ENV) == [False, False, 7.0]
    # Not an environment to learn: the template stays, and serves the next kernel.
    assert launch_in(templates, home_launcher, tmp_path / "plain", KERNEL_ENV) == [True, True, 1.5]
    assert templates.restarts == 0


def test_kernels_that_keep_a_home_of_the_template_environment_import_matplotlib_themselves(templates, home_launcher, tmp_path):
    # A template started with HOME in its environment cannot know the home its kernels' matplotlib reads.
    with_home = KERNEL_ENV | {"HOME": str(tmp_path / "shared-home")}
    assert launch_in(templates, home_launcher, tmp_path / "first", with_home) == [False, True, 1.5]


def test_forked_kernels_name_cells_as_ipykernel_does(templates, launcher, tmp_path):
    # The template replaces ipykernel's cell hash (pure Python, per byte) with a faster one: same values.
    from ipykernel.compiler import murmur2_x86

    sources = ["", "a", "ab", "abc", "abcd", "x = 1\n", "print('한글')\n" * 3, "import numpy as np\n" * 500]
    program = textwrap.dedent(f"""\
        import json, sys
        from ipykernel import compiler
        values = [compiler.murmur2_x86(s, seed) for s in {sources!r} for seed in (0, 12345, 0xFFFFFFFF)]
        open(sys.argv[1], "w").write(json.dumps([values, compiler.murmur2_x86.__module__ != "ipykernel.compiler"]))
    """)
    template = templates.for_launch(("-I",), LAUNCH_ENV, through_script=False)
    kernel = template.fork([sys.executable, "-I", "-c", program, str(tmp_path / "out")], LAUNCH_ENV, "/")
    assert kernel.wait(timeout=60) == 0
    values, replaced = json.loads((tmp_path / "out").read_text())
    assert replaced
    assert values == [murmur2_x86(s, seed) for s in sources for seed in (0, 12345, 0xFFFFFFFF)]


class FakeChannel:
    """A kernel client's channel: ``messages`` in order, then Empty (after ``timeout`` seconds, as zmq would)."""

    def __init__(self, messages: list[dict]):
        self.messages, self.timeouts, self.sent = list(messages), [], []

    async def get_msg(self, timeout: float | None = None) -> dict:
        self.timeouts.append(timeout)
        if self.messages:
            return self.messages.pop(0)
        await asyncio.sleep(timeout or 0)
        raise queue.Empty

    def send(self, message: dict) -> None:
        self.sent.append(message)

    def is_alive(self) -> bool:
        return True


def test_a_forked_kernels_client_is_ready_without_waiting_for_iopub_to_fall_silent():
    manager = forking_manager(AsyncKernelManager)()
    client = manager.client()
    assert isinstance(client, PromptKernelClient)
    reply = {"msg_type": "kernel_info_reply", "content": {"protocol_version": "5.3"}, "header": {}, "parent_header": {}}
    status = {"msg_type": "status", "content": {"execution_state": "idle"}, "header": {}, "parent_header": {}}
    client._shell_channel, client._iopub_channel = FakeChannel([reply]), FakeChannel([status, status])
    asyncio.run(client.wait_for_ready(timeout=10))
    # jupyter_client's own client: 0.2 s for the first IOPub message, then 0.2 s of silence; here, what has arrived.
    assert client._iopub_channel.timeouts == [0.2, 0, 0]
    assert client._iopub_channel.get_msg.__func__ is FakeChannel.get_msg  # the channel is left as it was


def test_a_forked_kernels_client_channels_try_to_connect_every_few_milliseconds():
    manager = forking_manager(AsyncKernelManager)(transport="ipc", ip=str(Path(tempfile.mkdtemp()) / "kernel"))
    manager.write_connection_file()
    client = manager.client()
    client.start_channels(hb=False)
    try:
        assert client.shell_channel.socket.getsockopt(zmq.RECONNECT_IVL) == RECONNECT_MS < 100  # ZeroMQ's default: 100
    finally:
        client.stop_channels()
        manager.cleanup_connection_file()


def test_a_shared_template_started_for_another_environment_is_replaced(templates):
    # The CLI starts the sandbox's template before it reads the course's configuration; if the
    # configured kernels need another environment, that template goes.
    templates.start_shared(("-I",), KERNEL_ENV)
    first = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV)
    templates.start_shared(("-I",), KERNEL_ENV)
    assert templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV) is first
    other = KERNEL_ENV | {"KERNEL_SETTING": "another course's"}
    templates.start_shared(("-I",), other)
    second = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=other)
    assert second is not first and second.env == other
    assert not first.alive()


def test_a_launcher_script_runs_from_the_code_the_template_compiled_until_its_bytes_change(templates, tmp_path):
    script = tmp_path / "launcher.py"
    # The script's frame is run by the template's run_program, whose module holds the compiled scripts.
    program = ("import sys, os; frame = sys._getframe(); cache = frame.f_back.f_globals['COMPILED']\n"
               "cached = cache[os.path.abspath(__file__)][1] is frame.f_code\n"
               "open(sys.argv[1], 'w').write('{letter}' + str(cached))\n")
    script.write_text(program.format(letter="A"))

    def run(out: Path) -> str:
        kernel = templates.for_launch(("-I",), LAUNCH_ENV, through_script=True, exec_env=KERNEL_ENV).fork(
            [sys.executable, "-I", str(script), str(out)], LAUNCH_ENV, "/")
        assert kernel.wait(timeout=60) == 0
        return out.read_text()

    assert run(tmp_path / "first") == "ATrue"
    assert run(tmp_path / "second") == "ATrue"
    # Other bytes, the same size and time: compiled again.
    info = script.stat()
    script.write_text(program.format(letter="B"))
    os.utime(script, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert run(tmp_path / "third") == "BTrue"


CELLS = ["x = 1\n", "\n\n  y = 2\n", "%time x = 1\n", "!echo hi\n", "a = !ls\n", "x?\n", "%%capture\nprint(1)\n",
         ">>> 1 + 1\n", "In [1]: 2\n", "p = %pwd\n", "def f(\n", "print('한글')\n" + "z = [1, 2, 3]\n" * 300]


def test_forked_kernels_transform_a_cell_once_per_run_as_ipython_does(templates, tmp_path):
    # ipykernel transforms each cell, then IPython's run_cell transforms it again: the template
    # lets the second reuse the first while the transformers are IPython's own.
    from IPython.core.inputtransformer2 import TransformerManager

    program = textwrap.dedent(f"""\
        import json, sys
        from IPython.core import inputtransformer2
        from IPython.core.interactiveshell import InteractiveShell
        manager = inputtransformer2.TransformerManager
        tokenized = []
        original = manager.do_token_transforms
        manager.do_token_transforms = lambda self, lines: tokenized.append(1) or original(self, lines)
        shell = InteractiveShell.instance()
        shell.run_cell = lambda cell, **kw: shell.transform_cell(cell)  # what _run_cell does first
        results = []
        for cell in {CELLS!r}:
            shell.transform_cell(cell)  # ipykernel's do_execute
            results.append(shell.input_transformer_manager.transform_cell(cell))
            shell.run_cell(cell)
        once = len(tokenized)
        added = []
        shell.input_transformers_cleanup.append(lambda lines: added.append(1) or lines)
        shell.transform_cell("x = 1\\n")
        shell.run_cell("x = 1\\n")
        open(sys.argv[1], "w").write(json.dumps([results, once, len(added)]))
    """)
    template = templates.for_launch(("-I",), LAUNCH_ENV, through_script=False)
    kernel = template.fork([sys.executable, "-I", "-c", program, str(tmp_path / "out")], LAUNCH_ENV, "/")
    assert kernel.wait(timeout=60) == 0
    results, once, added = json.loads((tmp_path / "out").read_text())
    assert results == [TransformerManager().transform_cell(cell) for cell in CELLS]
    assert once == len(CELLS)  # tokenized once per cell, not twice (nor three times)
    assert added == 2  # a transformer a student added runs on every call


AWAITING = ["x = 1\n", "import asyncio\nawait asyncio.sleep(0)\n", "async with lock:\n    pass\n", "[x async for x in y]\n",
            "def f():\n    await g()\n", "async def f():\n    await g()\n", "a = 'await'\n", "return 1\n", "async for x in y:\n    pass\n"]


def test_forked_kernels_tell_a_cell_that_awaits_as_ipython_does(templates, tmp_path):
    from IPython.core.async_helpers import _should_be_async

    program = textwrap.dedent(f"""\
        import json, sys
        from IPython.core import interactiveshell
        check = interactiveshell._should_be_async
        open(sys.argv[1], "w").write(json.dumps([[check(cell) for cell in {AWAITING!r}], hasattr(check, "__wrapped__")]))
    """)
    template = templates.for_launch(("-I",), LAUNCH_ENV, through_script=False)
    kernel = template.fork([sys.executable, "-I", "-c", program, str(tmp_path / "out")], LAUNCH_ENV, "/")
    assert kernel.wait(timeout=60) == 0
    verdicts, wrapped = json.loads((tmp_path / "out").read_text())
    assert verdicts == [_should_be_async(cell) for cell in AWAITING]
    assert True in verdicts and wrapped  # the template's, telling both kinds
