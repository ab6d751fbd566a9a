# %% [markdown]
# # ps4_losses: loss functions on a mini-batch and their gradients
#
# ## What this assignment covers
#
# Training minimises one number, the loss of a mini-batch. This assignment puts a loss on top
# of the predictions of a network and differentiates it, with the same Jacobian tools as
# ps1 to ps3:
#
# - the loss of a batch as the **mean of per-example losses**, and the two Jacobians such a
#   loss is made of when each example has one prediction: $\partial J / \partial J_0 = (1/N, \dots, 1/N)$
#   and a diagonal $\partial J_0 / \partial \hat y$ (with $K$ logits per example, as in the
#   softmax at the end, the second one is block-diagonal instead: one $1 \times K$ block per example);
# - the **mean squared error** (MSE) for regression, and its gradient $-(2/N)(y - \hat y)$;
# - the **binary cross-entropy** (BCE) for 0/1 targets: its per-example Jacobian, its
#   gradient, and the much simpler gradient you get by chaining it through the sigmoid,
#   $(\sigma(z) - y)/N$;
# - **softmax + cross-entropy** over $K$ classes, whose gradient with respect to the logits is
#   $-(Y - \hat Y)/N$.
#
# ## How it is graded
#
# Each function is graded on its own by a hidden test cell, worth these points (13 in total):
#
# | function | points | function | points |
# |---|---|---|---|
# | `mse_loss` | 1 | `grad_bce` | 2 |
# | `grad_mse` | 2 | `grad_bce_logits` | 2 |
# | `bce_loss` | 1 | `grad_softmax_ce_logits` | 3 |
# | `jacobian_bce_per_example` | 2 | | |
#
# - The hidden tests call your function on random inputs of several sizes: a batch of one
#   example ($N = 1$), small batches, and a batch of a few hundred; for softmax, $N \ne K$ (so a
#   transposed answer has the wrong shape). They also include confident predictions very close
#   to 0 and 1 and large logits.
# - Your answers are compared with a reference solution: first the type and the shape, then
#   every entry (relative tolerance $10^{-10}$). A function earns its points when every hidden
#   case matches.
# - The feedback under each hidden test cell shows your points, what is wrong (a wrong shape,
#   for example a `(1, N)` row or an `(N, N)` matrix where `(N,)` is expected; a transposed
#   answer; non-zero off-diagonal entries; a flipped sign; a missing constant factor such as the
#   $1/N$ of the mean or the 2 of the squared error) and the first input that failed. A small
#   input is printed as numpy code: paste it into a cell of your own and call your function on
#   it to see the failure yourself. A large one is described by its shapes; try your function
#   on random inputs of those shapes. (The seed printed with it lets your instructor redraw
#   every hidden input.)
# - You may call your own functions (for example `jacobian_bce_per_example` inside `grad_bce`).
#   When one of them fails its own hidden tests, the feedback of every function that calls it
#   says so first: fix that one first.
# - Answers must be analytic formulas. Numerical differentiation (finite differences) earns no
#   credit, and it is not accurate enough for the tolerance anyway.
#
# ## How to check your work before submitting
#
# - Under every solution cell there is a **visible test**: run it. It checks the values on a
#   small worked example that you can verify by hand, then the type (a numpy array, or a single
#   number for a loss) and the shape on random inputs of every size the hidden tests use: a
#   batch of one ($N = 1$), small batches and a few hundred. A passing test prints
#   `... visible test passed`; a failing one raises an `AssertionError` that says what differs
#   and, when it recognises a common mistake, names it. Passing the visible test does not
#   guarantee full marks (the hidden tests use other values), but failing it means the hidden
#   tests fail too.
# - In JupyterLab, nbgrader's **Validate** button runs the whole notebook from the top, as the
#   grader does, and reports every cell that fails.
#   A failing visible test does not stop *Run All*: every exercise shows its own result.
#
# ## Conventions (the course contract: the grader checks exactly these)
#
# - All inputs and outputs are `float64` numpy arrays; the two losses return a Python `float`.
#   A vector in $\mathbb{R}^n$ has shape `(n,)`: a flat array, not `(n, 1)` or `(1, n)`.
# - The Jacobian of $f: \mathbb{R}^n \to \mathbb{R}^m$ has shape `(m, n)`, with
#   `J[i, j]` $= \partial f_i / \partial x_j$ (numerator layout: one row per output).
# - The Jacobian of a vector output with respect to a matrix `W` of shape `(n, m)` has shape
#   `(out, n, m)`, with entry `[i, j, k]` $= \partial\, \mathrm{out}_i / \partial W[j, k]$ (what
#   `jax.jacfwd` and `torch.autograd.functional.jacobian` return).
# - The gradient of a scalar loss with respect to a vector `y_hat` of shape `(N,)` is returned
#   with shape `(N,)`, although the lecture writes it as a $1 \times N$ row. Likewise the
#   gradient with respect to logits `L` of shape `(N, K)` has shape `(N, K)`.
# - A mini-batch `X` has shape `(N, d)`: row `i` is the example $x^{(i)}$. Here `y` (targets) and
#   `y_hat` (predictions) have shape `(N,)`: entry `i` belongs to example `i`. For BCE the
#   targets are 0 or 1 and the predictions lie strictly between 0 and 1. `Y` is one-hot,
#   shape `(N, K)` (row `i` has a single 1, in the column of example `i`'s class).
# - $\sigma(z) = 1 / (1 + e^{-z})$, element-wise; $\ln$ is the natural logarithm (`np.log`).
# - Indices start at 0, as in numpy: the examples of a batch are $i = 0, \dots, N - 1$, and
#   $y^{(i)}$ is `y[i]`.
#
# ## How to submit
#
# Write code only in the solution cells, replacing the `raise NotImplementedError(...)` line
# under `# YOUR CODE HERE`. Save the notebook, then press **Submit** in JupyterLab's
# *Assignments* panel (or hand in the `.ipynb` file as your instructor says). Do not rename
# the notebook, and do not delete, split, copy or retype the given cells: the grader finds your
# answers by the cells' ids. You may add cells of your own for experiments.

