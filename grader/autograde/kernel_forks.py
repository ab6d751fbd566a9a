"""Kernels forked from a pre-imported template process instead of started from scratch.

A Python kernel spends most of its start importing ipykernel, IPython, the
debugger and numpy (~0.4 s of CPU), and its first traceback parsing numpy's
sources: more than the notebook's own cells take. The template process
(grader/autograde/kernel_template.py) does that once; each kernel launch then gets a *fresh
process* forked from it, which has never run anyone's code.

It composes with whatever Execute preprocessor and kernel manager the course
configures: ``with_forked_kernels(ExecuteClass)`` only replaces the Popen of a
kernel launch, and only for launches the template reproduces (jupyter_client's
LocalProvisioner running this interpreter with an env and a cwd). A sandbox
launcher in the command (grader.sandbox.policy) runs in the forked process as it would
after an exec, namespaces, limits and user switch included; when it execs the
kernel, the kernel starts in-process from the pre-imported modules if its
environment is the template's (learned from the first such launch), else by the
real exec. A kernel manager that knows that environment says so in its
``kernel_exec_env`` attribute (the sandbox's does): the first template then
starts ready, and no kernel is exec'd to learn it. Any other launch goes through the
configured manager untouched. The manager's kernel client (``PromptKernelClient``) is
jupyter_client's own, minus its waits for a kernel that is slow to start.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import multiprocessing
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

TEMPLATE_SOURCE = Path(__file__).with_name("kernel_template.py").read_text(encoding="utf-8")
LAUNCH_KEYWORDS = {"env", "cwd"}  # Popen keywords the template honours
# Interpreter flags without a value: a template is started with the launch's own.
SIMPLE_FLAGS = {"-I", "-E", "-s", "-S", "-B", "-u", "-O", "-OO", "-P", "-b", "-bb", "-q", "-d", "-R"}
LOCK_SECONDS = 30  # a shared template's request takes milliseconds: longer, its lock holder died
RECONNECT_MS = 5  # how often a kernel client's channels try to connect until the kernel listens
MAX_TEMPLATE_RESTARTS = 3  # environments learned per process before giving up on forking


class ForkedKernel:
    """The Popen-like handle jupyter_client's LocalProvisioner keeps for a forked kernel.

    The kernel is the template's child: exit is seen through a pidfd, and the
    template reaps it on request, so the pid cannot be reused meanwhile.
    """

    stdin = stdout = stderr = None

    def __init__(self, template: KernelTemplate, pid: int):
        self.template = template
        self.pid = pid
        self.returncode: int | None = None
        self._pidfd = os.pidfd_open(pid)

    def poll(self) -> int | None:
        return self.wait(timeout=0, raise_on_timeout=False)

    def wait(self, timeout: float | None = None, raise_on_timeout: bool = True) -> int | None:
        if self.returncode is None:
            exited, _, _ = select.select([self._pidfd], [], [], timeout)
            if not exited:
                if raise_on_timeout:
                    raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
                return None
            try:
                self.returncode = self.template.reap(self.pid)
            except (OSError, RuntimeError):  # the template died (killed): the kernel's new parent reaps it
                self.returncode = None
            if self.returncode is None:
                self.returncode = -signal.SIGKILL
            os.close(self._pidfd)
        return self.returncode

    async def exited(self) -> None:
        """Return once the kernel has exited: the pidfd becomes readable (no polling)."""
        if self.returncode is not None:
            return
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        loop.add_reader(self._pidfd, lambda: done.done() or done.set_result(None))
        try:
            await done
        finally:
            loop.remove_reader(self._pidfd)

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(15)

    def kill(self) -> None:
        self.send_signal(9)


class KernelTemplate:
    """One template process, started with interpreter ``flags`` and ``env``, and the requests sent to it.

    ``shared``: the processes later forked from this one use it too (their requests take turns
    under a lock they all hold), and it is not waited for: it imports while they start.
    """

    def __init__(self, flags: tuple[str, ...], env: dict[str, str], lean: bool = False, shared: bool = False):
        self.flags, self.env, self.lean, self.shared = flags, dict(env), lean, shared
        self.learned_env: dict[str, str] | None = None
        self.broken: str | None = None  # why this process no longer asks it
        self._requests = itertools.count()
        self.owner = os.getpid()
        self._lock = multiprocessing.get_context("fork").Lock() if shared else threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, *flags, "-c", TEMPLATE_SOURCE, json.dumps(list(flags)), *(["lean"] if lean else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=self.env, cwd=tempfile.gettempdir(), text=True,
        )
        self._pidfd = os.pidfd_open(self.process.pid)  # readable once it has exited, zombie or not: for any sharer
        if not shared:
            ready = self._ask({"op": "ping"})
            if not ready.get("ready"):
                raise RuntimeError(f"kernel template did not start: {ready}")

    def _read(self, request_id: str) -> dict:
        """The answer to request ``request_id``: a shared template's pipe may still hold the answer
        to a process that died after asking, which is passed over."""
        while line := self.process.stdout.readline():
            answer = json.loads(line)
            if answer.get("id") == request_id:
                return answer
        raise RuntimeError("kernel template exited")

    def _ask(self, request: dict) -> dict:
        if self.broken:
            raise RuntimeError(self.broken)
        request_id = f"{os.getpid()}:{next(self._requests)}"
        if not self._lock.acquire(timeout=LOCK_SECONDS):
            # A process sharing the template died holding the lock: this process stops using it.
            self.broken = f"kernel template busy for {LOCK_SECONDS} s"
            raise RuntimeError(self.broken)
        try:
            self.process.stdin.write(json.dumps(request | {"id": request_id}) + "\n")
            self.process.stdin.flush()
            answer = self._read(request_id)
        finally:
            self._lock.release()
        if answer.get("learned_env"):
            self.learned_env = answer["learned_env"]
        return answer

    def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedKernel:
        answer = self._ask({"op": "fork", "argv": argv, "env": env, "cwd": cwd})
        if "pid" not in answer:
            raise RuntimeError(answer.get("error", "kernel template refused"))
        return ForkedKernel(self, answer["pid"])

    def reap(self, pid: int) -> int:
        return self._ask({"op": "reap", "pid": pid})["returncode"]

    def alive(self) -> bool:
        if self.broken:
            return False
        if self.owner != os.getpid():  # a shared template is not this process's child: it cannot wait for it
            return not self.process.stdin.closed and not select.select([self._pidfd], [], [], 0)[0]
        return self.process.poll() is None

    def close(self) -> None:
        """Stop the template (its children are killed); in a process that only shares it, let go of its pipe."""
        if self.owner != os.getpid():
            self.process.stdin.close()
            self.process.stdout.close()
            os.close(self._pidfd)
            return
        os.close(self._pidfd)
        if self.alive():
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Templates:
    """This process's templates, one per set of interpreter flags."""

    def __init__(self):
        self._lock = threading.Lock()
        self._by_flags: dict[tuple[str, ...], KernelTemplate] = {}
        self.restarts = 0

    def for_launch(self, flags: tuple[str, ...], env: dict[str, str], through_script: bool,
                   exec_env: dict[str, str] | None = None) -> KernelTemplate:
        """The template to fork this launch from; restarted with the kernels' environment once learned.

        A launch through a script (a sandbox launcher) execs the kernel with an environment of
        its own choosing: the first template starts with ``exec_env``, what the launcher says it
        will be, or else only learns it, importing nothing. A wrong ``exec_env`` costs one real
        exec, which teaches the template the right one.
        """
        with self._lock:
            template = self._by_flags.get(flags)
            if template is not None and template.alive() and not template.learned_env:
                return template
            if template is not None and template.alive() and self.restarts >= MAX_TEMPLATE_RESTARTS:
                return template
            if template is not None:
                self.restarts += 1
                template.close()
            learned = template.learned_env if template else None
            expected = learned or (exec_env if through_script else None)
            self._by_flags[flags] = KernelTemplate(flags, expected or env, lean=through_script and not expected)
            return self._by_flags[flags]

    def close(self) -> None:
        with self._lock:
            for template in self._by_flags.values():
                template.close()
            self._by_flags.clear()

    def start_shared(self, flags: tuple[str, ...], env: dict[str, str]) -> None:
        """Start the template for launches with interpreter ``flags`` now, not at the first launch,
        for this process and those forked from it afterwards (grading processes): one template,
        whose imports run while they start. ``env``: the environment kernels run with. One started
        earlier for another environment is replaced."""
        with self._lock:
            started = self._by_flags.get(flags)
            if started is not None and started.env == env and started.alive():
                return
            if started is not None:
                started.close()
            self._by_flags[flags] = KernelTemplate(flags, env, shared=True)

    def forget(self) -> None:
        """In a forked child: drop the parent's templates but the shared ones (closing only this
        process's copies of their pipes)."""
        for flags, template in list(self._by_flags.items()):
            if not template.shared:
                template.close()  # not this process's child: only its copies of the pipes and the pidfd
                del self._by_flags[flags]
        self._lock = threading.Lock()


