# Every message of the visible tests, in one table: whole English sentences with named
# placeholders, so that a translation can reorder the words ({name} is the function's name).
MESSAGES = {
    "right": "{name}: right",
    "passed": "{name}: visible test passed",
    "returned_none": "{name}: your function returned None. Did you forget the `return` statement?",
    "not_an_array": (
        "{name}: expected a numpy array of floats, got a {type}: {preview}. "
        "Return a numpy array: build it with numpy (np.diag, np.eye, @, ...) or wrap it in np.array(...)."
    ),
    "not_an_array_values_right": (
        "{name}: its values are right, but it is a {type}, not a numpy array. The grader checks the type "
        "first, and code that re-uses your function may do arithmetic on it: return np.array(...)."
    ),
    "not_a_number": (
        "{name}: expected a single number (a float), got a {type}: {preview}. Return one number, "
        "for example float(np.mean(...)) of a numpy array."
    ),
    "wrong_shape": "{name}: wrong shape: expected {expected}, got {got}.",
    "wrong_values": (
        "{name}: wrong values: {count} of {size} entries differ; the first at numpy index {index}: "
        "expected {expected:.10g}, got {got:.10g}."
    ),
    "wrong_number": "{name}: wrong value: expected {expected:.10g}, got {got:.10g}.",
    "not_a_tuple": "{name}: expected the {count} arrays ({parts}) as one tuple, `return {returned}`, got {found}.",
    "relu_at_zero": "{name}: at exactly z = 0 either 0 or 1 is accepted, got {got}.",
    "pair_order": "{name}: the two matrices are in the wrong order: return ({parts}).",
    "parts_order": "{name}: the {count} arrays are in the wrong order: return ({parts}).",
    "found_elements": "{count} elements",
    "found_single": "a single {type}",
    "found_single_array": "a single {type} of shape {shape}",
    # Shape hints: what a wrong shape most likely means.
    "hint_per_example_vector": (
        "You returned one number per example, shape {got}. The batch loss is their mean, a single "
        "number: return float(np.mean(...)) (float(...) of a whole vector raises a TypeError)."
    ),
    "hint_single_number": "Return a single number: np.mean(...) gives one; wrap it in float(...).",
    "hint_squeezed_batch_of_one": (
        "For a batch of one (or n = 1) the answer keeps its axes of length 1, shape {expected}; yours has "
        "lost them. np.squeeze removes every axis of length 1, the batch axis too: flatten with .ravel() "
        "or .reshape(-1) instead, which keep it (or do not squeeze at all)."
    ),
    "hint_row_or_column": (
        "Return a flat array of shape {expected}, not a row or a column: flatten it with .ravel() or "
        ".reshape(-1). Not np.squeeze: for a batch of one (N = 1) it also drops the batch axis and leaves "
        "a bare number, shape ()."
    ),
    "hint_diagonal_as_vector": "You returned a vector: if it holds the diagonal, build the matrix with np.diag(your_vector).",
    "hint_matrix_for_vector": (
        "You returned a matrix of shape {got} where a vector is expected: the derivative with respect to one "
        "number (or of one number) has one entry per example. If your matrix is diagonal, its diagonal "
        "(np.diag(matrix)) is the vector; a row times it (such as (1/N, ..., 1/N) @ matrix) is flat already."
    ),
    "hint_tensor_lost_axis": (
        "A Jacobian with respect to a matrix has one axis for the output and two for the matrix; "
        "your answer has lost one (np.outer(s, x) is the sum of the output's slices, not the Jacobian)."
    ),
    "hint_swapped": "Rows and columns are swapped: row i of a Jacobian belongs to output i, column j to input j.",
    "hint_axes_order": "The axes are in the wrong order: the output index comes first, then the matrix's two indices.",
    "hint_summed_axis": "Your answer has lost an axis: keep one row per output (a product such as s @ X sums over them).",
    # Value hints: what wrong values of the right shape most likely mean.
    "hint_not_finite": "Your answer contains NaN or inf: look for a division by zero or an overflow.",
    "hint_transposed": "Your matrix is the transpose of the expected one: J[i, j] = d f_i / d x_j.",
    "hint_off_diagonal": "Entries off the main diagonal must be 0: output i of an element-wise map depends on input i only.",
    "hint_zeros": "Some entries that should be 0 are not.",
    "hint_sign": "Every entry has the wrong sign.",
    "hint_number_sign": "Your number has the wrong sign.",
    "hint_factor": (
        "Every entry is {factor:.6g} times the expected one: a constant factor is missing or extra "
        "(such as the 1/N of a mean or the 2 of a square)."
    ),
    "hint_number_factor": (
        "Your number is {factor:.6g} times the expected one: a constant factor is missing or extra "
        "(such as the 1/N of a mean: the sum instead of the mean gives N times the loss)."
    ),
    # The "Common mistakes" the notebooks describe, recognised on the worked example.
    "mistake_function_not_derivative": "The diagonal holds the function itself, not its derivative: differentiate each entry first.",
    "mistake_log_term_missing": "The 1/x term is missing: the derivative of ln(x) is 1/x.",
    "mistake_sigmoid_not_applied": "You used z where the sigmoid's output belongs: compute a = sigmoid(z) first, then a * (1 - a).",
    "mistake_tanh_one_minus_a": "That is 1 - a; the slope of tanh is 1 - a**2 = (1 + a)(1 - a).",
    "mistake_tanh_one_plus_a2": "That is 1 + a**2; the slope of tanh is 1 - a**2 = (1 + a)(1 - a).",
    "mistake_tanh_not_applied": "You used z where tanh's output belongs: compute a = np.tanh(z) first.",
    "mistake_relu_itself": "The diagonal holds ReLU itself, max(0, z); its slope is 1 where z >= 0 and 0 elsewhere.",
    "mistake_relu_sign": "np.sign(z) gives -1 for negative entries; ReLU's slope there is 0.",
    "mistake_relu_reversed": "The comparison is the wrong way round: the slope is 1 where z >= 0 (use z >= 0, not z < 0).",
    "mistake_slope_forgotten": "The sigmoid's slope is missing: multiply by diag(s), s = a * (1 - a) (the chain rule's da/dz).",
    "mistake_identity_for_b": "That is dz/db = I: the sigmoid's slope diag(s) is missing (da/db = diag(s) I).",
    "mistake_w_where_x_belongs": (
        "You used W where x belongs: dz_i / dW[j, k] is x_k, an entry of the input, so T[i, i, :] = s_i * x."
    ),
    "mistake_x_where_w_belongs": (
        "You used X where w belongs: dz_i / dX[j, k] is w_k, an entry of the weights, so T[i, i, :] = s_i * w."
    ),
    "mistake_diag_for_shared_bias": (
        "np.diag(s) has shape (N, N), as if every example had a bias of its own; b is one number shared "
        "by all examples, so da/db = diag(s) times a column of ones = s, shape (N,)."
    ),
    "mistake_summed_over_examples": "A single number: the entries have been summed (that is the derivative of sum(a), not of the vector a).",
    "mistake_log10": "np.log10 is the base-10 logarithm; the loss uses the natural logarithm np.log.",
    "mistake_logits_for_probabilities": "You used z where sigmoid(z) belongs: the gradient is (sigmoid(z) - y) / N.",
    "mistake_softmax_wrong_axis": (
        "Every row of dJ/dL should sum to 0 (a row of Y and a row of the softmax both sum to 1), and yours "
        "do not: the softmax is normalised over the wrong axis. Normalise each row: "
        "exps / exps.sum(axis=1, keepdims=True)."
    ),
    "mistake_window_by_columns": (
        "You flattened the words' vectors column by column (every word's first entry, then every second "
        "entry, ...); x puts whole word vectors one after the other: flatten E[window] row by row, .reshape(-1)."
    ),
    "mistake_delta_without_u": (
        "The local error signal is missing u: h * (1 - h) is dh/dz, not ds/dz. "
        "delta = u * h * (1 - h)."
    ),
    "mistake_delta_without_sigma_prime": (
        "The sigmoid's slope h * (1 - h) is missing: u alone is ds/dh, not ds/dz. "
        "delta = u * h * (1 - h)."
    ),
    "mistake_grad_W_transposed": (
        "That is x delta^T, shape (m, n), the shape of W transposed. In the shape convention the gradient "
        "has the shape of the parameter, (n, m): return delta x^T, np.outer(delta, x)."
    ),
    "mistake_jacobian_form": (
        "That is the Jacobian form, shape (1, n, m), with the leading axis of the one output s. In the "
        "shape convention the gradient has the shape of W, (n, m): drop the leading axis (np.outer(delta, x))."
    ),
    "mistake_grad_x_W_delta": (
        "That is W delta; the gradient with respect to x is W^T delta, shape (m,) "
        "(W @ delta only computes when W is square)."
    ),
    "mistake_repeated_word_assigned": (
        "A word that appears twice in the window kept only one of its blocks: its blocks must be added "
        "up. With a repeated index, G[window] = blocks and G[window] += blocks both keep only the last "
        "block; use a loop with += or np.add.at(G, window, blocks)."
    ),
    "mistake_window_blocks": (
        "These are the window's blocks of ds/dx, one row per position; the gradient with respect to E has "
        "one row per word of the vocabulary: add block j to row window[j] of a (V, d) array of zeros."
    ),
    "mistake_batch_sum_not_mean": (
        "Every gradient is N = {N} times the expected one (N, the number of windows in the batch): the 1/N "
        "of the mean is missing. These are the gradients of the sum of the losses; J is their mean, "
        "so dJ/ds = (sigmoid(s) - y) / N."
    ),
    "mistake_batch_sign": "Every gradient has the wrong sign: dJ/ds = (sigmoid(s) - y) / N, prediction minus label.",
    "mistake_batch_per_example": (
        "You returned one gradient per window (a leading axis of length N = {N}); the gradient of J has "
        "the shape of the parameter: sum the windows' gradients over the batch (with the 1/N of the mean)."
    ),
    "mistake_one_after_another": (
        "You updated W before computing the gradients of b and u (at the new W). Compute all three "
        "gradients at the current (W, b, u) with one call, then update the three parameters."
    ),
    "mistake_gradient_ascent": (
        "You added the gradients: that climbs the loss. Gradient descent subtracts them: W - lr * dW."
    ),
}