# %% role="setup" include="shared/self_check.py"
import numpy as np

# %% [markdown]
# # The loss of a mini-batch
#
# A batch has $N$ examples with targets $y^{(i)}$ and predictions $\hat y^{(i)}$, stored as the
# vectors `y` and `y_hat` of shape `(N,)`. A loss function $\mathcal{L}$ scores one example; the
# **per-example losses** form a vector, and the batch loss $J$ is their mean:
#
# $$J_0 = \begin{pmatrix} J_0^{(0)} \\ \vdots \\ J_0^{(N-1)} \end{pmatrix}
#       = \begin{pmatrix} \mathcal{L}(y^{(0)}, \hat y^{(0)}) \\ \vdots \\ \mathcal{L}(y^{(N-1)}, \hat y^{(N-1)}) \end{pmatrix},
#   \qquad J = \frac{1}{N} \sum_{i=0}^{N-1} J_0^{(i)} .$$
#
# Differentiating follows the path $\hat y \to J_0 \to J$, one Jacobian per arrow:
#
# - $J$ is a scalar and $J_0$ a vector, so $\partial J / \partial J_0$ is a $1 \times N$ row; every
#   entry is $1/N$: $\ \dfrac{\partial J}{\partial J_0} = \left(\tfrac{1}{N}, \dots, \tfrac{1}{N}\right)$.
# - Example $i$'s loss depends on its own prediction only, so $\partial J_0 / \partial \hat y$
#   ($N \times N$) is **diagonal**, with $\ell_i = \partial \mathcal{L}(y^{(i)}, \hat y^{(i)}) / \partial \hat y^{(i)}$
#   on the diagonal.
# - The chain rule multiplies them; a row times a diagonal matrix scales each entry:
#
# $$\frac{\partial J}{\partial \hat y} = \frac{\partial J}{\partial J_0}\,\frac{\partial J_0}{\partial \hat y}
#   = \left(\tfrac{1}{N}, \dots, \tfrac{1}{N}\right) \operatorname{diag}(\ell_0, \dots, \ell_{N-1})
#   = \frac{1}{N}\,(\ell_0, \dots, \ell_{N-1}).$$
#
# So every batch gradient in this assignment has the same recipe: differentiate **one**
# example's loss with respect to **its own** prediction (for softmax, its own row of $K$
# logits), then divide by $N$. The result is a
# $1 \times N$ row in Jacobian form; numpy code returns it in the shape of `y_hat`, `(N,)`
# (the *shape convention* of ps3: a gradient has the shape of the variable).
#
# The $1/N$ comes from taking the mean. A loss written as a sum would have no $1/N$, which is
# why forgetting it is the most common slip of this assignment.