TEMPLATES = Templates()
# A process forked from one that has templates (a local grading worker) starts its own.
os.register_at_fork(after_in_child=TEMPLATES.forget)


def close_template() -> None:
    TEMPLATES.close()


def interpreter_flags(kernel_cmd: list[str]) -> tuple[str, ...] | None:
    """The flags of ``[python, *flags, program...]`` when it runs this interpreter with value-less flags only."""
    if not kernel_cmd or os.path.abspath(kernel_cmd[0]) != os.path.abspath(sys.executable):
        return None
    flags = []
    for arg in kernel_cmd[1:]:
        if arg in ("-m", "-c") or not arg.startswith("-"):
            return tuple(flags)
        if arg not in SIMPLE_FLAGS:
            return None
        flags.append(arg)
    return None


def reproducible(provisioner, kernel_cmd: list[str], launch_kw: dict) -> bool:
    """Whether forking the template launches what ``provisioner`` would launch with Popen."""
    return (
        type(provisioner) is LocalProvisioner
        and interpreter_flags(kernel_cmd) is not None
        and set(launch_kw) <= LAUNCH_KEYWORDS
        and "env" in launch_kw
    )


def launch_forked(provisioner: LocalProvisioner, kernel_cmd: list[str], launch_kw: dict,
                  exec_env: dict[str, str] | None = None) -> None:
    """What LocalProvisioner.launch_kernel does, with a fork of the template for the Popen."""
    cwd = str(launch_kw.get("cwd") or os.getcwd())
    flags = interpreter_flags(kernel_cmd)
    through_script = kernel_cmd[1 + len(flags)] not in ("-m", "-c")
    template = TEMPLATES.for_launch(flags, launch_kw["env"], through_script, exec_env)
    process = template.fork(kernel_cmd, launch_kw["env"], cwd)
    provisioner.process = process
    provisioner.pid = process.pid
    provisioner.pgid = process.pid  # the child called setsid()
    provisioner.cwd = cwd


