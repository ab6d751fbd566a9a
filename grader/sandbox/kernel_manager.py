"""The kernel manager of a sandboxed kernel: jupyter_client's, starting the kernel through the launcher."""

from __future__ import annotations

import os
import shutil
import tempfile

import zmq
from jupyter_client.manager import AsyncKernelManager

from grader.i18n import _
from grader.sandbox import policy as sandbox

SOCKET_PATH_BYTES = 107  # a Unix socket's path (sockaddr_un.sun_path, less its final NUL, on Linux)


class SandboxedKernelManager(AsyncKernelManager):
    """Starts its kernel through the sandbox launcher; set ``sandbox_setup`` (a ``SandboxSetup``) before starting.

    An isolated kernel has no network: its channels are Unix sockets in a dir of their own.
    """

    sandbox_setup: sandbox.SandboxSetup | None = None
    socket_dir: str | None = None  # isolated: the kernel's Unix sockets
    work_dir: str | None = None  # not isolated: the kernel's home and working copy, on disk
    # The environment the launcher execs the kernel with, but for the kernel's own dirs (read by
    # grader.autograde.kernel_forks); set at each start.
    kernel_exec_env: dict | None = None

    @staticmethod
    def template_launch(environ: dict[str, str]) -> tuple[tuple[str, ...], dict[str, str]]:
        """What a kernel template needs to serve this manager's launches before the first one
        (grader.autograde.kernel_forks): the interpreter flags of the launch, and the environment
        the launcher execs the kernel with when the grader's environment is ``environ``."""
        return sandbox.LAUNCHER_FLAGS, sandbox.kernel_env(environ)

    async def _async_pre_start_kernel(self, **kw):
        setup = self.sandbox_setup
        submission = kw.pop("cwd", None) or setup.submission
        if setup.isolate:
            self.socket_dir = tempfile.mkdtemp(prefix="jacobians-sockets-")
            self.transport, self.cache_ports, self.ip = "ipc", False, os.path.join(self.socket_dir, "kernel")
        else:
            self.work_dir = tempfile.mkdtemp(prefix="jacobians-sandbox-")
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        if self.socket_dir:
            self._check_socket_paths()
        spec = sandbox.launch_spec(
            setup,
            work_root=self.work_dir or sandbox.ISOLATED_WORK_ROOT,
            submission=submission,
            connection_file=self.connection_file,
            shared=[self.socket_dir] if self.socket_dir else [],
        )
        self.kernel_exec_env = spec.env
        # The launcher's own working directory and environment are the sandbox's, never the course's.
        kw["cwd"] = "/"
        kw["env"] = {"PATH": sandbox.KERNEL_ENV["PATH"], "LANG": "C.UTF-8"}
        return sandbox.launch_command(cmd, spec), kw

    def _check_socket_paths(self) -> None:
        """Say what to do when the kernel's sockets would not fit Unix's limit (ZeroMQ says only
        "File name too long"): their folder is under TMPDIR."""
        ports = (self.shell_port, self.iopub_port, self.stdin_port, self.control_port, self.hb_port)
        longest = max(len(os.fsencode(f"{self.ip}-{port}")) for port in ports)
        if longest > SOCKET_PATH_BYTES:
            raise sandbox.SandboxError(_(
                "set TMPDIR to a shorter folder (e.g. TMPDIR=/tmp) and grade again: the kernel's sockets "
                "would have paths of {length} bytes, more than the {limit} Unix allows, under {folder}"
            ).format(length=longest, folder=tempfile.gettempdir(), limit=SOCKET_PATH_BYTES))

    async def cleanup_resources(self, restart: bool = False) -> None:
        await super().cleanup_resources(restart=restart)
        for folder in (self.socket_dir, self.work_dir):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)

    def client(self, **kwargs):
        client = super().client(**kwargs)
        # A single message larger than this drops the connection instead of filling memory.
        client.context.setsockopt(zmq.MAXMSGSIZE, self.sandbox_setup.max_message_bytes)
        return client
