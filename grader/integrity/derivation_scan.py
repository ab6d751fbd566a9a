"""Zero the graded functions that differentiate numerically or automatically: a static scan, in the grading process.

The course grades derivations (COURSE_SPEC: numerical differentiation earns no
credit). Plain forward or central differences mostly fail the tolerance anyway;
what can pass it is looked for here, in the source of each graded function and of
every notebook-level function or name it uses, as defined when its hidden test runs:

- automatic or symbolic differentiation: jax, torch, tensorflow, autograd, sympy,
  numdifftools, findiff, scipy's differentiate / approx_fprime / check_grad / derivative;
- ``np.gradient``;
- complex numbers (the complex-step derivative): ``1j``, ``complex``, complex dtypes, ``.imag``;
- finite differences: one callable evaluated at ``x`` and at ``x`` shifted by a
  small step, or a difference divided by a small step (``(f(xp) - f(x)) / h``),
  a step being a constant below 0.1, ``finfo(...).eps``, ``np.spacing(...)``, a name
  bound to one, or a multiple, power or square root of one;
- code built at run time (``eval``, ``exec``, ``compile``, ``__import__``,
  ``importlib.import_module``), which this scan cannot read.

A student may still check an answer with finite differences in a function of
another name: only what the graded function reaches is scanned. The scan reads
code, it does not run it: obfuscation (``getattr(np, "gra" + "dient")``) escapes it.

Instructor code (the notebook's locked setup cells, ``run_cell(..., instructor=True)``)
is read but not followed: ps5's gradient checker ``gradient_check`` calls the setup's
``numerical_gradient``, so a graded function may call the checker to check itself,
while one that calls ``numerical_gradient`` (finite differences, by its own code) is flagged.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from IPython.core.inputtransformer2 import TransformerManager

from grader.integrity.messages import Message

AUTODIFF_MODULES = (
    "jax", "torch", "tensorflow", "autograd", "sympy", "numdifftools", "findiff",
    "scipy.differentiate", "casadi", "pytensor", "theano", "mxnet", "tinygrad",
)
NUMERICAL_DERIVATIVES = ("numpy.gradient", "scipy.optimize.approx_fprime", "scipy.optimize.check_grad", "scipy.misc.derivative")
COMPLEX_NAMES = (
    "complex", "numpy.complex64", "numpy.complex128", "numpy.complex256", "numpy.complex_", "numpy.cdouble",
    "numpy.csingle", "numpy.clongdouble", "numpy.complexfloating", "numpy.imag", "cmath",
)
DYNAMIC_CODE = ("eval", "exec", "compile", "__import__", "importlib.import_module", "builtins.eval", "builtins.exec")
# Calls whose result is small when their argument is: sqrt(eps) is a step too.
STEP_PRESERVING = ("numpy.sqrt", "numpy.cbrt", "math.sqrt", "abs", "numpy.abs")
MAX_STEP = 0.1


@functools.lru_cache(maxsize=1024)  # most cells are the release's, the same in every submission
def _parse(source: str) -> ast.Module | None:
    """A cell's code as Python (IPython magics translated); None when it does not parse. Read only: shared."""
    try:
        return ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):
        return None