class PromptKernelClient(AsyncKernelClient):
    """jupyter_client's async client, but ready as soon as the kernel is, where jupyter_client waits
    ~0.3 s of every kernel's start doing nothing (a forked kernel is ready in ~0.04 s):

    - its channels connect before the kernel listens, and ZeroMQ tries again every 100 ms: here 5 ms;
    - once the kernel has answered kernel_info and sent its first IOPub message, jupyter_client
      reads IOPub until 0.2 s pass without a message; here it takes what has arrived. What comes
      later is not lost: nbclient picks a cell's messages by the request they answer.
    """

    def start_channels(self, *args, **kw) -> None:
        self.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)  # the context is this kernel's manager's own
        super().start_channels(*args, **kw)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        channel = self.iopub_channel
        wait_for = channel.get_msg
        connected = False

        async def get_msg(timeout: float | None = None, **kw):
            nonlocal connected
            message = await wait_for(timeout=0 if connected else timeout, **kw)  # once connected: the flush
            connected = True
            return message

        channel.get_msg = get_msg
        try:
            await super().wait_for_ready(timeout)
        finally:
            del channel.get_msg


@functools.cache
def forking_manager(manager_class: type) -> type:
    """A subclass of ``manager_class`` that forks its kernels from the template when it can."""

    class ForkedKernelManager(manager_class):
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
            if reproducible(self.provisioner, kernel_cmd, kw):
                try:
                    launch_forked(self.provisioner, kernel_cmd, kw, getattr(self, "kernel_exec_env", None))
                    self._reconcile_connection_info(self.provisioner.connection_info)
                    return
                except (OSError, RuntimeError, ValueError) as error:  # a template that failed: launch as usual
                    self.log.warning("kernel template unavailable (%s): starting the kernel the usual way", error)
            await super()._async_launch_kernel(kernel_cmd, **kw)

        async def _async_wait(self, pollinterval: float = 0.1) -> None:
            # jupyter_client polls a killed kernel every 0.1 s; a forked kernel's exit is seen at once.
            process = getattr(self.provisioner, "process", None)
            if isinstance(process, ForkedKernel):
                await process.exited()
            await super()._async_wait(pollinterval)

    if issubclass(manager_class, AsyncKernelManager):  # (nbclient's default)
        ForkedKernelManager.client_class = f"{__name__}.PromptKernelClient"
        ForkedKernelManager.client_factory = PromptKernelClient
    ForkedKernelManager.__name__ = ForkedKernelManager.__qualname__ = f"Forked{manager_class.__name__}"
    return ForkedKernelManager


def with_forked_kernels(execute_class: type) -> type:
    """A subclass of the configured Execute preprocessor whose kernels are forked from the template.

    Its config sections are its parents', so ``c.Execute.timeout`` and the like still apply.
    """

    class ForkedKernels(execute_class):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.kernel_manager_class = forking_manager(self.kernel_manager_class)

    ForkedKernels.__name__ = ForkedKernels.__qualname__ = f"ForkedKernels{execute_class.__name__}"
    return ForkedKernels
