"""A submission's ``timestamp.txt``: read when it says unambiguously when the work was handed in.

The timestamp is metadata (it only decides a late penalty), so no content of the file may
stop a submission from being graded or a command from running. nbgrader's exchange writes
``Exchange.timestamp_format`` (by default ``2019-10-24 20:25:53.460007 UTC``); instructors
and LMS exports write ISO 8601 (``2019-10-24T20:25:53+02:00``). Those are read with
nbgrader's own ``parse_utc`` (a time without a zone is UTC, as nbgrader takes it). Anything
else (a custom format without separators or zone such as ``2019-10-24-20-25-53-460007``, a
bare number, which could be seconds, milliseconds or a date, free text, bytes that are not
UTF-8 text, an empty file) is *unreadable*: the submission is graded without a late penalty,
and the outcome says what the file held.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass

from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import parse_utc

from grader.integrity.messages import Message

FILE_NAME = "timestamp.txt"
MAX_BYTES = 1024  # a timestamp is a line; more than this is not one
SHOWN_CHARS = 60
# A date with a four-digit year first and a time with colons: ISO 8601 and nbgrader's default format.
READABLE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z][\w/+-]*( [+-]?\d{2}:?\d{2})?)?$")

NUMERIC_ZONE = re.compile(r"\s+([+-]\d{2}:?\d{2})$")


@dataclass(frozen=True)
class Timestamp:
    """What ``timestamp.txt`` says: ``when`` (naive UTC) if readable, else ``problem`` (None: no file)."""

    when: datetime.datetime | None = None
    problem: Message | None = None


def _shown(text: str) -> str:
    return repr(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "\u2026")


def decode(data: bytes) -> str | None:
    """The file's text: UTF-8 (a BOM allowed), or UTF-16 with its BOM (what Windows' Notepad writes); None otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig",)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    return None


def parse(data: bytes) -> Timestamp:
    """``timestamp.txt``'s bytes -> its time (naive UTC), or why it is not read, quoting what it holds."""
    text = decode(data)
    if text is None:
        return Timestamp(problem=Message("timestamp/not_text", file=FILE_NAME, held=repr(data[:SHOWN_CHARS])))
    text = text.strip()
    if not text:
        return Timestamp(problem=Message("timestamp/empty", file=FILE_NAME))
    unreadable = Timestamp(problem=Message("timestamp/unreadable", file=FILE_NAME, held=_shown(text)))
    if not READABLE.match(text):
        return unreadable
    try:
        # parse_utc takes a third word that is a number as an offset in seconds: "-0700" is glued to the time.
        return Timestamp(when=parse_utc(NUMERIC_ZONE.sub(r"\1", text)))
    except (ValueError, OverflowError, TypeError):  # dateutil's ParserError is a ValueError; an unknown zone a TypeError
        return unreadable


def read(folder: str | os.PathLike) -> Timestamp:
    """The ``timestamp.txt`` of a submission folder; Timestamp() when there is none."""
    path = os.path.join(folder, FILE_NAME)
    if not os.path.lexists(path):
        return Timestamp()
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        return Timestamp(problem=Message("timestamp/unopened", file=FILE_NAME, reason=str(error.strerror)))
    if len(data) > MAX_BYTES:
        return Timestamp(problem=Message("timestamp/too_long", file=FILE_NAME, held=_shown(decode(data[:SHOWN_CHARS]) or "")))
    return parse(data)


class LenientCourseDirectory(CourseDirectory):
    """nbgrader's CourseDirectory, whose timestamps never fail: an unreadable ``timestamp.txt`` counts as none.

    nbgrader reads timestamps to decide lateness (autograde) and whether a folder is newer than
    its graded copy (every converter); its own reader stops the command on anything it cannot parse.
    """

    def get_existing_timestamp(self, dest_path: str) -> datetime.datetime | None:
        found = read(dest_path)
        if found.problem:
            self.log.warning("%s: %s: no late penalty is computed", dest_path, found.problem)
        return found.when