# %% [markdown]
# ## `mse_loss`: the mean squared error
#
# For regression, an example's loss is its squared error, and the batch loss is the mean:
#
# $$J_0^{(i)} = \big(y^{(i)} - \hat y^{(i)}\big)^2, \qquad
#   J = \frac{1}{N} \sum_{i=0}^{N-1} \big(y^{(i)} - \hat y^{(i)}\big)^2 .$$
#
# Return `J` as a Python `float`: `np.mean(...)` gives one number, and wrapping it in `float(...)`
# makes it a Python float. (`float(...)` of a whole vector raises a `TypeError`: take the mean first.)
#
# **Worked example of the visible test:** $y = (1, 0, 2, 3)$, $\hat y = (0, 0, 4, 3)$: the errors
# are $(1, 0, -2, 0)$, their squares $(1, 0, 4, 0)$, and $J = 5/4$.
#
# **Common mistakes:** the sum instead of the mean ($N$ times too large); returning the vector
# $J_0$ of per-example losses instead of its mean.

# %% role="solution" function="mse_loss"
def mse_loss(y, y_hat):
    """Mean squared error of a batch. y, y_hat: (N,) -> J = mean((y - y_hat)^2), a float."""
    ### BEGIN SOLUTION
    squared_errors = (y - y_hat) ** 2
    return float(squared_errors.mean())
    ### END SOLUTION


# %% role="visible" function="mse_loss"
# Worked example: errors (1, 0, -2, 0), squares (1, 0, 4, 0), mean 5/4, a Python float.
y = np.array([1.0, 0.0, 2.0, 3.0])
y_hat = np.array([0.0, 0.0, 4.0, 3.0])
check_answer("mse_loss", mse_loss(y, y_hat), 5 / 4)
# A single float on every batch size the hidden tests use: N = 1, small N, a few hundred.
rng = np.random.default_rng(0)
for N in (1, 4, 9, 300):
    check_shape(f"mse_loss, N = {N}", mse_loss(rng.normal(size=N), rng.normal(size=N)), ())
visible_test_passed("mse_loss")

# %% role="hidden" function="mse_loss"
# Hidden tests (1 point): random y and y_hat with N = 1, small N, and N of a few hundred.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("mse_loss")
### END HIDDEN TESTS

# %% [markdown]
# ## `grad_mse`: $\partial J / \partial \hat y = -\frac{2}{N}(y - \hat y)$
#
# One example: $\mathcal{L} = (y - \hat y)^2$, and by the chain rule
# $\partial \mathcal{L} / \partial \hat y = 2(y - \hat y) \cdot \partial (y - \hat y) / \partial \hat y = -2(y - \hat y)$;
# the minus sign is the derivative of $-\hat y$. So
#
# $$\frac{\partial J_0}{\partial \hat y} = \operatorname{diag}\big(-2(y^{(0)} - \hat y^{(0)}), \dots, -2(y^{(N-1)} - \hat y^{(N-1)})\big),
#   \qquad
#   \frac{\partial J}{\partial \hat y} = -\frac{2}{N}\,(y - \hat y), \text{ shape } (N,).$$
#
# **Why it matters.** For a linear model $\hat y = Xw + b$ (one prediction per row of $X$), the
# prediction is ps3's pre-activation $z = Xw + b$ with no sigmoid after it. ps3 showed
# $\partial z / \partial w = X$ and $\partial z / \partial b = \mathbf{1}$, so here
# $\partial \hat y / \partial w = X$ and $\partial \hat y / \partial b = \mathbf{1}$, and
#
# $$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial \hat y}\, X = -\frac{2}{N} \sum_{i} \big(y^{(i)} - \hat y^{(i)}\big)\, x^{(i)},
#   \qquad
#   \frac{\partial J}{\partial b} = -\frac{2}{N} \sum_{i} \big(y^{(i)} - \hat y^{(i)}\big):$$
#
# in numpy, `grad @ X` and `grad.sum()`, where `grad` is what `grad_mse` returns.
#
# **Worked example of the visible test** (same $y$, $\hat y$ as above, $N = 4$):
# $-\tfrac{2}{4}(1, 0, -2, 0) = (-1/2,\ 0,\ 1,\ 0)$.
#
# **Common mistakes:** a flipped sign ($\tfrac{2}{N}(y - \hat y)$); the 2 forgotten; the $1/N$
# forgotten; a `(1, N)` row instead of a flat `(N,)` array.

# %% role="solution" function="grad_mse"
def grad_mse(y, y_hat):
    """Gradient of the mean squared error. y, y_hat: (N,) -> dJ/dy_hat = -(2/N)(y - y_hat), shape (N,)."""
    ### BEGIN SOLUTION
    N = y.shape[0]
    return -(2.0 / N) * (y - y_hat)
    ### END SOLUTION


