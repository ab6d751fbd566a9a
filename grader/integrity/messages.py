"""Every text of an instructor's flags and grading errors, in English: one table, message key -> template.

An integrity step, the timestamp reader and the course record a ``Message``: the template's
key and its named parameters. A Message *is* its English text (a ``str``, so logs, nbgrader
and already-graded notebooks keep reading English) and ``render()`` says it in the current
language (``grader.i18n``) when the instructor reads it. Template rules are those of
``grader.checking.messages``: whole sentences with ``{named}`` placeholders, marked ``N_``
for the catalogue; a parameter may itself be a Message (rendered in the same language).
"""

from __future__ import annotations

from grader.i18n import N_, gettext

MESSAGES: dict[str, str] = {
    # RestoreCells ---------------------------------------------------------------------------
    "cells/duplicated": N_(
        "cell {grade_id!r} appears {count} times (cells {cells}): graded the copy at cell {kept}, "
        "where the assignment has it; the others ran as ordinary cells"
    ),
    "cells/unknown": N_("cell {cell} claims to be cell {grade_id!r}, which the assignment does not have: run as an ordinary cell"),
    "cells/missing_at_end": N_("cell {grade_id!r} was missing (deleted, or its metadata stripped): put back at the end"),
    "cells/missing_at": N_("cell {grade_id!r} was missing (deleted, or its metadata stripped): put back at cell {position}"),
    "cells/moved": N_("cell {grade_id!r} came before the code it tests: moved back after it"),
    # SandboxedExecute -----------------------------------------------------------------------
    "sandbox/not_isolated": N_("student kernels are NOT isolated (they can read the course's files): {problem}"),
    "sandbox/link": N_("{link} was handed in as a symbolic link: not given to the kernel"),
    "sandbox/hung": N_("cell {cell}{label}: the kernel kept running after the time limit and ignored the interrupt"),
    "sandbox/died": N_("cell {cell}{label}: the kernel died (it exited, was killed, or ran out of memory)"),
    "sandbox/truncated": N_("cell {cell}{label}: output truncated at {limit} bytes"),
    "sandbox/label_hidden_test": N_(" (hidden test of {function})"),
    "sandbox/label_cell": N_(" ({grade_id})"),
    "sandbox/not_run": N_("the remaining cells were not run: {reason}"),
    "sandbox/time_limit": N_("the notebook's time limit ({seconds} s) was reached"),
    "sandbox/broke_times": N_("the kernel broke {count} times"),
    "sandbox/broke_again": N_("the kernel broke again while re-running the cells before cell {cell} ({error})"),
    # FlagNumericalDerivatives ---------------------------------------------------------------
    "derivation/zero": N_("{function} not derived ({kinds}): 0 points"),
    # The derivation scan's findings (grader.integrity.derivation_scan): a kind, and a detail for the student
    "derivation/kind_autodiff": N_("automatic differentiation ({module})"),
    "derivation/kind_numerical": N_("numerical differentiation ({name})"),
    "derivation/kind_complex": N_("complex step"),
    "derivation/kind_dynamic": N_("code built at run time ({name})"),
    "derivation/kind_finite": N_("finite differences"),
    "derivation/imports": N_("imports {module}"),
    "derivation/uses": N_("uses {name}"),
    "derivation/calls": N_("calls {name}"),
    "derivation/complex_number": N_("uses the complex number {value}"),
    "derivation/complex_dtype": N_("uses the complex dtype {value}"),
    "derivation/imaginary": N_("takes an imaginary part: {code}"),
    "derivation/dynamic": N_("builds code at run time with {name}, which this check cannot read"),
    "derivation/divides": N_("divides a difference by a small step: {code}"),
    "derivation/shifted": N_("evaluates a function at shifted inputs: {first} and {second}"),
    "derivation/setup": N_("calls the setup's {name}, which {detail}"),
    # The verdict FlagNumericalDerivatives writes in the hidden test cell, for the student
    "derivation/score": N_("{function}: 0 / {points} points"),
    "derivation/not_derived": N_("\u2717 not derived ({kind}): {function} {detail}."),
    "derivation/explain": N_(
        "The course grades derivations: return the derivative you derived. Finite differences are fine "
        "for checking your answer, in a function of another name that the graded one does not call."
    ),
    # timestamp.txt (grader.course.timestamps) -----------------------------------------------
    "timestamp/not_text": N_("{file} is not UTF-8 text (it holds {held})"),
    "timestamp/empty": N_("{file} is empty"),
    "timestamp/unreadable": N_("{file} could not be read as a date and time (it holds {held})"),
    "timestamp/unopened": N_("{file} could not be opened ({reason})"),
    "timestamp/too_long": N_("{file} is longer than a timestamp ({held} and more)"),
    "timestamp/no_penalty": N_("{problem}: graded without a late penalty"),
    # Submissions nbgrader could not grade (grader.course.course) ----------------------------
    "submission/holds_only": N_("it holds only {files}"),
    "submission/empty": N_("it is empty"),
    "submission/no_notebook": N_("{folder} holds no notebook ({held}): 0 until the student hands in {wanted}"),
    "submission/misnamed": N_("{missing} is not in {folder} (found only {present}): rename the student's notebook and grade again"),
    "submission/unreadable": N_("{name} is not a readable notebook ({error}): no credit until it is submitted again"),
}


class Message(str):
    """Template ``key`` of MESSAGES with ``params``: equal to its English text, ``render()`` in the current language.

    Raises KeyError for a key the table lacks, and KeyError/ValueError for parameters that do not fit it.
    """

    key: str
    params: dict

    def __new__(cls, key: str, **params) -> Message:
        self = super().__new__(cls, MESSAGES[key].format(**params))
        self.key, self.params = key, params
        return self

    def __reduce__(self):
        # A str subclass pickles as its text by default; the key and parameters must cross to the parent process.
        return _message, (self.key, self.params)

    def render(self) -> str:
        """The text in the current language (``grader.i18n.current_language``)."""
        return gettext(MESSAGES[self.key]).format(**{name: rendered(value) for name, value in self.params.items()})

    def to_json(self) -> dict:
        """``{"key": ..., "params": {...}}``, nested Messages as the same."""
        return {"key": self.key, "params": {n: v.to_json() if isinstance(v, Message) else v for n, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Message:
        """The Message ``to_json`` wrote; KeyError/ValueError when it is not one this table can render."""
        params = {n: cls.from_json(v) if isinstance(v, dict) else v for n, v in dict(data["params"]).items()}
        return cls(str(data["key"]), **params)


def _message(key: str, params: dict) -> Message:
    return Message(key, **params)


def rendered(text) -> str:
    """A Message in the current language; any other text (nbgrader's own, a recorded English one) as it is."""
    return text.render() if isinstance(text, Message) else text