import itertools

RTOL, ATOL = 1e-10, 1e-12  # the hidden tests' tolerance, with the same rule (_mismatch)


def _mismatch(got, expected):
    """Mask of entries outside |got - expected| <= RTOL |expected| + ATOL max(1, max |expected|)."""
    scale = float(np.max(np.abs(expected), initial=0.0))
    with np.errstate(over="ignore", invalid="ignore"):
        return ~(np.abs(got - expected) <= RTOL * np.abs(expected) + ATOL * max(scale, 1.0))


def _say(key, **fields):
    return MESSAGES[key].format(**fields)


def sigmoid(z):
    """sigma(z) = 1 / (1 + exp(-z)), element-wise. z: any shape -> the same shape.

    For z < 0 it evaluates the equal expression exp(z) / (1 + exp(z)), so exp never
    overflows. You may call it in your solutions.
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _close(got, expected):
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(expected) and not _mismatch(got, np.asarray(expected, dtype=np.float64)).any()


def _as_float_array(name, value, expected=None):
    """Your answer as a float64 array, or an AssertionError saying why it is not a numpy array.

    The type comes first, even when the values are right (the notebooks' "first the type").
    """
    __tracebackhide__ = True  # a failure shows the student's line in the traceback, not this helper's
    if value is None:
        raise AssertionError(_say("returned_none", name=name))
    if isinstance(value, (np.ndarray, np.generic)) and np.asarray(value).dtype.kind in "biuf":
        return np.asarray(value, dtype=np.float64)
    if expected is not None and _close(value, expected):
        raise AssertionError(_say("not_an_array_values_right", name=name, type=type(value).__name__))
    preview = repr(value)[:80]
    raise AssertionError(_say("not_an_array", name=name, type=type(value).__name__, preview=preview))


def _shape_hint(got_shape, expected_shape):
    """A likely cause of a wrong shape, or ''."""
    if got_shape != expected_shape and got_shape == tuple(size for size in expected_shape if size != 1):
        return _say("hint_squeezed_batch_of_one", expected=expected_shape)
    if len(expected_shape) == 1 and got_shape in ((1,) + expected_shape, expected_shape + (1,)):
        return _say("hint_row_or_column", expected=expected_shape)
    if len(expected_shape) == 1 and len(got_shape) == 2 and got_shape[0] == got_shape[1]:
        return _say("hint_matrix_for_vector", got=got_shape)
    if len(got_shape) == 1 and len(expected_shape) == 2 and expected_shape[0] == expected_shape[1]:
        return _say("hint_diagonal_as_vector")
    if len(got_shape) == 2 and len(expected_shape) == 3:
        return _say("hint_tensor_lost_axis")
    if len(got_shape) == 2 and got_shape == expected_shape[::-1]:
        return _say("hint_swapped")
    if len(got_shape) == 3 and sorted(got_shape) == sorted(expected_shape):
        return _say("hint_axes_order")
    if len(got_shape) < len(expected_shape):
        return _say("hint_summed_axis")
    return ""


def _constant_factor(got, expected):
    """The factor f with got = f * expected on every non-zero entry (f != 1), or None."""
    nonzero = expected != 0
    if not nonzero.any() or not np.allclose(got[~nonzero], 0.0, atol=ATOL):
        return None
    ratios = got[nonzero] / expected[nonzero]
    factor = ratios.flat[0]
    if np.allclose(ratios, factor, rtol=1e-8) and not np.isclose(factor, 1.0):
        return float(factor)
    return None


def _value_hint(got, expected):
    """A likely cause of wrong values (shapes agree), or ''."""
    with np.errstate(all="ignore"):
        if not np.all(np.isfinite(got)):
            return _say("hint_not_finite")
        if expected.ndim == 2 and expected.shape[0] == expected.shape[1]:
            if not _mismatch(got, expected.T).any():
                return _say("hint_transposed")
            off_diagonal = ~np.eye(expected.shape[0], dtype=bool)
            if not expected[off_diagonal].any() and not np.allclose(got[off_diagonal], 0.0, atol=ATOL):
                return _say("hint_off_diagonal")
        factor = _constant_factor(got, expected)
        if factor is not None:
            scalar = expected.ndim == 0
            if np.isclose(factor, -1.0):
                return _say("hint_number_sign" if scalar else "hint_sign")
            return _say("hint_number_factor" if scalar else "hint_factor", factor=factor)
        # Only when every wrong entry is one that should be 0 (a single number is not "some entries").
        wrong = _mismatch(got, expected)
        if expected.ndim > 0 and wrong.any() and not (wrong & (expected != 0)).any():
            return _say("hint_zeros")
    return ""


def _same_answer(got, wrong_answer):
    """An array equals an array; a tuple equals a tuple of as many arrays, element by element."""
    if isinstance(wrong_answer, tuple):
        return (isinstance(got, (tuple, list)) and len(got) == len(wrong_answer)
                and all(_close(g, w) for g, w in zip(got, wrong_answer)))
    return _close(got, wrong_answer)


def _raise_named_mistake(name, got, mistakes, fields=None):
    """If `got` is what one of the notebook's "Common mistakes" gives on this input, say which.

    `fields` fills the message's named placeholders (such as {"N": 2}).
    """
    __tracebackhide__ = True
    for key, wrong_answer in (mistakes or {}).items():
        if _same_answer(got, wrong_answer):
            raise AssertionError(f"{name}: {_say(key, **(fields or {}))}")


def _as_number(name, got, mistakes=None):
    """A loss as a float, or an AssertionError saying why it is not one number.

    Accepts what the hidden tests accept: a float (np.float64 is one), an int, a numpy number
    or a 0-dimensional numpy array. A list, or an array with an axis, is not one number.
    """
    __tracebackhide__ = True
    if got is None:
        raise AssertionError(_say("returned_none", name=name))
    if isinstance(got, np.ndarray) and got.ndim > 0:
        _raise_named_mistake(name, got, mistakes)
        hint = _say("hint_per_example_vector", got=got.shape) if got.size > 1 else _say("hint_single_number")
        raise AssertionError(f"{_say('wrong_shape', name=name, expected=(), got=got.shape)} {hint}")
    numeric = isinstance(got, (int, float, np.number, np.ndarray)) and not isinstance(got, (bool, np.bool_))
    if not numeric or np.asarray(got).dtype.kind not in "iuf":
        raise AssertionError(_say("not_a_number", name=name, type=type(got).__name__, preview=repr(got)[:80]))
    return float(got)


def _check_number(name, got, expected, mistakes):
    """A loss: one number (see _as_number) equal to `expected`."""
    __tracebackhide__ = True
    got = _as_number(name, got, mistakes)
    if _mismatch(np.float64(got), np.float64(expected)).any():
        _raise_named_mistake(name, got, mistakes)
        hint = _value_hint(np.asarray(got), np.asarray(expected, dtype=np.float64))
        raise AssertionError(f"{_say('wrong_number', name=name, expected=expected, got=got)} {hint}".rstrip())


def _check_array(name, got, expected, mistakes=None, fields=None):
    __tracebackhide__ = True
    expected = np.asarray(expected, dtype=np.float64)
    if expected.ndim == 0:
        return _check_number(name, got, float(expected), mistakes)
    got = _as_float_array(name, got, expected)
    _raise_named_mistake(name, got, mistakes, fields)
    if got.shape != expected.shape:
        message = _say("wrong_shape", name=name, expected=expected.shape, got=got.shape)
        raise AssertionError(f"{message} {_shape_hint(got.shape, expected.shape)}".rstrip())
    wrong = _mismatch(got, expected)
    if wrong.any():
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        message = _say("wrong_values", name=name, count=int(wrong.sum()), size=wrong.size, index=index,
                       expected=expected[index], got=got[index])
        raise AssertionError(f"{message} {_value_hint(got, expected)}".rstrip())


def check_shape(name, got, expected_shape):
    """Visible self-check of the type and the shape alone (for inputs too big to work out by hand).

    expected_shape () means a single number, a Python float.
    """
    __tracebackhide__ = True
    expected_shape = tuple(expected_shape)
    if expected_shape == ():
        _as_number(name, got)
        return
    shape = _as_float_array(name, got).shape
    if shape != expected_shape:
        message = _say("wrong_shape", name=name, expected=expected_shape, got=shape)
        raise AssertionError(f"{message} {_shape_hint(shape, expected_shape)}".rstrip())


def check_diagonal(name, got, n):
    """Visible self-check of an element-wise map's Jacobian: a numpy array of shape (n, n), 0 off the diagonal."""
    __tracebackhide__ = True
    check_shape(name, got, (n, n))
    off_diagonal = ~np.eye(n, dtype=bool)
    if not np.allclose(np.asarray(got, dtype=np.float64)[off_diagonal], 0.0, atol=ATOL):
        raise AssertionError(f"{name}: {_say('hint_off_diagonal')}")


def _check_tuple(name, got, expected, parts, mistakes=None, fields=None):
    __tracebackhide__ = True
    _raise_named_mistake(name, got, mistakes, fields)
    if not isinstance(got, (tuple, list)) or len(got) != len(expected):
        if isinstance(got, (tuple, list)):
            found = _say("found_elements", count=len(got))
        elif isinstance(got, np.ndarray):
            found = _say("found_single_array", type=type(got).__name__, shape=got.shape)
        else:
            found = _say("found_single", type=type(got).__name__)
        returned = ", ".join(part.replace("/", "_") for part in parts)
        raise AssertionError(_say("not_a_tuple", name=name, count=len(expected), parts=", ".join(parts), returned=returned, found=found))
    straight = all(_close(g, e) for g, e in zip(got, expected))
    if not straight and len(expected) == 2 and all(_close(g, e) for g, e in zip(got, expected[::-1])):
        raise AssertionError(_say("pair_order", name=name, parts=", ".join(parts)))
    if not straight and any(_same_answer(got, tuple(order)) for order in itertools.permutations(expected)):
        raise AssertionError(_say("parts_order", name=name, count=len(expected), parts=", ".join(parts)))
    for label, g, e in zip(parts, got, expected):
        _check_array(f"{name} {label}", g, e)


def check_answer(name, got, expected, mistakes=None, parts=("dw/du", "dw/dv"), fields=None):
    """Visible self-check: compare your function's result `got` with `expected`, worked out by hand.

    `expected` is an array, a float (for a loss), or a tuple of arrays for a function that
    returns several, named by `parts`: the pair (dw/du, dw/dv), or a triple such as
    (dJ/dW, dJ/db, dJ/du). `mistakes` maps a key of MESSAGES to what that common
    mistake returns on this input (for a tuple, the tuple it returns), so the message can name it;
    `fields` fills those messages' named placeholders, such as {"N": 2}. Checks, in order: a value came
    back, its type (a numpy array, or a float for a loss), a tuple has its length, the shape, then
    every entry. The first problem raises an AssertionError that says what to fix.
    """
    __tracebackhide__ = True
    if isinstance(expected, tuple):
        _check_tuple(name, got, expected, parts, mistakes, fields)
    else:
        _check_array(name, got, expected, mistakes, fields)
    print(_say("right", name=name))


def visible_test_passed(name):
    """The last line of a visible test: every check above it passed."""
    print(_say("passed", name=name))