def _dotted(node: ast.AST) -> str | None:
    """'np.linalg.norm' for an attribute chain on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def _matches(name: str, prefixes: tuple[str, ...]) -> str | None:
    return next((p for p in prefixes if name == p or name.startswith(p + ".")), None)


def _free_names(definition: ast.AST) -> set[str]:
    """Names a definition reads from the notebook: read, but neither parameters nor assigned inside it."""
    read, local = set(), set()
    for node in ast.walk(definition):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else local).add(node.id)
        elif isinstance(node, ast.arg):
            local.add(node.arg)
    if isinstance(definition, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        return read  # a top-level assignment: everything it reads is the notebook's
    return read - local


def _short(node: ast.AST, limit: int = 70) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _statements(body: list) -> Iterator[ast.AST]:
    """Every statement of ``body``, nested ones included: an import is a statement, never inside an expression."""
    for node in body:
        yield node
        for block in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _statements(getattr(node, block, []))


def imported_modules(sources: list[str]) -> set[str]:
    """The top-level names of the modules imported anywhere in ``sources`` (absolute imports; inside functions too)."""
    names = set()
    for tree in filter(None, map(_parse, (source for source in sources if "import" in source))):
        for node in _statements(tree.body):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


@dataclass(frozen=True)
class Finding:
    """Why a function is not derived: a short kind for the instructor, the detail for the student."""

    kind: str  # a Message: "finite differences", "complex step", "numerical differentiation (numpy.gradient)", ...
    detail: str  # a Message: "divides a difference by a small step: (f(x + h) - f(x)) / h"


@dataclass
class Scope:
    """The notebook's top-level names as cells run: imports (alias -> module) and definitions."""

    imports: dict[str, set[str]] = field(default_factory=dict)
    definitions: dict[str, ast.AST] = field(default_factory=dict)
    instructor: set[str] = field(default_factory=set)  # names the instructor's cells bound last

    def run_cell(self, source: str, instructor: bool = False) -> None:
        tree = _parse(source)
        if tree is None:
            return
        before = dict(self.definitions)
        self._bind(tree.body)
        bound = {name for name, node in self.definitions.items() if before.get(name) is not node}
        self.instructor = self.instructor | bound if instructor else self.instructor - bound

    def _bind(self, statements) -> None:
        for statement in statements:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                self._import(statement)
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.definitions[statement.name] = statement
            elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                for target in targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            self.definitions[name.id] = statement
            else:  # if / try / with / for at top level: their bodies bind names too
                for body in ("body", "orelse", "finalbody", "handlers"):
                    self._bind(getattr(statement, body, []))
                if isinstance(statement, ast.ExceptHandler):
                    self._bind(statement.body)

    def _import(self, statement) -> None:
        for alias in statement.names:
            if isinstance(statement, ast.Import):
                name = alias.asname or alias.name.split(".")[0]
                module = alias.name if alias.asname else alias.name.split(".")[0]
            else:
                name = alias.asname or alias.name
                module = f"{statement.module or ''}.{alias.name}".lstrip(".")
            self.imports.setdefault(name, set()).add(module)

    def resolve(self, node: ast.AST) -> set[str]:
        """The full dotted names an expression may stand for ('np.gradient' -> {'numpy.gradient'})."""
        dotted = _dotted(node)
        if dotted is None:
            return set()
        head, _, rest = dotted.partition(".")
        modules = self.imports.get(head, {head})
        return {f"{module}.{rest}" if rest else module for module in modules}

    def reachable(self, function: str) -> list[ast.AST]:
        """The definition of ``function`` and of every top-level name it uses, transitively.

        An instructor's definition is included but what it uses is not followed: the setup's
        gradient checker may compute finite differences on the student's behalf.
        """
        found, queue, seen = [], [function], set()
        while queue:
            name = queue.pop()
            if name in seen or name not in self.definitions:
                continue
            seen.add(name)
            found.append(self.definitions[name])
            if name not in self.instructor:
                queue.extend(_free_names(self.definitions[name]))
        return found

    def findings(self, function: str) -> list[Finding]:
        """Why ``function`` does not derive its answer (empty: nothing found)."""
        nodes = self.reachable(function)
        local = Scope(imports={k: set(v) for k, v in self.imports.items()}, definitions=self.definitions)
        for node in nodes:  # imports inside functions count too
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    local._import(inner)
        setup = {id(self.definitions[name]): name for name in self.instructor if name in self.definitions}
        steps = _StepFinder(local, nodes)
        reasons: list[Finding] = []
        for node in nodes:
            found = local._forbidden_names(node) + steps.difference_quotients(node) + steps.shifted_calls(node)
            if id(node) in setup:  # the student's code reached it by calling it
                found = [Finding(f.kind, Message("derivation/setup", name=setup[id(node)], detail=f.detail)) for f in found]
            reasons += found
        return list(dict.fromkeys(reasons))

    def _forbidden_names(self, root: ast.AST) -> list[Finding]:
        reasons = []
        for node in ast.walk(root):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                reasons += [Finding(Message("derivation/kind_autodiff", module=m), Message("derivation/imports", module=m)) for m in modules if _matches(m, AUTODIFF_MODULES)]
            elif isinstance(node, ast.Constant) and isinstance(node.value, complex):
                reasons.append(Finding(Message("derivation/kind_complex"), Message("derivation/complex_number", value=repr(node.value))))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("complex"):
                reasons.append(Finding(Message("derivation/kind_complex"), Message("derivation/complex_dtype", value=repr(node.value))))
            elif isinstance(node, ast.Attribute) and node.attr == "imag":
                reasons.append(Finding(Message("derivation/kind_complex"), Message("derivation/imaginary", code=_short(node))))
            if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(getattr(node, "ctx", None), ast.Load):
                for name in self.resolve(node):
                    if module := _matches(name, AUTODIFF_MODULES):
                        reasons.append(Finding(Message("derivation/kind_autodiff", module=module), Message("derivation/uses", name=module)))
                    elif _matches(name, NUMERICAL_DERIVATIVES):
                        reasons.append(Finding(Message("derivation/kind_numerical", name=name), Message("derivation/calls", name=name)))
                    elif name in COMPLEX_NAMES:
                        reasons.append(Finding(Message("derivation/kind_complex"), Message("derivation/uses", name=name)))
                    elif name in DYNAMIC_CODE:
                        reasons.append(Finding(Message("derivation/kind_dynamic", name=name), Message("derivation/dynamic", name=name)))
        return reasons


