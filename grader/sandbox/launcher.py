"""Start a student's kernel inside a sandbox, then become its waiting parent.

Run as a script (``python -I launcher.py SPEC_JSON -- KERNEL_ARGV...``) by
``grader.sandbox.policy``, which writes the ``LaunchSpec`` defined here as JSON; it
imports nothing from ``grader``, since it runs where the course's files are about to
disappear. What it does, in order:

1. reads the kernel's connection file and opens the submission folder, while visible;
2. when ``isolate`` is set (root on Linux): enters new mount, PID, IPC and network
   namespaces (no network at all: the kernel talks to the grader over Unix sockets in
   a ``shared`` dir), covers the scratch dirs (/tmp, ...) with small fresh tmpfs,
   covers every hidden path (course root, grading code, gradebook, the grader's home
   and Jupyter runtime dir) with an empty tmpfs, and binds the kept paths back
   read-only (the shared dir read-write);
3. copies the submission folder into a private work dir (regular files only: no symlink
   is followed, and no file the student handed in as a symlink, which nbgrader has
   followed), writes the connection file there, and hands both to ``uid``;
4. sets the resource limits, drops to ``uid`` (no groups, no new privileges) and
   execs the kernel with a clean environment, in the work dir.

The launcher itself stays as the kernel's parent: it ignores SIGINT (the kernel gets
it directly, as jupyter_client signals the whole process group), turns SIGTERM into
SIGKILL for the kernel, and exits with the kernel's status. When the kernel cannot
start, the reason goes to the launcher's stderr (the grading process's), never to the
kernel's /dev/null, and the status is 70. With isolation the kernel
is PID 1 of its namespace, so every process it spawned dies with it, and its work dir
is a tmpfs that vanishes with it; without, the kernel manager removes the work dir.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import stat
import sys
from dataclasses import asdict, dataclass, field

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWNET = 0x40000000
CLONE_NEWPID = 0x20000000
NAMESPACES = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNET
MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_NOEXEC = 0x8
MS_REMOUNT = 0x20
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38

LIMITS = {
    "memory_bytes": resource.RLIMIT_AS,
    "file_bytes": resource.RLIMIT_FSIZE,
    "processes": resource.RLIMIT_NPROC,
    "cpu_seconds": resource.RLIMIT_CPU,
    "open_files": resource.RLIMIT_NOFILE,
}

COULD_NOT_START = 70  # the launcher's exit status when the kernel could not be started (EX_SOFTWARE)

libc = ctypes.CDLL(None, use_errno=True)


@dataclass(frozen=True)
class KernelLimits:
    """Resource limits of the kernel's process (None: no limit); the names are LIMITS' keys."""

    memory_bytes: int | None = None
    file_bytes: int | None = None
    processes: int | None = None
    cpu_seconds: int | None = None
    open_files: int | None = None


@dataclass(frozen=True)
class LaunchSpec:
    """What the launcher needs to start one kernel, written by ``grader.sandbox.policy.launch_spec``.

    Paths are real paths. ``work_root``: where the kernel's home and working copy go;
    ``shared``: dirs the kernel writes and the grader reads (its sockets); ``exclude``:
    paths relative to ``submission`` the kernel must not get; ``hide``: paths covered with
    an empty tmpfs, ``keep``: paths under them bound back read-only (isolated only).
    """

    connection_file: str
    submission: str
    work_root: str
    work_name: str
    env: dict[str, str]
    limits: KernelLimits = field(default_factory=KernelLimits)
    isolate: bool = False
    uid_base: int | None = None  # each kernel runs as uid_base + the launcher's PID (isolated only)
    scratch: tuple[str, ...] = ()
    scratch_bytes: int = 0
    hide: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> LaunchSpec:
        data = json.loads(text)
        lists = {name: tuple(data[name]) for name in ("scratch", "hide", "keep", "shared", "exclude")}
        return cls(**{**data, **lists, "limits": KernelLimits(**data["limits"])})


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _c_string(text: str | None) -> bytes | None:
    return text.encode() if text is not None else None


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    arguments = (_c_string(source), _c_string(target), _c_string(fstype), ctypes.c_ulong(flags), _c_string(data))
    _check(libc.mount(*arguments), f"mount {target}")


def _depth(path: str) -> int:
    return path.rstrip("/").count("/")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _covered(path: str, covers: list[str], keeps: list[str]) -> bool:
    """Already out of sight: inside another cover and not brought back by a kept path."""
    return any(_inside(path, c) and path != c for c in covers) and not any(_inside(path, k) for k in keeps)


def build_view(spec: LaunchSpec, kept_fds: dict[str, int]) -> None:
    """Cover scratch and hidden paths with tmpfs, bind the kept dirs back (shallowest first).

    Kept dirs come back read-only, but the ``shared`` ones (where the kernel's sockets go).
    """
    scratch = [p for p in spec.scratch if os.path.isdir(p)]
    hidden = [p for p in spec.hide if os.path.exists(p)]
    covers = scratch + hidden
    keeps = [k for k in kept_fds if any(_inside(k, c) and k != c for c in covers)]
    steps = [(p, "scratch") for p in scratch if not _covered(p, covers, keeps)]
    steps += [(p, "hide") for p in hidden if not _covered(p, covers, keeps)]
    steps += [(k, "keep") for k in keeps]
    for path, kind in sorted(steps, key=lambda step: _depth(step[0])):
        if kind == "keep":
            os.makedirs(path, exist_ok=True)
            _mount(f"/proc/self/fd/{kept_fds[path]}", path, None, MS_BIND | MS_REC)
            if path not in spec.shared:
                _mount(None, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID)
        elif kind == "scratch":
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={spec.scratch_bytes},mode=1777")
        elif os.path.isdir(path):
            # Owned by root with mode 0755: the kernel's user cannot write there.
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
        else:
            _mount("/dev/null", path, None, MS_BIND)


def copy_regular_files(source: str, target: str, exclude: frozenset[str] = frozenset(), relative: str = "") -> None:
    """Copy the tree's directories and regular files, but the ``exclude``d relative paths; symlinks and special files are left out."""
    os.makedirs(target, exist_ok=True)
    for entry in os.scandir(source):
        destination = os.path.join(target, entry.name)
        if os.path.join(relative, entry.name) in exclude:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                copy_regular_files(entry.path, destination, exclude, os.path.join(relative, entry.name))
            elif entry.is_file(follow_symlinks=False):
                shutil.copyfile(entry.path, destination, follow_symlinks=False)
        except OSError as error:  # a file too large for the scratch space is left out, not fatal
            print(f"sandbox: not copied: {entry.name}: {error.strerror}", file=sys.stderr)


def hand_over(path: str, uid: int, gid: int) -> None:
    for folder, dirs, files in os.walk(path):
        os.chown(folder, uid, gid)
        for name in files:
            os.chown(os.path.join(folder, name), uid, gid)


def set_limits(limits: KernelLimits) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for name, value in asdict(limits).items():
        if value is not None:
            # The CPU limit's soft value sends SIGXCPU, the hard one (a little later) SIGKILL.
            hard = value + 5 if name == "cpu_seconds" else value
            resource.setrlimit(LIMITS[name], (value, hard))


def drop_privileges(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def prepare_child(spec: LaunchSpec, uid: int | None, connection: bytes, submission_fd: int) -> tuple[str, str]:
    """In the kernel's process, before exec: its file system view, files and limits. Returns (work dir, connection file)."""
    work_root = spec.work_root
    if spec.isolate:
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        # Opened inside the new mount namespace: a bind mount's source must belong to it.
        kept_fds = {path: os.open(path, os.O_PATH) for path in spec.keep + spec.shared if os.path.isdir(path)}
        # The folders made for mount points (and those above them) must let the kernel's user
        # through, whatever umask the grader runs with (077 would make them root's alone).
        umask = os.umask(0o022)
        try:
            build_view(spec, kept_fds)
        finally:
            os.umask(umask)
        for fd in kept_fds.values():
            os.close(fd)
        os.makedirs(work_root, exist_ok=True)
    work = os.path.join(work_root, spec.work_name)
    copy_regular_files(f"/proc/self/fd/{submission_fd}", work, frozenset(spec.exclude))
    for folder in ("home", "runtime"):
        os.makedirs(os.path.join(work_root, folder), exist_ok=True)
    connection_file = os.path.join(work_root, "runtime", "kernel.json")
    with open(connection_file, "wb") as handle:
        handle.write(connection)
    os.chmod(connection_file, stat.S_IRUSR | stat.S_IWUSR)
    if uid is not None:
        for folder in [work_root, *spec.shared]:
            hand_over(folder, uid, uid)
            os.chmod(folder, 0o700)
    set_limits(spec.limits)
    if uid is not None:
        drop_privileges(uid, uid)
    _check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
    return work, connection_file


def kernel_argv(argv: list[str], connection_file: str) -> list[str]:
    """The kernel's command with its ``-f`` argument pointing at the sandbox's copy of the connection file."""
    argv = list(argv)
    argv[argv.index("-f") + 1] = connection_file
    return argv


def kernel_env(env: dict, work_root: str) -> dict:
    """The environment the grader chose, with home, IPython and Jupyter dirs inside the sandbox."""
    home = os.path.join(work_root, "home")
    return env | {
        "HOME": home,
        "IPYTHONDIR": os.path.join(home, ".ipython"),
        "JUPYTER_CONFIG_DIR": os.path.join(home, ".jupyter"),
        "JUPYTER_DATA_DIR": os.path.join(home, ".local", "share", "jupyter"),
        "JUPYTER_RUNTIME_DIR": os.path.join(work_root, "runtime"),
    }


def start_kernel(spec: LaunchSpec, uid: int | None, connection: bytes, submission_fd: int, argv: list[str]) -> None:
    """In the forked child: build the sandbox and exec the kernel; never returns.

    The kernel's stdin, stdout and stderr are /dev/null (the grader's terminal and logs are
    none of its business); why it could not start goes to the launcher's own stderr, kept
    on a descriptor the kernel does not inherit.
    """
    report = os.dup(2)  # close-on-exec: gone once the kernel runs
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        work, connection_file = prepare_child(spec, uid, connection, submission_fd)
        os.close(submission_fd)
        os.chdir(work)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.execve(argv[0], kernel_argv(argv, connection_file), kernel_env(spec.env, spec.work_root))
    except BaseException as error:  # noqa: BLE001 - report why the kernel could not start, then die
        os.write(report, f"sandbox: could not start the kernel: {type(error).__name__}: {error}\n".encode(errors="replace"))
    os._exit(COULD_NOT_START)


def main(args: list[str]) -> int:
    spec = LaunchSpec.from_json(args[0])
    argv = args[args.index("--") + 1:]
    with open(spec.connection_file, "rb") as handle:
        connection = handle.read()
    submission_fd = os.open(spec.submission, os.O_RDONLY | os.O_DIRECTORY)
    if spec.isolate:
        _check(libc.unshare(NAMESPACES), "unshare")
    # A user id of its own for each kernel: the launcher's PID is unique while the kernel lives.
    uid = spec.uid_base + os.getpid() if spec.uid_base is not None else None
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    child = os.fork()
    if child == 0:
        start_kernel(spec, uid, connection, submission_fd, argv)
    signal.signal(signal.SIGTERM, lambda *_: os.kill(child, signal.SIGKILL))
    signal.signal(signal.SIGHUP, lambda *_: os.kill(child, signal.SIGKILL))
    _, status = os.waitpid(child, 0)  # retried by Python when a signal interrupts it
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
