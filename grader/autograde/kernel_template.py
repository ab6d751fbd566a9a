"""The template kernel process: a clean interpreter that forks one fresh process per kernel launch.

Run as ``python <flags> -c <this file's text> <flags as JSON> [lean]`` by grader.autograde.kernel_forks, never imported:
it imports nothing from grader, so neither the reference solutions nor the grader's
state can reach a kernel forked from it. It imports what every Python kernel imports
anyway (ipykernel, IPython, the debugger, numpy, and matplotlib for kernels with fresh homes)
once, and (at its first launch, in the traceback mode the kernel is given) formats one traceback to warm the caches every kernel's
first traceback would fill; it compiles a script it runs (a sandbox launcher) once, not in every
child; it lets a kernel transform a cell's text once where ipykernel and IPython each do (the
same result while the transformers are IPython's own), and answers at once that a cell without
the words await and async does not await; it serves requests, one JSON object a line, on the pipe it was
started with (nothing is sent unasked: processes sharing the pipe each read only their own answers):

  {"op": "ping"} -> {"ready": true, "pid": N}
      once the preloaded modules are imported;
  {"op": "fork", "argv": [...], "env": {...}, "cwd": "..."} -> {"pid": N, "learned_env": ...}
      a child that runs ``argv`` (this interpreter with this template's flags: ``-m
      module``, ``-c code`` or a script) in ``cwd`` with ``env``, in a session of its own,
      as jupyter_client launches kernels. When that program execs this interpreter again
      with the same flags (a sandbox launcher starting the kernel after it has set up
      namespaces, limits and user), the exec happens in-process too, provided the new
      environment is the template's own: modules read it when imported. Otherwise the
      real exec happens, and the environment it wanted is reported back
      (``learned_env`` of a later reply) so that the next template is started with it;
  {"op": "reap", "pid": N} -> {"returncode": R}
      collects an exited child. Children are reaped on request only, so that a child's
      pid stays its own (a zombie) until the grading process has seen it exit.

The request pipe is closed in every child before anything else runs: a kernel cannot
reach the template. When the pipe closes (or the template fails), children still running are killed;
when the template itself is killed, Linux kills them (each asked for it, PR_SET_PDEATHSIG).
"""

import atexit
import ctypes
import functools
import gc
import json
import os
import runpy
import select
import shutil
import signal
import sys
import tempfile
import traceback

PR_SET_PDEATHSIG = 1
PRELOAD = (  # what a kernel imports while it starts, and numpy (every notebook of the course imports it)
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.logger",
    "IPython.core.oinspect",
    "IPython.core.ultratb",
    "IPython.extensions.storemagic",
    "faulthandler",
    "psutil",
    "sqlite3",
    "tornado.platform.asyncio",
    "numpy",
    "numpy.random",  # ps3 and ps4 draw their examples with it
    "numpy.testing",
)
# Imported too when each kernel gets a home of its own, fresh and empty, from the launcher that
# execs it (HOME is not in the template's environment): matplotlib reads its config folder at
# import, under that home, so the template imports it with an empty folder of its own (ps5 plots;
# ~0.5 CPU s per kernel in a sandbox, the font list included).
PRELOAD_FOR_FRESH_HOMES = ("matplotlib.pyplot",)
# What a preloaded module reads at import from the working folder: a kernel whose folder holds one
# is exec'd for real, so that it is read (a student's matplotlibrc).
WORKING_FOLDER_FILES = ("matplotlibrc",)
# Set per kernel by launchers and read only once a kernel runs, never at import time.
PER_KERNEL_ENV = ("HOME", "IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JPY_PARENT_PID", "JPY_SESSION_NAME")
FLAGS = tuple(json.loads(sys.argv[1])) if len(sys.argv) > 1 else ()  # this interpreter's own flags
# "lean": import nothing, only learn the kernels' environment (the first launch through a launcher script).
LEAN = sys.argv[2:3] == ["lean"]
STARTED_ENV = dict(os.environ)
IMPORTS_SET_ENV: dict = {}  # what importing PRELOAD put in os.environ, as it would in every kernel


def same_startup_env(env: dict) -> bool:
    def kept(e):
        return {k: v for k, v in e.items() if k not in PER_KERNEL_ENV}

    return kept(env) == kept(STARTED_ENV)


def reads_working_folder() -> bool:
    """Whether the working folder holds a file a preloaded module would have read at import."""
    return any(os.path.exists(name) for name in WORKING_FOLDER_FILES)