class _StepFinder:
    """Finite differences: small steps, differences divided by them, callables evaluated at shifted inputs."""

    def __init__(self, scope: Scope, nodes: list[ast.AST]):
        self.scope = scope
        self.step_names: set[str] = set()
        bindings = []
        for node in nodes:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Assign):
                    bindings += [(t.id, inner.value) for t in inner.targets if isinstance(t, ast.Name)]
                elif isinstance(inner, (ast.FunctionDef, ast.Lambda, ast.AsyncFunctionDef)):
                    args = inner.args.posonlyargs + inner.args.args
                    bindings += list(zip([a.arg for a in args[len(args) - len(inner.args.defaults):]], inner.args.defaults))
                    bindings += [(a.arg, d) for a, d in zip(inner.args.kwonlyargs, inner.args.kw_defaults) if d is not None]
        for _ in range(3):  # h = 1e-6; step = 2 * h; ...
            self.step_names |= {name for name, value in bindings if self.is_step(value)}

    def is_step(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, (int, float)) and not isinstance(node.value, bool) and 0 < abs(node.value) < MAX_STEP
        if isinstance(node, ast.Name):
            return node.id in self.step_names
        if isinstance(node, ast.UnaryOp):
            return self.is_step(node.operand)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Pow)):
            return self.is_step(node.left) or (isinstance(node.op, ast.Mult) and self.is_step(node.right))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.FloorDiv)):
            return self.is_step(node.left)
        if isinstance(node, ast.Call) and self.scope.resolve(node.func) & set(STEP_PRESERVING):
            return any(self.is_step(arg) for arg in node.args)
        if isinstance(node, ast.Call):
            return bool(self.scope.resolve(node.func) & {"numpy.spacing", "numpy.nextafter", "math.ulp"})
        return isinstance(node, ast.Attribute) and node.attr in ("eps", "epsilon")  # np.finfo(float).eps, sys.float_info.epsilon

    def difference_quotients(self, root: ast.AST) -> list[Finding]:
        reasons = []
        for node in ast.walk(root):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and self.is_step(node.right):
                differences = [n for n in ast.walk(node.left) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Sub)]
                diffs = [n for n in ast.walk(node.left) if isinstance(n, ast.Call)
                         and self.scope.resolve(n.func) & {"numpy.diff", "numpy.ediff1d"}]
                if differences or diffs:
                    reasons.append(Finding(Message("derivation/kind_finite"), Message("derivation/divides", code=_short(node))))
        return reasons

    def _base(self, arg: ast.AST) -> tuple[str, bool]:
        """(the unshifted input, whether it is shifted by a step)."""
        if isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Add, ast.Sub)):
            if self.is_step(arg.right):
                return ast.dump(arg.left), True
            if isinstance(arg.op, ast.Add) and self.is_step(arg.left):
                return ast.dump(arg.right), True
        return ast.dump(arg), False

    def shifted_calls(self, root: ast.AST) -> list[Finding]:
        seen: dict[tuple[str, int, str], list[tuple[ast.Call, bool, str]]] = {}
        for node in ast.walk(root):
            if not isinstance(node, ast.Call):
                continue
            for position, arg in enumerate(node.args):
                base, shifted = self._base(arg)
                seen.setdefault((ast.dump(node.func), position, base), []).append((node, shifted, ast.dump(arg)))
        reasons = []
        for calls in seen.values():
            shifted = [c for c in calls if c[1]]
            others = [c for c in calls if c[2] != (shifted[0][2] if shifted else None)]
            if shifted and others:
                reasons.append(Finding(Message("derivation/kind_finite"), Message("derivation/shifted", first=_short(shifted[0][0]), second=_short(others[0][0]))))
        return reasons