# %% role="visible" function="grad_mse"
# Worked example: -(2/4)(1, 0, -2, 0) = (-1/2, 0, 1, 0).
y = np.array([1.0, 0.0, 2.0, 3.0])
y_hat = np.array([0.0, 0.0, 4.0, 3.0])
check_answer("grad_mse", grad_mse(y, y_hat), [-1 / 2, 0, 1, 0])
# Shape (N,) on every batch size the hidden tests use, a batch of one (N = 1) included.
rng = np.random.default_rng(1)
for N in (1, 4, 9, 300):
    check_shape(f"grad_mse, N = {N}", grad_mse(rng.normal(size=N), rng.normal(size=N)), (N,))
visible_test_passed("grad_mse")

# %% role="hidden" function="grad_mse"
# Hidden tests (2 points): random y and y_hat with N = 1, small N, and N of a few hundred.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_mse")
### END HIDDEN TESTS

# %% [markdown]
# ## `bce_loss`: binary cross-entropy
#
# For 0/1 targets, the prediction $\hat y^{(i)} \in (0, 1)$ is read as the probability that
# $y^{(i)} = 1$, and an example's loss is minus the log of the probability given to the true label:
#
# $$J_0^{(i)} = -\Big[\, y^{(i)} \ln \hat y^{(i)} + \big(1 - y^{(i)}\big) \ln\big(1 - \hat y^{(i)}\big) \Big],
#   \qquad J = \frac{1}{N} \sum_{i=0}^{N-1} J_0^{(i)} .$$
#
# Since $y^{(i)}$ is 0 or 1, only one of the two terms is active: $-\ln \hat y^{(i)}$ for a
# positive example, $-\ln(1 - \hat y^{(i)})$ for a negative one. Return `J` as a Python `float`.
#
# *Numerics (optional).* `np.log1p(-y_hat)` computes $\ln(1 - \hat y)$ more accurately than
# `np.log(1 - y_hat)` when $\hat y$ is tiny; both are accurate enough here. Do not clip the
# predictions: the tests use values inside $(0, 1)$, and clipping would change the loss.
#
# **Worked example of the visible test:** $y = (1, 0, 1, 0)$, $\hat y = (0.5, 0.5, 0.8, 0.2)$. The
# per-example losses are $\ln 2, \ln 2, -\ln 0.8, -\ln 0.8$, that is $\ln 2, \ln 2, \ln 1.25, \ln 1.25$,
# and their mean is $\tfrac{1}{4}\big(2 \ln 2 + 2 \ln 1.25\big) = \tfrac{1}{2} \ln 2.5$.
#
# **Common mistakes:** the leading minus sign forgotten (a negative loss); the sum instead of the
# mean; `np.log10` instead of the natural logarithm.

# %% role="solution" function="bce_loss"
def bce_loss(y, y_hat):
    """Binary cross-entropy of a batch.

    y: (N,) targets in {0, 1}, y_hat: (N,) predictions in (0, 1)
    -> J = -mean(y ln y_hat + (1 - y) ln(1 - y_hat)), a float.
    """
    ### BEGIN SOLUTION
    per_example = -(y * np.log(y_hat) + (1.0 - y) * np.log1p(-y_hat))
    return float(per_example.mean())
    ### END SOLUTION


# %% role="visible" function="bce_loss"
# Worked example: the mean of ln 2, ln 2, ln 1.25, ln 1.25 is (1/2) ln 2.5, a Python float.
y = np.array([1.0, 0.0, 1.0, 0.0])
y_hat = np.array([0.5, 0.5, 0.8, 0.2])
check_answer("bce_loss", bce_loss(y, y_hat), np.log(2.5) / 2, mistakes={"mistake_log10": np.log10(2.5) / 2})
# A single float on every batch size the hidden tests use: N = 1, small N, a few hundred.
rng = np.random.default_rng(2)
for N in (1, 4, 9, 300):
    check_shape(f"bce_loss, N = {N}", bce_loss(rng.integers(0, 2, size=N).astype(float), rng.uniform(0.02, 0.98, size=N)), ())
visible_test_passed("bce_loss")

# %% role="hidden" function="bce_loss"
# Hidden tests (1 point): 0/1 targets, predictions in (0, 1) including 1e-6 and 1 - 1e-6; N = 1, small N, a few hundred.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("bce_loss")
### END HIDDEN TESTS

