"""What the integrity steps did to a submission, as data kept in the graded notebook.

Each step that changes a submission or its run (``RestoreCells``, ``SandboxedExecute``,
``FlagNumericalDerivatives``) records an ``Incident`` in the notebook's metadata,
``nb.metadata["jacobians"]["incidents"]``, which nbgrader writes into autograded/ with the
notebook; ``grader.course.course`` reads them back into the submission's ``Outcome.flags``.
Each is also logged, for whoever runs plain ``nbgrader autograde``. An incident keeps its
``grader.integrity.messages`` key and parameters beside its English text, so the instructor
reads it in the course language; one recorded before the table existed shows its text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from grader.integrity.messages import Message

METADATA_KEY = "jacobians"
INCIDENTS_KEY = "incidents"
LOG_PREFIX = "integrity: "


@dataclass(frozen=True)
class Incident:
    """One thing an integrity step did or saw: which step, and what, said for the instructor."""

    step: str  # "cells" (RestoreCells), "sandbox" (SandboxedExecute), "derivation" (FlagNumericalDerivatives)
    text: str  # "cell 'hidden_jacobian_sigmoid' was missing (deleted, or its metadata stripped): put back at cell 4"
    message: dict = field(default_factory=dict)  # Message.to_json(): {"key": "cells/missing_at", "params": {...}}; {}: text only

    @classmethod
    def of(cls, step: str, message: Message) -> Incident:
        """The incident saying ``message``: its English text, and its key and parameters."""
        return cls(step, str(message), message.to_json())

    def flag(self) -> str:
        """What the instructor reads: the Message (rendered in their language at display), else the recorded text."""
        try:
            return Message.from_json(self.message) if self.message else self.text
        except (KeyError, ValueError, TypeError, IndexError):  # a key or parameters this version does not know
            return self.text

    def to_dict(self) -> dict:
        return {"step": self.step, "text": self.text, **({"message": self.message} if self.message else {})}

    @classmethod
    def from_dict(cls, data: dict) -> Incident:
        message = data.get("message")
        return cls(str(data.get("step", "")), str(data.get("text", "")), dict(message) if isinstance(message, dict) else {})


def _incidents_list(nb) -> list:
    """The notebook's list of recorded incidents, created (or replaced, when not a list) as needed."""
    # Read back after each assignment: a NotebookNode stores a copy of the dict it is given.
    metadata = nb.setdefault("metadata", {})
    if not isinstance(metadata.get(METADATA_KEY), dict):
        metadata[METADATA_KEY] = {}
    meta = metadata[METADATA_KEY]
    if not isinstance(meta.get(INCIDENTS_KEY), list):
        meta[INCIDENTS_KEY] = []
    return meta[INCIDENTS_KEY]


def clear(nb) -> None:
    """Start a submission with no incidents: whatever its own metadata claims is not the grader's."""
    _incidents_list(nb).clear()


def record(nb, incident: Incident, log=None, resources: dict | None = None) -> None:
    """Add ``incident`` to ``nb``'s metadata, and log ``integrity: <student>/<assignment>: <text>``."""
    _incidents_list(nb).append(incident.to_dict())
    if log is not None:
        who = (resources or {}).get("nbgrader", {})
        log.warning("%s%s/%s: %s", LOG_PREFIX, who.get("student", "?"), who.get("assignment", "?"), incident.text)


def recorded(nb: dict) -> list[Incident]:
    """The incidents a notebook (a NotebookNode or its JSON as a dict) carries, in order."""
    meta = nb.get("metadata", {}).get(METADATA_KEY)
    found = meta.get(INCIDENTS_KEY) if isinstance(meta, dict) else None
    return [Incident.from_dict(item) for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def flags(notebooks: Iterable[dict]) -> list[str]:
    """Each distinct incident of a submission's notebooks, in order: the outcome's flags (``Incident.flag``)."""
    return list(dict.fromkeys(incident.flag() for nb in notebooks for incident in recorded(nb)))
