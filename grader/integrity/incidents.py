"""What the integrity steps did to a submission, as data kept in the graded notebook.

Each step that changes a submission or its run (``RestoreCells``, ``SandboxedExecute``,
``FlagNumericalDerivatives``) records an ``Incident`` in the notebook's metadata,
``nb.metadata["jacobians"]["incidents"]``, which nbgrader writes into autograded/ with the
notebook; ``grader.course.course`` reads them back into the submission's ``Outcome.flags``.
Each is also logged, for whoever runs plain ``nbgrader autograde``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

METADATA_KEY = "jacobians"
INCIDENTS_KEY = "incidents"
LOG_PREFIX = "integrity: "


@dataclass(frozen=True)
class Incident:
    """One thing an integrity step did or saw: which step, and what, said for the instructor."""

    step: str  # "cells" (RestoreCells), "sandbox" (SandboxedExecute), "derivation" (FlagNumericalDerivatives)
    text: str  # "cell 'hidden_jacobian_sigmoid' was missing (deleted, or its metadata stripped): put back at cell 4"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Incident:
        return cls(str(data.get("step", "")), str(data.get("text", "")))


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
    """Each distinct incident text of a submission's notebooks, in order: the outcome's flags."""
    return list(dict.fromkeys(incident.text for nb in notebooks for incident in recorded(nb)))