# %% [markdown]
# ## `jacobian_bce_per_example`: $\partial J_0 / \partial \hat y$ is diagonal
#
# Differentiate one example's loss with respect to its own prediction (drop the superscript):
#
# $$\frac{\partial \mathcal{L}}{\partial \hat y} = -\frac{y}{\hat y} + \frac{1 - y}{1 - \hat y}
#   = \frac{-y(1 - \hat y) + (1 - y)\hat y}{\hat y (1 - \hat y)}
#   = \frac{\hat y - y}{\hat y (1 - \hat y)} .$$
#
# (The $+$ in the middle comes from two minus signs: the one in front of the loss, and the
# derivative $-1$ of $1 - \hat y$ inside the second logarithm.) Example $i$'s loss does not depend
# on the other predictions, so the Jacobian of the vector $J_0$ is the diagonal matrix
#
# $$\frac{\partial J_0}{\partial \hat y} = \operatorname{diag}\!\left(\frac{\hat y - y}{\hat y\,(1 - \hat y)}\right),
#   \text{ shape } (N, N),$$
#
# with the division taken entry by entry. This is the Jacobian of the per-example losses, so
# there is **no** $1/N$ in it: the mean has not been taken yet.
#
# **Worked example of the visible test** (same $y$, $\hat y$ as for `bce_loss`): the diagonal is
# $\big(\tfrac{-0.5}{0.25}, \tfrac{0.5}{0.25}, \tfrac{-0.2}{0.16}, \tfrac{0.2}{0.16}\big) = (-2,\ 2,\ -1.25,\ 1.25)$.
#
# **Common mistakes:** returning the vector of diagonal entries (shape `(N,)`); dividing by $N$;
# the sign flipped to $(y - \hat y)/(\ldots)$.

# %% role="solution" function="jacobian_bce_per_example"
def jacobian_bce_per_example(y, y_hat):
    """Jacobian of the per-example BCE losses J0 with respect to y_hat.

    y: (N,) targets in {0, 1}, y_hat: (N,) predictions in (0, 1)
    -> diag((y_hat - y) / (y_hat (1 - y_hat))), shape (N, N).
    """
    ### BEGIN SOLUTION
    slopes = (y_hat - y) / (y_hat * (1.0 - y_hat))
    return np.diag(slopes)
    ### END SOLUTION


# %% role="visible" function="jacobian_bce_per_example"
# Worked example: the diagonal (-2, 2, -1.25, 1.25), no 1/N.
y = np.array([1.0, 0.0, 1.0, 0.0])
y_hat = np.array([0.5, 0.5, 0.8, 0.2])
check_answer("jacobian_bce_per_example", jacobian_bce_per_example(y, y_hat), np.diag([-2, 2, -1.25, 1.25]))
# Shape (N, N) on every batch size the hidden tests use, a batch of one (N = 1) included.
rng = np.random.default_rng(3)
for N in (1, 4, 9, 300):
    y, y_hat = rng.integers(0, 2, size=N).astype(float), rng.uniform(0.02, 0.98, size=N)
    check_shape(f"jacobian_bce_per_example, N = {N}", jacobian_bce_per_example(y, y_hat), (N, N))
visible_test_passed("jacobian_bce_per_example")

# %% role="hidden" function="jacobian_bce_per_example"
# Hidden tests (2 points): 0/1 targets, predictions in (0, 1) including 1e-6 and 1 - 1e-6; N = 1, small N, a few hundred.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_bce_per_example")
### END HIDDEN TESTS

# %% [markdown]
# ## `grad_bce`: the gradient of the batch loss
#
# Chain the row $\partial J / \partial J_0 = (1/N, \dots, 1/N)$ with the diagonal Jacobian above:
#
# $$\frac{\partial J}{\partial \hat y} = \frac{1}{N}\,\frac{\hat y - y}{\hat y\,(1 - \hat y)}, \text{ shape } (N,).$$
#
# Look at the denominator: when the model is confidently wrong ($\hat y$ near 0 for a positive
# example, or near 1 for a negative one), $\hat y (1 - \hat y)$ is tiny and the gradient is huge.
# The hidden tests include predictions of $10^{-6}$ and $1 - 10^{-6}$; the formula handles them,
# but the next function shows how this division disappears altogether.
#
# **Worked example of the visible test:** the diagonal of the previous example divided by
# $N = 4$: $(-0.5,\ 0.5,\ -0.3125,\ 0.3125)$.
#
# **Common mistakes:** the $1/N$ forgotten; an `(N, N)` matrix instead of `(N,)`; a `(1, N)` row,
# which is what the row $(1/N, \dots, 1/N)$ times the diagonal matrix gives when written
# literally (`np.full((1, N), 1 / N) @ J0`). Flatten it with `.ravel()` or `.reshape(-1)`, not
# with `np.squeeze`: for a batch of one ($N = 1$) squeeze also removes the batch axis and returns
# a bare number of shape `()`, which fails the hidden test of that size.

