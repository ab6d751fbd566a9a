RTOL, ATOL = 1e-10, 1e-12  # the hidden tests' tolerance, with the same rule (_mismatch)


def _mismatch(got, expected):
    """Mask of entries outside |got - expected| <= RTOL |expected| + ATOL max(1, max |expected|)."""
    scale = float(np.max(np.abs(expected), initial=0.0))
    with np.errstate(over="ignore", invalid="ignore"):
        return ~(np.abs(got - expected) <= RTOL * np.abs(expected) + ATOL * max(scale, 1.0))


def sigmoid(z):
    """sigma(z) = 1 / (1 + exp(-z)), element-wise. z: any shape -> the same shape.

    For z < 0 it evaluates the equal expression exp(z) / (1 + exp(z)), so exp never
    overflows. You may call it in your solutions.
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _as_float_array(name, value):
    """Your answer as a float64 array, or an AssertionError saying why it is not one."""
    if value is None:
        raise AssertionError(f"{name}: your function returned None. Did you forget the `return` statement?")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise AssertionError(f"{name}: expected a numpy array of floats, got a {type(value).__name__}: {value!r:.80}") from None


def _shape_hint(got_shape, expected_shape):
    """A likely cause of a wrong shape, or ''."""
    if expected_shape == ():
        return " Return a single number, for example float(...), not an array."
    if len(expected_shape) == 1 and got_shape in ((1,) + expected_shape, expected_shape + (1,)):
        return f" Return a flat array of shape {expected_shape}, not a row or a column: drop the extra axis."
    if len(got_shape) == 1 and len(expected_shape) == 2 and expected_shape[0] == expected_shape[1]:
        return " You returned a vector: if it holds the diagonal, build the matrix with np.diag(your_vector)."
    if len(got_shape) == 2 and len(expected_shape) == 3:
        return (" A Jacobian with respect to a matrix has one axis for the output and two for the matrix;"
                " your answer has lost one.")
    if len(got_shape) == 2 and got_shape == expected_shape[::-1]:
        return " Rows and columns are swapped: row i of a Jacobian belongs to output i, column j to input j."
    if len(got_shape) == 3 and sorted(got_shape) == sorted(expected_shape):
        return " The axes are in the wrong order: the output index comes first, then the matrix's two indices."
    if len(got_shape) < len(expected_shape):
        return " Your answer has lost an axis: keep one row per output (a product such as s @ X sums over them)."
    return ""


def _value_hint(got, expected):
    """A likely cause of wrong values (shapes agree), or ''."""
    with np.errstate(all="ignore"):
        if not np.all(np.isfinite(got)):
            return " Your answer contains NaN or inf: look for a division by zero or an overflow."
        if expected.ndim == 2 and expected.shape[0] == expected.shape[1]:
            if not _mismatch(got, expected.T).any():
                return " Your matrix is the transpose of the expected one: J[i, j] = d f_i / d x_j."
            off_diagonal = ~np.eye(expected.shape[0], dtype=bool)
            if not expected[off_diagonal].any() and not np.allclose(got[off_diagonal], 0.0, atol=ATOL):
                return " Entries off the main diagonal must be 0: output i of an element-wise map depends on input i only."
        zero = expected == 0
        if not np.allclose(got[zero], 0.0, atol=ATOL):
            return " Some entries that should be 0 are not."
        if (~zero).any():
            ratios = got[~zero] / expected[~zero]
            factor = ratios.flat[0]
            if np.allclose(ratios, factor, rtol=1e-8) and not np.isclose(factor, 1.0):
                if np.isclose(factor, -1.0):
                    return " Every entry has the wrong sign."
                return (f" Every entry is {factor:.6g} times the expected one: a constant factor is missing or extra"
                        " (such as the 1/N of a mean or the 2 of a square).")
    return ""


def _check_array(name, got, expected):
    expected = np.asarray(expected, dtype=np.float64)
    got = _as_float_array(name, got)
    if got.shape != expected.shape:
        raise AssertionError(
            f"{name}: wrong shape: expected {expected.shape}, got {got.shape}.{_shape_hint(got.shape, expected.shape)}"
        )
    wrong = _mismatch(got, expected)
    if wrong.any():
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        at = f" at index {index}" if index else ""
        raise AssertionError(
            f"{name}: wrong values: {int(wrong.sum())} of {wrong.size} entries differ; first{at}: "
            f"expected {expected[index]:.10g}, got {got[index]:.10g}.{_value_hint(got, expected)}"
        )


def _close(got, expected):
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(expected) and not _mismatch(got, np.asarray(expected, dtype=np.float64)).any()


def check_shape(name, got, expected_shape):
    """Visible self-check of the shape alone (for inputs too big to work out by hand)."""
    shape = _as_float_array(name, got).shape
    if shape != tuple(expected_shape):
        raise AssertionError(
            f"{name}: wrong shape: expected {tuple(expected_shape)}, got {shape}.{_shape_hint(shape, tuple(expected_shape))}"
        )


def check_answer(name, got, expected):
    """Visible self-check: compare your function's result `got` with `expected`, worked out by hand.

    `expected` is an array (or a float), or a tuple of two arrays for a function that returns
    the pair (dw/du, dw/dv). Checks, in order: a value came back, a pair is a pair, the
    shape, then every entry. The first problem raises an AssertionError that says what to fix.
    """
    if isinstance(expected, tuple):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            if isinstance(got, (tuple, list)):
                found = f"{len(got)} elements"
            else:
                found = f"a single {type(got).__name__}" + (f" of shape {got.shape}" if isinstance(got, np.ndarray) else "")
            raise AssertionError(f"{name}: expected a pair of {len(expected)} matrices (`return dw_du, dw_dv`), got {found}.")
        straight = all(_close(g, e) for g, e in zip(got, expected))
        if not straight and all(_close(g, e) for g, e in zip(got, expected[::-1])):
            raise AssertionError(f"{name}: the two matrices are in the wrong order: return (dw/du, dw/dv).")
        for label, g, e in zip(("dw/du", "dw/dv"), got, expected):
            _check_array(f"{name} {label}", g, e)
    else:
        _check_array(name, got, expected)
    print(f"{name}: visible test passed")
