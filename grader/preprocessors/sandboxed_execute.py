"""Run the notebook in a sandboxed kernel, within time and output limits, surviving a dying kernel.

Replaces ``nbgrader.preprocessors.Execute`` in the autograde pipeline. On top of it:

- the kernel starts through ``grader.sandbox.policy`` (limits, clean environment, private
  copy of the submission, and when isolated its own user and file system view);
- a wall-time limit for the whole notebook, on top of nbgrader's per-cell timeout;
- a kernel that dies (``os._exit``, out of memory, killed) or that stays busy after a
  timeout's interrupt (SIGINT ignored) is killed, a new one is started, the earlier
  cells are run again (but hidden tests, and cells that broke a kernel), and the run
  goes on with the next cell; the cell that broke it gets an error output saying so;
- output is capped per cell while it arrives (and per message, in ZeroMQ), so a
  flooding kernel cannot exhaust the grading process's memory.

Every such event is recorded as an incident in the notebook's metadata
(``grader.integrity.incidents``), which the instructor sees among the submission's flags.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
from time import monotonic
from urllib.parse import urlparse

import zmq
from jupyter_core.utils import ensure_async, run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from traitlets import Enum, Integer

from grader.sandbox import policy as sandbox
from grader.sandbox.kernel_manager import SandboxedKernelManager
from grader.utils import exercise_of, grade_id_of
from grader.integrity import incidents
from grader.integrity.messages import Message

# What a broken kernel raises while a cell runs (RuntimeError: "Kernel didn't respond", zmq: a dropped socket).
KERNEL_FAILURES = (DeadKernelError, CellTimeoutError, asyncio.TimeoutError, RuntimeError, zmq.ZMQError)
PAYLOAD_MESSAGES = {"stream", "display_data", "execute_result", "update_display_data", "error"}


def _payload_bytes(msg: dict) -> int:
    """Roughly how much a kernel message adds to a notebook."""
    content = msg.get("content", {})
    if msg.get("msg_type") == "stream":
        return len(content.get("text", ""))
    return len(json.dumps(content, default=str))


def _error_output(ename: str, message: str):
    return new_output("error", ename=ename, evalue=message, traceback=[f"{ename}: {message}"])


class SandboxedExecute(Execute):
    """nbgrader's Execute, with the student's kernel sandboxed and every limit enforced."""

    isolation = Enum(
        ["auto", "required", "off"],
        "auto",
        help="auto: isolate kernels when the machine allows it (root on Linux), else warn; "
        "required: refuse to grade without isolation; off: never isolate.",
    ).tag(config=True)
    memory_limit = Integer(3 << 30, allow_none=True, help="Address space of a kernel, in bytes.").tag(config=True)
    file_size_limit = Integer(64 << 20, allow_none=True, help="Largest file a kernel may write, in bytes.").tag(config=True)
    process_limit = Integer(64, allow_none=True, help="Processes and threads of an isolated kernel.").tag(config=True)
    scratch_size = Integer(256 << 20, help="Size of an isolated kernel's private /tmp (holding its work dir), in bytes.").tag(config=True)
    notebook_timeout = Integer(600, help="Wall time for all the cells of a notebook, in seconds.").tag(config=True)
    max_kernel_restarts = Integer(3, help="Kernels started again after one died or hung, per notebook.").tag(config=True)
    cell_output_limit = Integer(1 << 20, help="Output bytes kept per cell.").tag(config=True)
    probe_output_limit = Integer(64 << 20, help="Output bytes kept per hidden-test cell (the encoded answers).").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)

    # Set-up -------------------------------------------------------------------------

    def _isolate(self) -> bool:
        problem = "SandboxedExecute.isolation is off" if self.isolation == "off" else sandbox.isolation_problem()
        if problem and self.isolation == "required":
            raise sandbox.SandboxError(f"isolation is required (SandboxedExecute.isolation) but unavailable: {problem}")
        if problem:
            self._incident("sandbox/not_isolated", problem=problem)
        return problem is None

    def _hidden(self, resources) -> list[str]:
        """The course root, and the gradebook and exchange wherever they are configured."""
        extra = [self.config.Exchange["root"]] if "root" in self.config.Exchange else []
        url = urlparse(resources.get("nbgrader", {}).get("db_url", ""))
        if url.scheme == "sqlite" and url.path not in ("", "/:memory:"):
            extra.append(url.path[1:])  # sqlite:///relative.db, sqlite:////absolute.db
        return sandbox.hidden_paths(CourseDirectory(config=self.config).root, extra)

    def _links(self, resources) -> list[str]:
        """What the student handed in as symbolic links (nbgrader followed them): kept from the kernel."""
        who = resources.get("nbgrader", {})
        coursedir = CourseDirectory(config=self.config)
        submitted = coursedir.format_path(coursedir.submitted_directory, who.get("student", ""), who.get("assignment", ""))
        links = sandbox.handed_in_links(submitted) if os.path.isdir(submitted) else []
        for link in links:
            self._incident("sandbox/link", link=link)
        return links

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.sandbox_setup = self._setup
        return km

    # The run ------------------------------------------------------------------------

    def preprocess(self, nb, resources=None, km=None):
        NotebookClient.__init__(self, nb, km)  # as nbconvert's ExecutePreprocessor does: a fresh client per notebook
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self._setup = sandbox.SandboxSetup(
            limits=sandbox.Limits(
                memory_bytes=self.memory_limit,
                file_bytes=self.file_size_limit,
                processes=self.process_limit,
                cpu_seconds=self.notebook_timeout,
                scratch_bytes=self.scratch_size,
            ),
            isolate=self._isolate(),
            hidden=tuple(self._hidden(resources)),
            submission=resources.get("metadata", {}).get("path") or ".",
            exclude=tuple(self._links(resources)),
            max_message_bytes=self.probe_output_limit + (1 << 20),
        )
        self._deadline = monotonic() + self.notebook_timeout
        self._broken_cells: set[int] = set()
        self._stopped: str | None = None
        self._restarts = 0
        self._output_bytes: dict[int, int] = {}
        run_sync(self._async_run)()
        return self.nb, self.resources

    async def _async_run(self):
        try:
            await self._async_new_kernel()
            msg_id = await ensure_async(self.kc.kernel_info())
            info = await self.async_wait_for_reply(msg_id)
            if info and "language_info" in info["content"]:
                self.nb.metadata["language_info"] = info["content"]["language_info"]
            for index, cell in enumerate(self.nb.cells):
                await self._async_run_cell(cell, index)
        finally:
            if self.km is not None:
                await self._async_cleanup_kernel()

    async def _async_new_kernel(self):
        self.km = self.create_kernel_manager()
        await self.async_start_new_kernel()
        await self.async_start_new_kernel_client()

    def _get_timeout(self, cell):
        """The cell's timeout, cut to what is left of the notebook's."""
        remaining = self._deadline - monotonic()
        per_cell = self.timeout if self.timeout and self.timeout > 0 else remaining
        return max(1, int(min(per_cell, remaining)))

    async def _async_run_cell(self, cell, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return
        if self._stopped is None and monotonic() >= self._deadline:
            self._stop(Message("sandbox/time_limit", seconds=self.notebook_timeout))
        if self._stopped is not None:
            cell.outputs = [_error_output("NotRun", f"not run: {self._stopped}")]
            return
        self._output_bytes[index] = 0
        try:
            await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1)
        except KERNEL_FAILURES as error:
            hung = not isinstance(error, DeadKernelError)
            what = "kept running after the time limit and ignored the interrupt" if hung else "died (it exited, was killed, or ran out of memory)"
            self._broken_cells.add(index)
            cell.outputs = list(cell.get("outputs", [])) + [_error_output("KernelDied", f"the kernel {what} in this cell")]
            self._incident("sandbox/hung" if hung else "sandbox/died", cell=index, label=self._label(cell))
            await self._async_recover(index)

    async def _async_recover(self, index):
        """A new kernel, with the cells before ``index`` run again (not hidden tests, not cells that broke a kernel)."""
        self._restarts += 1
        if self._restarts > self.max_kernel_restarts:
            self._stop(Message("sandbox/broke_times", count=self._restarts))
            return
        self.shutdown_kernel = "immediate"  # a hung kernel would not answer a polite shutdown
        await self._async_cleanup_kernel()
        try:
            await self._async_new_kernel()
            for earlier in range(index):
                cell = self.nb.cells[earlier]
                if cell.cell_type != "code" or earlier in self._broken_cells or exercise_of(cell) is not None:
                    continue
                self._output_bytes[earlier] = 0
                await self.async_execute_cell(copy.deepcopy(cell), earlier, store_history=False)
                self.nb.cells[earlier] = cell  # the re-run's outputs are not kept
        except KERNEL_FAILURES as error:
            self._stop(Message("sandbox/broke_again", cell=index, error=type(error).__name__))

    def _stop(self, reason: Message):
        self._stopped = reason
        self._incident("sandbox/not_run", reason=reason)

    def _incident(self, key: str, **params):
        incidents.record(self.nb, incidents.Incident.of("sandbox", Message(key, **params)), self.log, self.resources)

    @staticmethod
    def _label(cell) -> str:
        """' (hidden test of f)', ' (<grade id>)' for another nbgrader cell, '' for a cell the student added."""
        exercise = exercise_of(cell)
        grade_id = grade_id_of(cell)
        if exercise:
            return Message("sandbox/label_hidden_test", function=exercise.name)
        return Message("sandbox/label_cell", grade_id=grade_id) if grade_id else ""

    # Output limits ------------------------------------------------------------------

    def process_message(self, msg, cell, cell_index):
        if msg.get("msg_type") in PAYLOAD_MESSAGES or msg.get("msg_type", "").startswith("comm"):
            size = _payload_bytes(msg)
            used = self._output_bytes.get(cell_index, 0) + size
            self._output_bytes[cell_index] = used
            limit = self.probe_output_limit if exercise_of(cell) is not None else self.cell_output_limit
            if used > limit:
                if used - size <= limit:
                    cell.outputs.append(new_output("stream", name="stderr", text=f"\n[output truncated: more than {limit} bytes]\n"))
                    self._incident("sandbox/truncated", cell=cell_index, label=self._label(cell), limit=limit)
                return None
        return super().process_message(msg, cell, cell_index)

    def handle_comm_msg(self, outs, msg, cell_index):
        """Widgets have no place in a graded notebook: their messages are ignored."""