# %% role="solution" function="grad_bce"
def grad_bce(y, y_hat):
    """Gradient of the mean BCE with respect to y_hat.

    y: (N,) targets in {0, 1}, y_hat: (N,) predictions in (0, 1)
    -> dJ/dy_hat = (1/N) (y_hat - y) / (y_hat (1 - y_hat)), shape (N,).
    """
    ### BEGIN SOLUTION
    N = y.shape[0]
    return (y_hat - y) / (y_hat * (1.0 - y_hat)) / N
    ### END SOLUTION


# %% role="visible" function="grad_bce"
# Worked example: the diagonal of the previous example divided by N = 4.
y = np.array([1.0, 0.0, 1.0, 0.0])
y_hat = np.array([0.5, 0.5, 0.8, 0.2])
check_answer("grad_bce", grad_bce(y, y_hat), [-0.5, 0.5, -0.3125, 0.3125])
# Shape (N,) on every batch size the hidden tests use, a batch of one (N = 1) included.
rng = np.random.default_rng(4)
for N in (1, 4, 9, 300):
    y, y_hat = rng.integers(0, 2, size=N).astype(float), rng.uniform(0.02, 0.98, size=N)
    check_shape(f"grad_bce, N = {N}", grad_bce(y, y_hat), (N,))
visible_test_passed("grad_bce")

# %% role="hidden" function="grad_bce"
# Hidden tests (2 points): 0/1 targets, predictions in (0, 1) including 1e-6 and 1 - 1e-6; N = 1, small N, a few hundred.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_bce")
### END HIDDEN TESTS

# %% [markdown]
# ## `grad_bce_logits`: BCE through the sigmoid gives $(\sigma(z) - y)/N$
#
# A binary classifier usually produces a *logit* $z^{(i)}$ (any real number) and turns it into a
# probability with the sigmoid, $\hat y = \sigma(z)$, element-wise. Add that link to the chain,
# $z \to \hat y \to J_0 \to J$. From ps1, the sigmoid's Jacobian is
# $\partial \hat y / \partial z = \operatorname{diag}\big(\hat y \odot (1 - \hat y)\big)$, so
#
# $$\frac{\partial J}{\partial z} = \frac{\partial J}{\partial \hat y}\,\frac{\partial \hat y}{\partial z}
#   = \frac{1}{N}\,\frac{\hat y - y}{\hat y\,(1 - \hat y)} \odot \hat y\,(1 - \hat y)
#   = \frac{1}{N}\,\big(\sigma(z) - y\big), \text{ shape } (N,).$$
#
# The troublesome denominator cancels exactly: the gradient is just "prediction minus target",
# averaged, and it stays between $-1/N$ and $1/N$ however confident the model is. This is why
# libraries offer the loss "with logits" (for example `torch.nn.BCEWithLogitsLoss`) and why you
# should compute this gradient from $z$ directly rather than by calling `grad_bce`.
#
# *Numerics (optional).* For a very negative $z$, `np.exp(-z)` in the textbook
# $1/(1 + e^{-z})$ overflows to `inf` (with a `RuntimeWarning`, though the result 0 is still
# right). The setup cell's `sigmoid` avoids that by evaluating the equal expression
# $e^{z}/(1 + e^{z})$ when $z < 0$. The hidden tests use logits up to $\pm 25$, where both work.
#
# **Worked example of the visible test:** $y = (1, 0, 1, 0)$ and $z = (0, 0, \ln 4, -\ln 4)$, so
# $\sigma(z) = (0.5, 0.5, 0.8, 0.2)$ (the predictions of the BCE examples) and
# $\partial J / \partial z = \tfrac{1}{4}(-0.5, 0.5, -0.2, 0.2) = (-0.125,\ 0.125,\ -0.05,\ 0.05)$. Check the
# chain rule on it: `grad_bce` gave $(-0.5, 0.5, -0.3125, 0.3125)$, and multiplying by
# $\hat y (1 - \hat y) = (0.25, 0.25, 0.16, 0.16)$ gives the same numbers.
#
# **Common mistakes:** the sign flipped ($y - \sigma(z)$); the $1/N$ forgotten; using $z$ where
# $\sigma(z)$ belongs.