def murmur2_x86(data: str, seed: int) -> int:
    """ipykernel.compiler.murmur2_x86, the same value ~5x faster: the hash of a cell's source that
    names its file (for the debugger), computed for every cell run (probe cells carry ~10-60 KB).
    MurmurHash2 of the UTF-8 bytes: each 4-byte block is mixed by numpy, only the chain is a loop."""
    import numpy

    m, mask = 0x5BD1E995, 0xFFFFFFFF
    raw = data.encode("utf8")
    length = len(raw)
    end = length & ~3
    blocks = numpy.frombuffer(raw, dtype="<u4", count=end // 4).astype(numpy.uint64)
    blocks = (blocks * m) & mask
    blocks ^= blocks >> 24
    blocks = (blocks * m) & mask
    h = seed ^ length
    for k in blocks.tolist():
        h = ((h * m) & mask) ^ k
    if end < length:
        h = ((h ^ int.from_bytes(raw[end:], "little")) * m) & mask
    h ^= h >> 13
    h = (h * m) & mask
    return h ^ (h >> 15)


def transform_once(transform_cell, defaults):
    """IPython's ``TransformerManager.transform_cell``, computed once for a cell transformed twice in a
    row: ipykernel transforms each cell to see whether it awaits, then IPython's run_cell transforms
    it again (~14 ms per ps3 notebook each time: it tokenizes the ~10 KB probe cells in pure
    Python). A pure function of the text while the transformers are IPython's own (those of
    ``defaults``, a fresh manager); once a student changes them, every call runs them."""
    own = (defaults.cleanup_transforms, defaults.line_transforms, defaults.token_transformers)
    last: list = [None]  # (manager, cell, its transform), replaced whole: threads see one or the other

    def ipythons(manager) -> bool:
        return (manager.cleanup_transforms, manager.line_transforms, manager.token_transformers) == own

    @functools.wraps(transform_cell)
    def transform(self, cell):
        if not ipythons(self):
            return transform_cell(self, cell)
        memo = last[0]
        if memo is not None and memo[0] is self and memo[1] == cell:
            return memo[2]
        result = transform_cell(self, cell)
        if ipythons(self):  # not changed meanwhile (by another thread)
            last[0] = (self, cell, result)
        return result

    return transform


def awaits_first(should_be_async):
    """IPython's test of whether a cell awaits at top level (it compiles the whole cell; ~3 ms per
    ps3 notebook), answered at once (False) for a cell without the words ``await`` and ``async``:
    only they make a coroutine of code. The one difference: where IPython's test raises (a
    RecursionError compiling a cell nested too deep), which stalls ipykernel's reply, the cell
    runs and fails with that error, as a cell of any other error does."""

    @functools.wraps(should_be_async)
    def check(cell: str) -> bool:
        return ("await" in cell or "async" in cell) and should_be_async(cell)

    return check


def import_preloaded() -> None:
    """Import PRELOAD (and, for kernels with fresh homes, PRELOAD_FOR_FRESH_HOMES); note what the imports put in os.environ."""
    for name in PRELOAD:
        __import__(name)
    sys.modules["ipykernel.compiler"].murmur2_x86 = murmur2_x86
    transformers = sys.modules["IPython.core.inputtransformer2"].TransformerManager
    transformers.transform_cell = transform_once(transformers.transform_cell, transformers())
    sys.modules["IPython.core.interactiveshell"]._should_be_async = awaits_first(sys.modules["IPython.core.async_helpers"]._should_be_async)
    if "HOME" not in STARTED_ENV:
        config = tempfile.mkdtemp(prefix="jacobians-template-")
        os.environ["MPLCONFIGDIR"] = config  # empty, as a fresh home's is; the font list is built there
        try:
            for name in PRELOAD_FOR_FRESH_HOMES:
                __import__(name)
        finally:
            del os.environ["MPLCONFIGDIR"]
            shutil.rmtree(config, ignore_errors=True)
    IMPORTS_SET_ENV.update({k: v for k, v in os.environ.items() if STARTED_ENV.get(k) != v})


def program(argv: list) -> tuple | None:
    """``[python, *FLAGS, -m mod | -c code | script, *args]`` -> (kind, target, args); None if other flags."""
    if os.path.abspath(argv[0]) != os.path.abspath(sys.executable):  # the same path: a venv's python is not its base's
        return None
    rest = argv[1 + len(FLAGS):]
    if tuple(argv[1:1 + len(FLAGS)]) != FLAGS or not rest or (rest[0].startswith("-") and rest[0] not in ("-m", "-c")):
        return None
    if rest[0] in ("-m", "-c"):
        return (rest[0], rest[1], rest[2:]) if len(rest) > 1 else None
    return ("script", rest[0], rest[1:])


COMPILED: dict = {}  # script path -> (its bytes, its code)


def compiled_script(path: str):
    """The code of the Python script at ``path``, compiled again only when its bytes change. Called by
    the template before each fork of a script (a sandbox launcher): every child gets it compiled."""
    with open(path, "rb") as handle:  # as runpy reads a script: bytes, decoded by compile (PEP 263)
        source = handle.read()
    if COMPILED.get(path, (None,))[0] != source:
        COMPILED[path] = (source, compile(source, path, "exec"))
    return COMPILED[path][1]


def cached_script(path: str) -> bool:
    """Whether ``path`` is run from compiled_script: a .py file (runpy also runs folders, zips, .pyc)."""
    return path.endswith(".py") and os.path.isfile(path)


def signals_as_after_exec() -> None:
    """Signal dispositions as exec and a new interpreter's start leave them."""
    for signum in signal.valid_signals():
        if callable(signal.getsignal(signum)):
            signal.signal(signum, signal.SIG_DFL)  # exec resets caught signals; ignored ones stay ignored
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if signal.getsignal(signal.SIGINT) == signal.SIG_DFL:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def run_program(kind: str, target: str, args: list) -> None:
    """Run a program as ``python <FLAGS> ...`` would in a new process; never returns."""
    code = 1
    try:
        signals_as_after_exec()
        isolated = sys.flags.safe_path
        if kind == "-m":
            sys.argv = [target] + list(args)  # runpy puts the module's file in argv[0]
            if not isolated:
                sys.path[0] = os.getcwd()
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        elif kind == "-c":
            sys.argv = ["-c"] + list(args)
            if not isolated:
                sys.path[0] = ""
            main = type(sys)("__main__")
            sys.modules["__main__"] = main
            exec(compile(target, "<string>", "exec"), main.__dict__)
        else:
            sys.argv = [target] + list(args)
            if not isolated:
                sys.path[0] = os.path.dirname(os.path.abspath(target))
            if cached_script(target):
                main = type(sys)("__main__")  # what runpy.run_path gives a script
                main.__file__, main.__cached__, main.__loader__, main.__package__, main.__spec__ = target, None, None, "", None
                sys.modules["__main__"] = main
                exec(compiled_script(os.path.abspath(target)), main.__dict__)
            else:
                runpy.run_path(target, run_name="__main__")
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if not isinstance(stop.code, (int, type(None))):
            print(stop.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def exec_in_process(learn_fd: int):
    """An ``os.execve`` that stays in this process when it would exec this interpreter with FLAGS."""
    real_execve = os.execve

    def execve(path, args, env):
        target = program([path] + list(args[1:]))
        if target is not None and same_startup_env(env) and not LEAN and not reads_working_folder():
            os.close(learn_fd)
            os.environ.clear()
            os.environ.update(env | IMPORTS_SET_ENV)
            run_program(*target)
        if target is not None and (LEAN or not same_startup_env(env)):  # not for a working folder's file
            os.write(learn_fd, json.dumps(dict(env)).encode())
        return real_execve(path, args, env)

    return execve


def die_with_template(template: int) -> None:
    """Have Linux kill this child when the template dies, however it dies (even SIGKILL, when its
    own clean-up cannot run): no kernel outlives the template it was forked from."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != template:  # it died before the request was made
        os._exit(70)


def become(request: dict, closing: list, learn_fd: int, template: int) -> None:
    """In the forked child: run the requested program; never returns."""
    try:
        die_with_template(template)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as in any new interpreter
        os.setsid()
        for fd in closing:
            os.close(fd)
        os.chdir(request["cwd"])
        kind, target, args = program(request["argv"])
        if kind != "script" and not same_startup_env(request["env"]):
            os.write(learn_fd, json.dumps(request["env"]).encode())
            os.execve(request["argv"][0], request["argv"], request["env"])
        if kind != "script" and reads_working_folder():
            os.execve(request["argv"][0], request["argv"], request["env"])
        os.environ.clear()
        os.environ.update(request["env"] | (IMPORTS_SET_ENV if kind != "script" else {}))
        os.execve = exec_in_process(learn_fd)
        os.execv = lambda path, args: os.execve(path, args, dict(os.environ))
        run_program(kind, target, args)
    except BaseException:
        traceback.print_exc()
    os._exit(70)


def learned(reports: dict) -> dict | None:
    """The environment a child reported, if one did (a real exec happened for want of it)."""
    ready, _, _ = select.select(list(reports.values()), [], [], 0) if reports else ([], [], [])
    env = None
    for fd in ready:
        data = os.read(fd, 1 << 20)
        if data:
            env = json.loads(data)
    return env


def serve(reader, writer) -> None:
    """Answer requests until the pipe closes."""
    reports: dict[int, int] = {}  # child pid -> read end of its report pipe
    try:
        answer(reader, writer, reports)
    finally:
        for pid in reports:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass


def send(writer, request_id, message: dict) -> None:
    """One answer, naming the request it answers (the asker may share the pipe with others)."""
    writer.write(json.dumps(message | {"id": request_id}) + "\n")
    writer.flush()


def answer(reader, writer, reports: dict) -> None:
    for line in reader:
        try:
            request = json.loads(line)
        except ValueError:  # a request cut short by the death of the process that wrote it
            continue
        reply = functools.partial(send, writer, request.get("id"))
        if request["op"] == "ping":  # answered once PRELOAD is imported: the template is ready
            reply({"ready": True, "pid": os.getpid()})
        elif request["op"] == "fork":
            launched = program(request["argv"])
            if launched is None:
                reply({"error": "not a program this template runs"})
                continue
            compile_ahead(launched, request["cwd"])
            warm_tracebacks(traceback_mode(request["argv"]))  # and gc.freeze(), the compiled script included
            report_read, report_write = os.pipe()
            template = os.getpid()
            pid = os.fork()
            if pid == 0:
                become(request, [reader.fileno(), writer.fileno(), report_read, *reports.values()], report_write, template)
            os.close(report_write)
            reports[pid] = report_read
            reply({"pid": pid, "learned_env": learned(reports)})
        elif request["op"] == "reap":
            pid = request["pid"]
            if pid not in reports:  # not a child of this template (a request of a process that died)
                reply({"returncode": None})
                continue
            _, status = os.waitpid(pid, 0)
            report = reports.pop(pid, None)
            env = learned({pid: report}) if report is not None else None
            if report is not None:
                os.close(report)
            reply({"returncode": os.waitstatus_to_exitcode(status), "learned_env": env})


def compile_ahead(launched: tuple, cwd: str) -> None:
    """Compile the script a fork request runs (``launched``: its ``program``), here, once: not in
    every child (~3 ms for the sandbox launcher)."""
    kind, target, _ = launched
    if kind != "script":
        return
    path = os.path.normpath(os.path.join(cwd, target))
    if cached_script(path):
        try:
            compiled_script(path)
        except Exception:  # noqa: BLE001 - the child compiles it again, meets the error and reports it
            pass


XMODE_FLAG = "--InteractiveShell.xmode="
WARMED_MODES: set = set()


def traceback_mode(argv: list) -> str:
    """The traceback mode of the kernel ``argv`` starts: its ``--InteractiveShell.xmode``, else IPython's default."""
    return next((arg[len(XMODE_FLAG):] for arg in argv if arg.startswith(XMODE_FLAG)), "Context")


def warm_tracebacks(mode: str) -> None:
    """Format one failing numpy.testing check in the kernels' traceback ``mode``, once per mode: the
    source files parsed and the highlighter built here are cached, instead of in every kernel's
    first traceback (Context mode: ~0.25 CPU s; Plain: ~15 ms). Then freeze the template's heap:
    it lives as long as any kernel, so no kernel's collector need walk it, nor touch (and so
    copy) its pages (Python's advice for fork without exec)."""
    if LEAN or mode in WARMED_MODES:
        return
    WARMED_MODES.add(mode)
    import numpy
    from IPython.core import ultratb

    try:
        numpy.testing.assert_allclose(numpy.zeros(2), numpy.ones(2))
    except AssertionError:
        ultratb.AutoFormattedTB(mode=mode, theme_name="linux").structured_traceback(*sys.exc_info())
    gc.freeze()


def main() -> None:
    # Ctrl-C at the instructor's terminal stops the grading process; the template then sees its
    # pipe close and kills its children, instead of dying and leaving them running.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The protocol gets private copies of the pipe; fds 0 and 1 become what a kernel's would be.
    reader = os.fdopen(os.dup(0), "r")
    writer = os.fdopen(os.dup(1), "w")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(2, 1)
    os.close(null)
    if not LEAN:
        import_preloaded()
    serve(reader, writer)


if __name__ == "__main__":
    main()
