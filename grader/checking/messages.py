"""Every text of the hidden tests' feedback, in English: one table, message key -> template.

A diagnosis (``grader.checking.diagnosis.Diagnosis``) names its template by key and carries
the numbers as named parameters; ``grader.checking.render`` looks the template up, translates
it (the English text is the gettext msgid) and fills in the parameters. So a second language
is a second catalogue of these very templates, and no text lives next to the logic that
detects a mistake.

Rules for a template: a complete sentence (or heading) with named ``{placeholders}``; a part
that changes with the case is its own template (``Phrase``), never a fragment glued on in
code. ``N_`` marks each template for extraction (``pybabel extract -k N_``) and returns it
unchanged.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Mark a template for the message catalogue (gettext's no-op marker)."""
    return text


MESSAGES: dict[str, str] = {
    "ok": N_("correct"),
    # Returned at all? -----------------------------------------------------------------------
    "not_implemented": N_("not implemented yet: replace `raise NotImplementedError()` with your code."),
    "raised": N_("your function raised {exception}"),
    "broadcast": N_(
        "your function raised numpy's broadcast error ({exception}). numpy lines up two arrays' shapes from the "
        "last axis: s * W pairs a vector s of shape (n,) with W's last axis, its columns, and works only when W is "
        "square (where it silently scales each column instead of each row). To scale row i by s[i], write "
        "s[:, None] * W, or np.diag(s) @ W."
    ),
    "raised/unknown": N_("your function raised an exception"),
    "raised/missing": N_("your function raised NameError: the function is not defined: run its cell, and keep its name"),
    "raised/interrupted": N_("your function raised TimeoutError: interrupted: your function ran past the time limit"),
    "raised/no_answer": N_(
        "your function raised the grader received no answer: the kernel died or the cell was stopped "
        "before your function returned"
    ),
    "returned_none": N_("your function returned None: did you forget the `return` statement?"),
    "returned_none/pair": N_("this element of the pair is None: return both Jacobians."),
    # Type ---------------------------------------------------------------------------------
    "type/scalar": N_("expected a float, got a {type_name}: {preview}"),
    "type/array": N_("expected a numpy array of floats, got a {type_name}: {preview}"),
    "type/other": N_("expected a numpy array of floats, got a {type_name}"),
    "type/not_array": N_(
        "expected a numpy array of floats, got a {type_name} (its values are right): the notebooks ask for the type "
        "first; wrap it, return np.array(...)."
    ),
    "type/not_array_values_wrong": N_(
        "expected a numpy array of floats, got a {type_name} (its values are wrong as well): return np.array(...), "
        "and check the values."
    ),
    "not_a_pair": N_("expected a pair (dw/du, dw/dv) of two arrays, got {type_name}: return both, as `return dw_du, dw_dv`."),
    "not_a_pair/array": N_(
        "expected a pair (dw/du, dw/dv) of two arrays, got a single array of {shape}: return both, as `return dw_du, dw_dv`."
    ),
    "pair_length/empty": N_("expected a pair (dw/du, dw/dv) of two arrays, got an empty tuple."),
    "pair_length/one": N_("expected a pair (dw/du, dw/dv) of two arrays, got only 1 element: one Jacobian is missing."),
    "pair_length/many": N_("expected a pair (dw/du, dw/dv) of two arrays, got {count} elements: return exactly two."),
    "not_a_triple": N_("expected a triple ({parts}) of three arrays, got {type_name}: return all three, as `return {names}`."),
    "not_a_triple/array": N_(
        "expected a triple ({parts}) of three arrays, got a single array of {shape}: return all three, as `return {names}`."
    ),
    "triple_length/empty": N_("expected a triple ({parts}) of three arrays, got an empty tuple."),
    "triple_length/one": N_("expected a triple ({parts}) of three arrays, got only 1 element: return all three, as `return {names}`."),
    "triple_length/many": N_("expected a triple ({parts}) of three arrays, got {count} elements: return exactly three, as `return {names}`."),
    "returned_none/triple": N_("this element of the triple is None: return all three."),
    # Shape --------------------------------------------------------------------------------
    "diagonal_as_vector": N_(
        "wrong shape: expected the {n}×{n} matrix ({expected_shape}), got a vector of {shape}: the diagonal of the "
        "Jacobian, returned as a vector. An element-wise map's Jacobian is diagonal: use np.diag(...) to build the "
        "{n}×{n} matrix from your vector."
    ),
    "diagonal_as_vector/values_wrong": N_(
        "wrong shape: expected the {n}×{n} matrix ({expected_shape}), got a vector of {shape}. An element-wise map's "
        "Jacobian is diagonal: use np.diag(...) to build the {n}×{n} matrix from your vector. Check its values too: "
        "they are not the expected diagonal."
    ),
    "row_or_column": N_(
        "wrong shape: expected a flat vector of shape ({n},), got a {kind} of {shape} ({values}). Return a 1-D array, "
        "for example with .ravel(), and do not reshape it to (1, N) or (N, 1)."
    ),
    "array_for_scalar": N_(
        "wrong shape: expected a float, got an array of {shape} ({values}). Return a single number, for example float(...)."
    ),
    "squeezed/batch": N_(
        "wrong shape: expected {expected_shape}, got a scalar: np.squeeze removed the batch axis of a batch of one. "
        "Use .ravel() or reshape(-1), which keep one entry per example whatever N is."
    ),
    "squeezed": N_(
        "wrong shape: expected {expected_shape}, got a scalar: np.squeeze (or indexing) removed the axes of length 1. "
        "Use .ravel() or reshape(-1) for a vector, and keep every axis of a matrix, even of length 1."
    ),
    "collapsed_tensor": N_(
        "wrong shape: expected the ({n}, {n}, {m}) tensor [i, j, k] = d out_i / d {matrix}[j, k], got a ({n}, {m}) "
        "matrix. Your matrix holds the non-zero slice [i, i, :] of the tensor; the entries with i != j are 0 (output i "
        "does not depend on row j != i of {matrix}). Put your matrix on the diagonal i == j of a ({n}, {n}, {m}) "
        "tensor, for example J = np.zeros((n, n, m)); J[np.arange(n), np.arange(n), :] = your_matrix."
    ),
    "collapsed_tensor/values_wrong": N_(
        "wrong shape: expected the ({n}, {n}, {m}) tensor [i, j, k] = d out_i / d {matrix}[j, k], got a ({n}, {m}) "
        "matrix. Put your matrix on the diagonal i == j of a ({n}, {n}, {m}) tensor, for example "
        "J = np.zeros((n, n, m)); J[np.arange(n), np.arange(n), :] = your_matrix. Check its values too: they are not "
        "the slice [i, i, :]."
    ),
    "axes_order": N_(
        "wrong shape: expected {expected_shape}, got {shape}: your tensor is the expected one with its axes in another "
        "order (np.transpose(yours, {order}) would be right). The layout is [i, j, k] = d out_i / d matrix[j, k]: the "
        "output's index first."
    ),
    "transposed": N_(
        "transposed: your answer is the transpose of the expected Jacobian. A Jacobian has one row per output and one "
        "column per input: J[i, j] = d f_i / d x_j (numerator layout)."
    ),
    "transposed/shape": N_(
        "transposed: expected {expected_shape}, got {shape}: your answer is the transpose of the expected Jacobian. "
        "A Jacobian has one row per output and one column per input: J[i, j] = d f_i / d x_j (numerator layout)."
    ),
    "shape/transpose_shape": N_(
        "wrong shape: expected {expected_shape}, got {shape}, the shape of the transpose (and its values are not the "
        "transpose either). A Jacobian has one row per output and one column per input: J[i, j] = d f_i / d x_j."
    ),
    "shape/matrix": N_("wrong shape: expected {expected_shape} (one row per output, one column per input), got {shape}."),
    "shape": N_("wrong shape: expected {expected_shape}, got {shape}."),
    # Finite -------------------------------------------------------------------------------
    "finite": N_(
        "your answer contains {kinds} ({count} entries, first at index {index}) where the expected value is finite: "
        "look for a division by zero or an overflow."
    ),
    # Values -------------------------------------------------------------------------------
    "swapped": N_("swapped: your pair holds (dw/dv, dw/du); return the Jacobians in the order (dw/du, dw/dv)."),
    "off_diagonal/matrix": N_(
        "non-zero off-diagonal entries: an element-wise map's Jacobian is diagonal (output i depends only on input i), "
        "so every entry off the diagonal must be 0. {count} off-diagonal entries are non-zero, for example {index} = "
        "{value}. {diagonal}"
    ),
    "off_diagonal/tensor": N_(
        "non-zero off-diagonal entries: entries [i, j, k] with i != j must be 0 (output i depends only on row i of the "
        "matrix). {count} off-diagonal entries are non-zero, for example {index} = {value}. {diagonal}"
    ),
    "approximate": N_(
        "close but not exact: {count} of {size} entries differ by up to {error:.2g} ({ratio:.1g} of the largest entry) "
        "at index {index}: expected {expected_entry}, got {got_entry}. Answers must be exact to about {rtol:g} "
        "(relative): an approximation (finite differences, float32, rounded constants) is not enough."
    ),
    "approximate/scalar": N_(
        "close but not exact: expected {expected_entry}, got {got_entry}, a difference of {error:.2g} ({ratio:.1g} of "
        "the expected value). Answers must be exact to about {rtol:g} (relative): an "
        "approximation (finite differences, float32, rounded constants) is not enough."
    ),
    "scaled": N_("your answer is {factor} × the expected one: {reasons}."),
    "constant_factor": N_(
        "every entry is {factor} × the expected one: the formula is right up to a constant factor; look for it."
    ),
    "values": N_(
        "wrong values: {count} of {size} entries differ; the worst at index {index}: expected {expected_entry}, "
        "got {got_entry} (off by {difference})."
    ),
    "values/diagonal_right": N_(
        "wrong values: {count} of {size} entries differ; the worst at index {index}: expected {expected_entry}, "
        "got {got_entry} (off by {difference}). The zeros off the diagonal are right; the mistake is on the diagonal."
    ),
    "values/one": N_("wrong value at index {index}: expected {expected_entry}, got {got_entry} (off by {difference})."),
    "values/scalar": N_("wrong value: expected {expected_entry}, got {got_entry} (off by {difference})."),
    "scaled/scalar": N_("wrong value: expected {expected}, got {got} ({factor} times the expected value): {reasons}."),
    # Typical mistakes of ps5_window (Exercise.mistakes), detected by their formula ------------------
    "mistake/gradient_transposed": N_(
        "transposed: you returned x δᵀ ({shape}); ∂s/∂W is δ xᵀ ({expected_shape}): entry [i, k] is δ_i x_k "
        "(row i belongs to hidden unit i, as in W). In the shape convention the gradient has the shape of W: "
        "np.outer(delta, x)."
    ),
    "mistake/jacobian_form": N_(
        "Jacobian form: you returned the 1 × n × m Jacobian ({shape}); gradient descent needs the shape "
        "convention, the shape of W ({expected_shape}): the same numbers without the leading axis, δ xᵀ."
    ),
    "mistake/W_delta": N_(
        "you computed W δ; ∂s/∂x is the row δᵀ W of the Jacobian form, that is Wᵀ δ as a vector: entry k is "
        "Σ_i δ_i W[i, k]. Write W.T @ delta (W @ delta only runs when W is square)."
    ),
    "mistake/delta_without_u": N_(
        "your δ is without u: h ⊙ (1 − h) is ∂h/∂z, not ∂s/∂z. Chain it with ∂s/∂h = uᵀ: δ = u ⊙ h ⊙ (1 − h)."
    ),
    "mistake/delta_without_sigma_prime": N_(
        "your δ is without σ': u is ∂s/∂h, not ∂s/∂z. Chain it with the sigmoid's Jacobian diag(h ⊙ (1 − h)): "
        "δ = u ⊙ h ⊙ (1 − h), with h = σ(W x + b)."
    ),
    "mistake/repeated_word_assigned": N_(
        "a repeated word keeps only one of its blocks: a word that appears twice in the window feeds two blocks of x, "
        "so its row of ∂s/∂E is the sum of both blocks. G[window] = ... and G[window] += ... write a repeated row "
        "once; add with a loop (G[word] += block) or np.add.at(G, window, blocks)."
    ),
    "mistake/window_blocks": N_(
        "you returned the window's blocks of ∂s/∂x ({shape}); ∂s/∂E has the shape of E, (V, d), here {expected_shape}: "
        "start from np.zeros(E.shape) and add block j to row window[j] (rows of other words stay 0)."
    ),
    "mistake/flattened_by_columns": N_(
        "your x is flattened column by column; x is the words' vectors one after the other: E[window[0]], then "
        "E[window[1]], ...: E[window].reshape(-1), row by row."
    ),
    "mistake/per_example": N_(
        "you returned one gradient per window ({shape}); the loss of the batch is one number, so its gradient has "
        "the shape of the parameter ({expected_shape}): sum the per window gradients over the batch (with the 1/N of the "
        "mean), for example Delta.T @ X and Delta.sum(axis=0)."
    ),
    "mistake/one_after_another": N_(
        "your parameters are updated one after another: a gradient was taken after another parameter had already "
        "moved. Take one set of gradients per step, dW, db, du = window_batch_grads(X, y, W, b, u), then update W, b "
        "and u with them."
    ),
    "mistake/gradient_ascent": N_(
        "gradient ascent: you added lr × the gradient, which climbs the loss. Descend: W = W − lr * dW, and the same "
        "for b and u."
    ),
    # Common mistakes of ps3 and ps4 (Exercise.mistakes), detected by their formula --------------
    "mistake/per_example_losses": N_(
        "your function returns the per-example losses (an array of {shape}), not the loss: J is their mean, a "
        "single number. Return np.mean(...) of them."
    ),
    "mistake/softmax_axis": N_(
        "softmax normalised over the wrong axis: your probabilities sum to 1 down each column (over the batch), "
        "not along each row (over the classes of one example). Use axis=1 with keepdims=True; then every row of "
        "the gradient sums to 0."
    ),
    "mistake/w_for_x": N_(
        "W where x belongs: your slice [i, i, :] is a_i (1 − a_i) W[i, :], but z_i = W[i, :] x + b_i changes with "
        "W[i, k] at the rate x_k, so the slice is a_i (1 − a_i) x."
    ),
    # Phrases: the parts of a message that change with the case -------------------------------
    "phrase/scalar": N_("a scalar"),
    "phrase/shape": N_("shape {shape}"),
    "phrase/row": N_("row"),
    "phrase/column": N_("column"),
    "phrase/2d_array": N_("2-D array"),
    "phrase/values_right": N_("its values are right"),
    "phrase/values_wrong": N_("its values are wrong as well"),
    "phrase/value_right": N_("its value is right"),
    "phrase/value_wrong": N_("its value is wrong as well"),
    "phrase/nan": N_("NaN"),
    "phrase/inf": N_("inf"),
    "phrase/nan_and_inf": N_("NaN and inf"),
    "phrase/diagonal_right": N_("Your diagonal is right."),
    "phrase/diagonal_wrong": N_("The diagonal is wrong as well."),
    "phrase/separator": N_("; "),
    # The reasons of a scaled answer, joined by phrase/separator.
    "reason/sign_flipped": N_("the sign is flipped"),
    "reason/missing_1/N": N_(
        "the 1/N of the mean is missing (N = {N}): J is the mean of the N per-example losses, so each "
        "example's loss, and its gradient, enters J with the weight 1/N"
    ),
    "reason/extra_1/N": N_("there is a 1/N too many (N = {N})"),
    "reason/missing_2": N_("a factor 2 is missing"),
    "reason/missing_2/square": N_("a factor 2 is missing (d/dŷ (y − ŷ)² = −2 (y − ŷ))"),
    "reason/extra_2": N_("there is a factor 2 too many"),
    # Expected and received values, under a message ------------------------------------------
    "comparison/expected": N_("expected {shape}:"),
    "comparison/expected_scalar": N_("expected:"),
    "comparison/got": N_("got {shape}:"),
    "comparison/got_scalar": N_("got:"),
    "html/expected": N_("expected {shape}"),
    "html/received": N_("received {shape}"),
    "html/entry_title": N_("expected {value}"),
    "html/marked": N_("wrong entries are marked in red"),
    "html/heading": N_("{function}, input [{label}]:"),
    # The report of one hidden test ------------------------------------------------------------
    "report/title": N_("{function}: {score:g} / {max_score:g} points"),
    "report/passed": N_("✓ correct on every hidden case."),
    "report/part_passed": N_("✓ {part}: correct on every hidden case."),
    "report/failed": N_("✗ {message}"),
    "report/part_failed": N_("✗ {part}: {message}"),
    "report/failing_cases": N_("{failed} of {total} hidden cases fail"),
    "report/cascade": N_("✗ `{function}` calls your `{callee}`, which fails its own tests: fix that one first."),
    "report/input_shapes": N_(
        "for the input [{label}]: {shapes} ({count}; too big to print: try your function on a small input of these "
        "shapes; seed {seed}, for your instructor)."
    ),
    "report/input_values": N_(
        "for the input [{label}] ({count}; to reproduce it, paste these lines into a cell and call your function on "
        "them; seed {seed}, for your instructor):"
    ),
}