# %% role="solution" function="grad_bce_logits"
def grad_bce_logits(y, z):
    """Gradient of the mean BCE with respect to the logits z, where y_hat = sigmoid(z).

    y: (N,) targets in {0, 1}, z: (N,) logits -> dJ/dz = (1/N)(sigmoid(z) - y), shape (N,).
    """
    ### BEGIN SOLUTION
    N = y.shape[0]
    return (sigmoid(z) - y) / N
    ### END SOLUTION


# %% role="visible" function="grad_bce_logits"
# Worked example: (1/4)(sigmoid(z) - y) = (-0.125, 0.125, -0.05, 0.05).
y = np.array([1.0, 0.0, 1.0, 0.0])
z = np.array([0.0, 0.0, np.log(4.0), -np.log(4.0)])
check_answer("grad_bce_logits", grad_bce_logits(y, z), [-0.125, 0.125, -0.05, 0.05],
             mistakes={"mistake_logits_for_probabilities": (z - y) / 4})
# Shape (N,) on every batch size the hidden tests use, a batch of one (N = 1) included.
rng = np.random.default_rng(5)
for N in (1, 4, 9, 300):
    check_shape(f"grad_bce_logits, N = {N}", grad_bce_logits(rng.integers(0, 2, size=N).astype(float), rng.normal(size=N)), (N,))
visible_test_passed("grad_bce_logits")

# %% role="hidden" function="grad_bce_logits"
# Hidden tests (2 points): 0/1 targets, random logits and logits of +-25; N = 1, small N, a few hundred.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_bce_logits")
### END HIDDEN TESTS

# %% [markdown]
# ## `grad_softmax_ce_logits`: softmax + cross-entropy gives $-(Y - \hat Y)/N$
#
# With $K$ classes, the network produces $K$ logits per example, the rows of `L` (shape
# `(N, K)`). The softmax turns each row into probabilities, and the cross-entropy is minus the
# log of the probability given to the true class, averaged over the batch:
#
# $$\hat Y_{ik} = \frac{e^{L_{ik}}}{\sum_{c=0}^{K-1} e^{L_{ic}}}, \qquad
#   J = -\frac{1}{N} \sum_{i=0}^{N-1} \sum_{k=0}^{K-1} Y_{ik} \ln \hat Y_{ik},$$
#
# where `Y` is one-hot (row $i$ has a single 1, at example $i$'s class), so only the true class
# contributes to the inner sum.
#
# **Softmax is not element-wise.** Every probability in a row depends on every logit of that
# row (through the sum in the denominator). For one example (drop the index $i$):
#
# $$\frac{\partial \hat Y_k}{\partial L_j} = \hat Y_k\,\big([\,k = j\,] - \hat Y_j\big),
#   \qquad\text{i.e. the } K \times K \text{ Jacobian } \operatorname{diag}(\hat Y) - \hat Y \hat Y^\top,$$
#
# which is not diagonal. Different examples do not interact, though: the logits of example $i$
# only affect row $i$ of $\hat Y$.
#
# **The chain rule, one logit at a time.** From $J$, $\ \partial J / \partial \hat Y_{ik} = -\frac{1}{N}\, Y_{ik} / \hat Y_{ik}$.
# Summing over the $K$ probabilities of row $i$ that $L_{ij}$ affects:
#
# $$\frac{\partial J}{\partial L_{ij}} = \sum_{k=0}^{K-1} \frac{\partial J}{\partial \hat Y_{ik}}\,\frac{\partial \hat Y_{ik}}{\partial L_{ij}}
#   = -\frac{1}{N} \sum_{k} \frac{Y_{ik}}{\hat Y_{ik}}\, \hat Y_{ik}\big([\,k = j\,] - \hat Y_{ij}\big)
#   = -\frac{1}{N}\Big(Y_{ij} - \hat Y_{ij} \sum_{k} Y_{ik}\Big)
#   = -\frac{1}{N}\big(Y_{ij} - \hat Y_{ij}\big),$$
#
# because a one-hot row sums to 1. For the whole batch, $\ \partial J / \partial L = -\frac{1}{N}(Y - \hat Y)$,
# shape `(N, K)`, the shape of `L`. It is the $K$-class version of `grad_bce_logits`: predicted
# probabilities minus targets, over $N$. Each row of it sums to 0.
#
# *Numerics.* `np.exp` of a logit above about 709 overflows. Since adding the same number to
# every logit of a row does not change its softmax, subtract each row's maximum first (use
# `axis=1, keepdims=True` so the row maxima broadcast along the rows). This is optional for the
# hidden tests (their logits are moderate) but it is what you should always write.
#
# **Worked example of the visible test:** $N = 2$, $K = 3$, logits rows $(0, 0, 0)$ and $(\ln 2, 0, 0)$,
# so $\hat Y$ rows $(1/3, 1/3, 1/3)$ and $(1/2, 1/4, 1/4)$ (from $e^{\ln 2} = 2$ and $2 + 1 + 1 = 4$); true
# classes 0 and 2. Then $-\tfrac{1}{2}(Y - \hat Y)$ has rows $(-1/3,\ 1/6,\ 1/6)$ and $(1/4,\ 1/8,\ -3/8)$.
#
# **Common mistakes:** the softmax taken over the wrong axis (down the columns, `axis=0`, instead
# of along each row): then the rows of your gradient do not sum to 0; the row sums not kept as
# a column (`keepdims=True`), so the division fails with numpy's "operands could not be
# broadcast together" when $N \ne K$ and divides by the wrong sums when $N = K$; the $1/N$
# forgotten; the sign flipped ($\frac{1}{N}(Y - \hat Y)$).

