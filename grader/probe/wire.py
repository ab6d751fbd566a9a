"""What travels between the grading process and the student's kernel.

Grader -> kernel: the inputs of an exercise's cases, inside the probe cell's source
(``probe_source``). Kernel -> grader: one stdout line holding what the student's
function returned for each case (``read_probe_record`` / ``decode_results``).
"""

from __future__ import annotations

import base64
import inspect
import json
import secrets
import zlib
from dataclasses import dataclass

import numpy as np

from grader.probe import kernel_probe
from grader.probe.answers import INTERRUPTED, MISSING, NotAnArray, Raised, Unconvertible
from grader.contract.exercises import Case, Exercise

MARKER = "@@jacobians-probe@@"
# An answer more than SIZE_FACTOR times the size of the expected one is refused in
# the kernel rather than shipped: it cannot be right, and it could be huge.
SIZE_FACTOR = 8
MIN_ELEMENTS = 10_000


def _encode_arg(arg) -> dict:
    """An input as JSON: a float, an int (a count, a seed), or an array of float64 or of int64 (word indices)."""
    if isinstance(arg, (int, np.integer)) and not isinstance(arg, bool):
        return {"kind": "int", "value": int(arg)}
    if np.ndim(arg) == 0:
        return {"kind": "float", "value": float(arg)}
    dtype = np.int64 if np.issubdtype(np.asarray(arg).dtype, np.integer) else np.float64
    data = np.ascontiguousarray(arg, dtype=dtype)
    return {
        "kind": "array",
        "dtype": np.dtype(dtype).name,
        "shape": list(data.shape),
        "data": base64.b64encode(zlib.compress(data.tobytes())).decode(),
    }


def max_elements(expected_sizes) -> int:
    """The largest answer the probe ships, from the sizes of the expected answers."""
    return max(MIN_ELEMENTS, SIZE_FACTOR * max(expected_sizes))


def new_nonce() -> str:
    return secrets.token_hex(8)


# The probe's code travels as one compressed string: IPython tokenizes a cell's whole source
# before running it, and one string token costs next to nothing (README, "How grading works").
PACKED_PROBE = base64.b64encode(
    zlib.compress((inspect.getsource(kernel_probe._jacobians_encode) + inspect.getsource(kernel_probe._jacobians_probe)).encode())
).decode()


def probe_source(exercise: Exercise, cases: list[Case], nonce: str, max_answer_elements: int) -> str:
    """The complete source of a probe cell: the probe function (packed) and its call."""
    spec = {
        "function": exercise.name,
        "output": exercise.output,
        "nonce": nonce,
        "marker": MARKER,
        "max_elements": max_answer_elements,
        "cases": [[_encode_arg(arg) for arg in case.args] for case in cases],
    }
    payload = base64.b64encode(zlib.compress(json.dumps(spec).encode())).decode()
    return (
        f"# Hidden test of {exercise.name}: your function is called on the grader's inputs.\n"
        f"exec(__import__('zlib').decompress(__import__('base64').b64decode({PACKED_PROBE!r})))\n"
        f"_jacobians_probe({payload!r})\n"
    )


def read_probe_record(outputs, nonce: str) -> dict | None:
    """The probe's record among a cell's outputs, or None when the probe never finished."""
    for output in outputs:
        if output.get("output_type") != "stream" or output.get("name") != "stdout":
            continue
        for line in output.get("text", "").splitlines():
            if not line.startswith(MARKER):
                continue
            try:
                record = json.loads(zlib.decompress(base64.b64decode(line[len(MARKER):])))
            except (ValueError, zlib.error):
                continue
            if record.get("nonce") == nonce:
                return record
    return None


def _decode_value(value: dict):
    kind = value.get("kind")
    if kind == "array":
        raw = zlib.decompress(base64.b64decode(value["data"]))
        array = np.frombuffer(raw, dtype=np.float64).reshape(value["shape"]).copy()
        return array if value.get("ndarray", True) else NotAnArray(value.get("type", "object"), array)
    if kind == "tuple":
        return tuple(_decode_value(item) for item in value["items"]) + (
            (Unconvertible("extra element", "..."),) * max(0, value["length"] - len(value["items"]))
        )
    return Unconvertible(value.get("type", "object"), value.get("preview", ""))


@dataclass(frozen=True)
class CaseResult:
    answer: object  # ndarray | tuple | Raised | Unconvertible


def decode_results(record: dict) -> list[CaseResult]:
    """One CaseResult per case the probe ran (fewer when it was interrupted)."""
    results = []
    for item in record.get("results", []):
        status = item.get("status")
        if status == "returned":
            results.append(CaseResult(_decode_value(item["value"])))
        elif status == "raised":
            results.append(CaseResult(Raised(item.get("exception", "an exception"))))
        elif status == "missing":
            results.append(CaseResult(Raised(reason=MISSING)))
        elif status == "interrupted":
            results.append(CaseResult(Raised(reason=INTERRUPTED)))
    return results
