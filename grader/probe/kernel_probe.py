"""The code that runs in the student's kernel in place of a hidden test.

Its whole source is pasted into the hidden test cell at grading time (by
``grader.preprocessors.InjectProbes``), so it imports nothing from ``grader``: the
kernel never sees the reference solutions or the expected values. It only calls
the student's function on the grader's inputs and prints what came back, encoded,
on one line of stdout. The comparison happens in the grading process.

Anything the student's code prints or warns while it runs is swallowed, so numpy
RuntimeWarnings cannot reach the cell's stderr (nor text the record's line).
"""


def _jacobians_encode(value, top_level, output, max_elements):
    """What the function returned, as JSON: an array's float64 bytes, or its type and a short repr."""
    import base64
    import zlib

    import numpy as np

    def preview(value):
        try:
            text = repr(value)
        except BaseException:
            text = "<repr failed>"
        return text[:200]

    if top_level and output in ("pair", "triple") and isinstance(value, (tuple, list)):
        items = [_jacobians_encode(item, False, output, max_elements) for item in value[:8]]
        return {"kind": "tuple", "items": items, "length": len(value)}
    type_name = type(value).__name__
    if value is None:
        return {"kind": "other", "type": "NoneType", "preview": "None"}
    try:
        array = np.asarray(value)
    except BaseException:
        return {"kind": "other", "type": type_name, "preview": preview(value)}
    if array.dtype.kind not in "biuf":
        label = "complex array" if array.dtype.kind == "c" else type_name
        return {"kind": "other", "type": label, "preview": preview(value)}
    if array.size > max_elements:
        return {"kind": "other", "type": f"array of shape {array.shape}", "preview": "too large to grade"}
    data = np.ascontiguousarray(array, dtype=np.float64)
    return {
        "kind": "array",
        "type": type_name,
        "ndarray": isinstance(value, np.ndarray),  # a list or a float has values, but is not an array
        "shape": list(array.shape),  # not data.shape: ascontiguousarray makes a float (1,)
        "data": base64.b64encode(zlib.compress(data.tobytes())).decode(),
    }


def _jacobians_probe(payload):
    """Call the student's function on each case of ``payload`` and print the encoded answers."""
    import base64
    import io
    import json
    import sys
    import warnings
    import zlib

    import numpy as np

    spec = json.loads(zlib.decompress(base64.b64decode(payload)))
    encode = _jacobians_encode  # bound before the student's code runs

    def decode(arg):
        if arg["kind"] in ("float", "int"):
            return {"float": float, "int": int}[arg["kind"]](arg["value"])
        raw = zlib.decompress(base64.b64decode(arg["data"]))
        return np.frombuffer(raw, dtype=arg.get("dtype", "float64")).reshape(arg["shape"]).copy()

    results = []
    function = globals().get(spec["function"])
    if not callable(function):
        results.append({"status": "missing"})
    for args in spec["cases"] if callable(function) else ():
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = io.StringIO()  # swallowed: nothing reads it
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                value = function(*[decode(arg) for arg in args])
            record = {"status": "returned", "value": encode(value, True, spec["output"], spec["max_elements"])}
        except KeyboardInterrupt:
            results.append({"status": "interrupted"})
            break
        except BaseException as error:
            record = {"status": "raised", "exception": f"{type(error).__name__}: {error}"[:500]}
        finally:
            sys.stdout, sys.stderr = saved
        results.append(record)
    line = base64.b64encode(zlib.compress(json.dumps({"nonce": spec["nonce"], "results": results}).encode()))
    # One write, on a line of its own: what the student's code wrote straight to the file
    # descriptor (os.write, C extensions) cannot end up on the record's line.
    sys.stdout.write("\n" + spec["marker"] + line.decode() + "\n")
    sys.stdout.flush()