# %% role="solution" function="grad_softmax_ce_logits"
def grad_softmax_ce_logits(Y, L):
    """Gradient of the mean softmax cross-entropy with respect to the logits.

    Y: (N, K) one-hot targets, L: (N, K) logits, Y_hat = row-wise softmax(L)
    -> dJ/dL = -(1/N)(Y - Y_hat), shape (N, K).
    """
    ### BEGIN SOLUTION
    N = Y.shape[0]
    # Shifting a row of logits leaves its softmax unchanged and keeps exp from overflowing.
    exps = np.exp(L - L.max(axis=1, keepdims=True))
    Y_hat = exps / exps.sum(axis=1, keepdims=True)
    return -(Y - Y_hat) / N
    ### END SOLUTION


# %% role="visible" function="grad_softmax_ce_logits"
# Worked example: rows (-1/3, 1/6, 1/6) and (1/4, 1/8, -3/8); each row sums to 0.
Y = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
L = np.array([[0.0, 0.0, 0.0], [np.log(2.0), 0.0, 0.0]])
# The softmax taken down the columns (axis=0) instead of along the rows would give these rows:
softmax_over_columns = [[-1 / 3, 1 / 4, 1 / 4], [1 / 3, 1 / 4, -1 / 4]]
check_answer("grad_softmax_ce_logits", grad_softmax_ce_logits(Y, L), [[-1 / 3, 1 / 6, 1 / 6], [1 / 4, 1 / 8, -3 / 8]],
             mistakes={"mistake_softmax_wrong_axis": softmax_over_columns})
# Shape (N, K) on every size the hidden tests use: N = 1, N != K both ways, N = 300 with K = 10.
rng = np.random.default_rng(6)
for N, K in ((1, 2), (4, 3), (3, 5), (300, 10)):
    Y = np.eye(K)[rng.integers(0, K, size=N)]
    check_shape(f"grad_softmax_ce_logits, N = {N}, K = {K}", grad_softmax_ce_logits(Y, rng.normal(size=(N, K))), (N, K))
visible_test_passed("grad_softmax_ce_logits")

# %% role="hidden" function="grad_softmax_ce_logits"
# Hidden tests (3 points): one-hot Y and random logits L with N = 1, N != K, and N = 300 with K = 10.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_softmax_ce_logits")
### END HIDDEN TESTS

# %% [markdown]
# ## Summary
#
# | quantity | formula | shape |
# |---|---|---|
# | $\partial J / \partial J_0$ (mean of per-example losses) | $(1/N, \dots, 1/N)$ | $1 \times N$ |
# | $\partial J / \partial \hat y$, MSE | $-\frac{2}{N}(y - \hat y)$ | `(N,)` |
# | $\partial J_0 / \partial \hat y$, BCE | $\operatorname{diag}\big((\hat y - y) / (\hat y (1 - \hat y))\big)$ | `(N, N)` |
# | $\partial J / \partial \hat y$, BCE | $\frac{1}{N}(\hat y - y) / (\hat y (1 - \hat y))$ | `(N,)` |
# | $\partial J / \partial z$, sigmoid + BCE | $\frac{1}{N}(\sigma(z) - y)$ | `(N,)` |
# | $\partial J / \partial L$, softmax + CE | $-\frac{1}{N}(Y - \hat Y)$ | `(N, K)` |
#
# In every case: differentiate one example's loss, keep the Jacobian's zeros in mind (the
# examples do not interact), divide by $N$ for the mean, and return the gradient in the shape
# of the variable.
