# %% [markdown]
# # ps2_binary: Jacobians of binary element-wise operations
#
# In ps1 every operation had one input vector. Many steps of a network combine **two** vectors
# entry by entry: a residual connection adds two vectors, a loss subtracts the target from the
# prediction, a gate (as in an LSTM) multiplies two vectors entry by entry. This notebook finds
# the Jacobians of such *binary element-wise operations*. An operation with two inputs has two
# Jacobians, one for each input, and both turn out to be diagonal.
#
# You write three functions, for $\vec u, \vec v \in \mathbb{R}^n$:
#
# 1. `jacobians_add(u, v)`: $\vec w = \vec u + \vec v$;
# 2. `jacobians_sub(u, v)`: $\vec w = \vec u - \vec v$;
# 3. `jacobians_hadamard(u, v)`: $\vec w = \vec u \odot \vec v$, the element-wise product
#    $w_i = u_i v_i$.
#
# Each returns **the pair** $\left( \frac{\partial \vec w}{\partial \vec u}, \frac{\partial \vec w}{\partial \vec v} \right)$
# as a tuple of two $n \times n$ numpy arrays, in that order.

# %% [markdown]
# ## How this notebook is graded
#
# Each function has **hidden tests**, worth these points:
#
# | function | points |
# |---|---|
# | `jacobians_add` | 2 (1 for $\partial \vec w / \partial \vec u$, 1 for $\partial \vec w / \partial \vec v$) |
# | `jacobians_sub` | 2 (1 for $\partial \vec w / \partial \vec u$, 1 for $\partial \vec w / \partial \vec v$) |
# | `jacobians_hadamard` | 2 (1 for $\partial \vec w / \partial \vec u$, 1 for $\partial \vec w / \partial \vec v$) |
# | **total** | **6** |
#
# - The hidden tests call your function on random vectors $\vec u, \vec v$ of several sizes:
#   $n = 1$, small ($n = 3$ and $n = 6$) and a few hundred ($n = 200$), plus a case with zeros and
#   negative entries. Every Jacobian of this notebook is square ($n \times n$), so there are no
#   non-square cases here. Each answer is compared with a reference solution, entry by entry, to
#   about 10 significant digits (relative tolerance $10^{-10}$).
# - The two matrices of the pair are graded separately: each is worth half the function's
#   points, and earns them when it is right on every hidden case. A single matrix where a pair
#   is expected earns nothing.
# - When a case fails, the feedback under the hidden test cell says what went wrong first and
#   on which input: your function raised an error, returned the wrong type (for example a
#   single matrix instead of a pair), the wrong shape (for example the diagonal as a vector
#   instead of the $n \times n$ matrix), NaN or inf, or wrong values. Where it can, it names the
#   likely mistake (a transposed matrix, nonzero off-diagonal entries, a flipped sign, a missing
#   factor such as $1/N$) and gives the seed of the random inputs.
# - **Answers must be analytic**: compute each Jacobian from the formula you derive.
#   Numerical differentiation (finite differences) earns no credit, and neither does reading
#   the course's reference solutions.
#
# ## How to check your work before submitting
#
# - Under each function there is a **visible test** cell. Run it after writing the function: it
#   prints `... visible test passed`, or stops with an `AssertionError` that says what to fix
#   (not a pair, wrong shape, which entry is wrong, and a hint when it recognises the mistake).
#   It checks one example you can work out by hand, plus the shapes. Passing it is a good sign,
#   not a guarantee: the hidden tests use many more inputs.
# - The cell after it only holds a comment in your copy: the hidden tests are inserted there
#   when your notebook is graded.
# - Before submitting, run the whole notebook from a fresh kernel: the **Validate** button that
#   nbgrader adds to JupyterLab (in the notebook toolbar and in the Assignments panel) restarts
#   the kernel, runs all cells and reports any cell that fails. *Kernel > Restart Kernel and
#   Run All Cells* does the same without the report.
#
# ## Conventions (the course contract)
#
# - All inputs and outputs are float64 numpy arrays. A vector in $\mathbb{R}^n$ is shape
#   `(n,)`: a flat array, not `(n, 1)` or `(1, n)`. The lecture draws vectors as columns; in
#   numpy they are flat.
# - The Jacobian of a vector function of a vector, $\vec f: \mathbb{R}^n \to \mathbb{R}^m$, has
#   shape `(m, n)`, with `J[i, j]` $= \partial f_i / \partial x_j$ (numerator layout): row $i$
#   belongs to output $f_i$, column $j$ to input $x_j$. Here both Jacobians are $n \times n$:
#   `dw_du[i, j]` $= \partial w_i / \partial u_j$ and `dw_dv[i, j]` $= \partial w_i / \partial v_j$.
# - Each function returns the pair `(dw_du, dw_dv)`, in this order.
# - Answers are analytic. Numerical differentiation, or reading the course's reference
#   solutions, earns no credit.
#
# ## How to submit
#
# - Write your code in place of the line `raise NotImplementedError(...)` inside each function.
#   Keep the function names and their arguments as they are.
# - Do not rename this notebook, and do not delete, copy or retype its given cells: the grader
#   finds each test by the cell it was given in. You may add cells of your own for scratch work.
# - Save the notebook (*File > Save*, or Ctrl+S), then click **Submit** next to this assignment
#   in the **Assignments** panel of JupyterLab, or hand in this `.ipynb` file the way your
#   instructor tells you.

# %% [markdown]
# ## Setup
#
# Run the next cell first. It imports numpy and defines the helpers the visible tests use:
#
# - `check_answer(name, got, expected)` compares what your function returned (`got`) with a
#   value worked out by hand (`expected`). For a pair it checks that you returned two matrices
#   in the right order, then the shape and every entry of each.
# - `check_shape(name, got, expected_shape)` checks the shape alone.
#
# (It also defines `sigmoid(z)`, which this notebook does not need.) You do not need to read the
# helpers' code; their messages tell you what to fix.

# %% role="setup"
import numpy as np

RTOL, ATOL = 1e-10, 1e-12  # about as strict as the hidden tests


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
        return " Return a flat array of shape (n,), not a row or a column: drop the extra axis."
    if len(got_shape) == 1 and len(expected_shape) == 2:
        return " You returned a vector: if it holds the diagonal, build the matrix with np.diag(your_vector)."
    if len(got_shape) == 2 and len(expected_shape) == 3:
        return " A Jacobian with respect to a matrix has one axis for the output and two for the matrix; yours lost one."
    if len(got_shape) == 2 and got_shape == expected_shape[::-1]:
        return " Rows and columns are swapped: row i of a Jacobian belongs to output i, column j to input j."
    return ""


def _value_hint(got, expected):
    """A likely cause of wrong values (shapes agree), or ''."""
    if not np.all(np.isfinite(got)):
        return " Your answer contains NaN or inf: look for a division by zero or an overflow."
    if expected.ndim == 2 and expected.shape[0] == expected.shape[1]:
        if np.allclose(got, expected.T, rtol=RTOL, atol=ATOL):
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
            return f" Every entry is {factor:.6g} times the expected one: a constant factor is missing or extra."
    return ""


def _check_array(name, got, expected):
    expected = np.asarray(expected, dtype=np.float64)
    got = _as_float_array(name, got)
    if got.shape != expected.shape:
        raise AssertionError(
            f"{name}: wrong shape: expected {expected.shape}, got {got.shape}.{_shape_hint(got.shape, expected.shape)}"
        )
    wrong = ~np.isclose(got, expected, rtol=RTOL, atol=ATOL)
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
    return got.shape == np.shape(expected) and np.allclose(got, expected, rtol=RTOL, atol=ATOL)


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
    the pair (dw/du, dw/dv). Checks, in order: a value came back, a pair is a pair, the shape,
    then every entry. The first problem raises an AssertionError that says what to fix.
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


# %% [markdown]
# ## Recap from ps1
#
# - $\operatorname{diag}(d_1, \dots, d_n)$ is the $n \times n$ matrix with $d_1, \dots, d_n$ on the
#   main diagonal and zeros everywhere else; $I = \operatorname{diag}(1, \dots, 1)$.
#   In numpy: `np.diag(d)` builds it from the vector `d`, and `np.eye(n)` is $I$.
# - Multiplying by a diagonal matrix scales each entry:
#   $\operatorname{diag}(\vec d)\,\vec g = \vec d \odot \vec g$.
# - A unary element-wise operation $f_i(\vec x) = f_i(x_i)$ has the diagonal Jacobian
#   $\operatorname{diag}\left( \frac{\partial f_1}{\partial x_1}, \dots, \frac{\partial f_n}{\partial x_n} \right)$,
#   because output $i$ does not move when any other input $x_j$, $j \ne i$, moves.
#
# ## Binary element-wise operations
#
# A function of two vectors $\vec u, \vec v \in \mathbb{R}^n$ is a **binary element-wise
# operation** when output $i$ depends on the $i$-th entries of the two inputs only:
#
# $$
# w_i = f_i(\vec u, \vec v) = f_i(u_i, v_i), \qquad
# \vec w = \begin{pmatrix} f_1(u_1, v_1) \\ f_2(u_2, v_2) \\ \vdots \\ f_n(u_n, v_n) \end{pmatrix}.
# $$
#
# With two inputs there are two Jacobians, one per input, each $n \times n$. For
# $\frac{\partial \vec w}{\partial \vec u}$, treat $\vec v$ as a constant and differentiate with
# respect to $\vec u$; for $\frac{\partial \vec w}{\partial \vec v}$, the other way round. Row $i$
# of $\frac{\partial \vec w}{\partial \vec u}$ is the gradient of $w_i$ with respect to $\vec u$:
#
# $$
# \frac{\partial \vec w}{\partial \vec u} =
# \begin{pmatrix} \nabla_{\vec u} w_1 \\ \nabla_{\vec u} w_2 \\ \vdots \\ \nabla_{\vec u} w_n \end{pmatrix} =
# \begin{pmatrix}
# \frac{\partial w_1}{\partial u_1} & \frac{\partial w_1}{\partial u_2} & \cdots & \frac{\partial w_1}{\partial u_n} \\
# \frac{\partial w_2}{\partial u_1} & \frac{\partial w_2}{\partial u_2} & \cdots & \frac{\partial w_2}{\partial u_n} \\
# \vdots & \vdots & \ddots & \vdots \\
# \frac{\partial w_n}{\partial u_1} & \frac{\partial w_n}{\partial u_2} & \cdots & \frac{\partial w_n}{\partial u_n}
# \end{pmatrix}.
# $$
#
# Because $w_i$ involves $u_i$ but no other entry of $\vec u$, every
# $\frac{\partial w_i}{\partial u_j}$ with $j \ne i$ is zero, exactly as in ps1; the same holds
# for $\vec v$. So **both Jacobians are diagonal**:
#
# $$
# \frac{\partial \vec w}{\partial \vec u} = \operatorname{diag}\left( \frac{\partial w_1}{\partial u_1}, \dots, \frac{\partial w_n}{\partial u_n} \right),
# \qquad
# \frac{\partial \vec w}{\partial \vec v} = \operatorname{diag}\left( \frac{\partial w_1}{\partial v_1}, \dots, \frac{\partial w_n}{\partial v_n} \right).
# $$
#
# **Why backpropagation needs both.** If a loss $L$ depends on $\vec w$, the chain rule sends
# its gradient back to each input separately:
# $\frac{\partial L}{\partial \vec u} = \frac{\partial L}{\partial \vec w} \frac{\partial \vec w}{\partial \vec u}$ and
# $\frac{\partial L}{\partial \vec v} = \frac{\partial L}{\partial \vec w} \frac{\partial \vec w}{\partial \vec v}$.
# Since both Jacobians are diagonal, each product is an element-wise scaling of the incoming
# gradient, as you will see for each operation below.
#
# **Returning a pair in Python.** `return dw_du, dw_dv` returns the tuple `(dw_du, dw_dv)`. The
# order matters: the Jacobian with respect to the first argument `u` comes first.
#
# **Common mistakes in this notebook:**
#
# - returning a single matrix instead of the pair (this earns no points at all);
# - returning the diagonals as vectors, shape `(n,)`, instead of the $n \times n$ matrices
#   (wrap each with `np.diag`);
# - the sign of $-I$: write `-np.eye(n)`; `np.eye(n) - 1` is a different matrix (zeros on the
#   diagonal, $-1$ everywhere else);
# - swapping $\operatorname{diag}(\vec u)$ and $\operatorname{diag}(\vec v)$ in the product rule;
# - `np.ones((n, n))` where the identity `np.eye(n)` is meant.

# %% [markdown]
# ## Exercise 1: $\vec w = \vec u + \vec v$ (2 points)
#
# Here $w_i = u_i + v_i$. Holding $\vec v$ fixed, $\frac{\partial w_i}{\partial u_j}$ is $1$ when
# $j = i$ and $0$ otherwise; holding $\vec u$ fixed, the same is true for $v_j$:
#
# $$
# \frac{\partial \vec w}{\partial \vec u} =
# \begin{pmatrix}
# \frac{\partial [u_1 + v_1]}{\partial u_1} & \cdots & \frac{\partial [u_1 + v_1]}{\partial u_n} \\
# \vdots & \ddots & \vdots \\
# \frac{\partial [u_n + v_n]}{\partial u_1} & \cdots & \frac{\partial [u_n + v_n]}{\partial u_n}
# \end{pmatrix}
# = \begin{pmatrix} 1 & \cdots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \cdots & 1 \end{pmatrix} = I,
# \qquad
# \frac{\partial \vec w}{\partial \vec v} = I .
# $$
#
# Another way to see it: $\vec w = I \vec u + I \vec v$ is linear in each input, and the
# Jacobian of $\vec x \mapsto A \vec x$ is $A$.
#
# *Example:* for $\vec u = (1, 2, 3)$ and $\vec v = (4, 5, 6)$, $\vec w = (5, 7, 9)$. Raise $u_2$
# from $2$ to $2.1$: $\vec w$ becomes $(5, 7.1, 9)$, so only $w_2$ moves, by the same $0.1$;
# the same happens if you raise $v_2$ instead. Both Jacobians are the $3 \times 3$ identity,
# whatever the values of $\vec u$ and $\vec v$.
#
# In backpropagation, $\frac{\partial L}{\partial \vec w} I = \frac{\partial L}{\partial \vec w}$:
# an addition passes the incoming gradient unchanged to both of its inputs.

# %% role="solution" function="jacobians_add"
def jacobians_add(u, v):
    """Jacobians of w = u + v.

    u, v: shape (n,). Returns the pair (dw/du, dw/dv) = (I, I), each of shape (n, n).
    """
    ### BEGIN SOLUTION
    n = u.shape[0]
    return np.eye(n), np.eye(n)
    ### END SOLUTION


# %% role="visible" function="jacobians_add"
# Worked example: u = (1, 2, 3), v = (4, 5, 6) gives (I, I), with I the 3 x 3 identity.
I3 = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
check_answer("jacobians_add", jacobians_add(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])), (I3, I3))
# Shapes: n = 1 gives two 1 x 1 matrices; n = 5 two 5 x 5 ones.
check_answer("jacobians_add, n = 1", jacobians_add(np.array([2.0]), np.array([-7.0])), ([[1.0]], [[1.0]]))
dw_du, dw_dv = jacobians_add(np.linspace(-1.0, 1.0, 5), np.linspace(2.0, 3.0, 5))
check_shape("jacobians_add dw/du, n = 5", dw_du, (5, 5))
check_shape("jacobians_add dw/dv, n = 5", dw_dv, (5, 5))

# %% role="hidden" function="jacobians_add"
# Hidden tests of jacobians_add run here when your notebook is graded (2 points: 1 for dw/du, 1 for dw/dv).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobians_add")
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise 2: $\vec w = \vec u - \vec v$ (2 points)
#
# Here $w_i = u_i - v_i$. With respect to $\vec u$ nothing changes from the sum:
# $\frac{\partial w_i}{\partial u_i} = 1$. With respect to $\vec v$ the minus sign stays:
# $\frac{\partial w_i}{\partial v_i} = -1$, and all off-diagonal entries are $0$ as before:
#
# $$
# \frac{\partial \vec w}{\partial \vec u} = I,
# \qquad
# \frac{\partial \vec w}{\partial \vec v} =
# \begin{pmatrix}
# \frac{\partial [u_1 - v_1]}{\partial v_1} & \cdots & \frac{\partial [u_1 - v_1]}{\partial v_n} \\
# \vdots & \ddots & \vdots \\
# \frac{\partial [u_n - v_n]}{\partial v_1} & \cdots & \frac{\partial [u_n - v_n]}{\partial v_n}
# \end{pmatrix}
# = \begin{pmatrix} -1 & \cdots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \cdots & -1 \end{pmatrix} = -I .
# $$
#
# Equivalently, $\vec w = I \vec u + (-I) \vec v$.
#
# *Example:* for $\vec u = (1, 2, 3)$ and $\vec v = (4, 5, 6)$, $\vec w = (-3, -3, -3)$. Raise
# $v_1$ from $4$ to $4.1$: $w_1$ drops to $-3.1$, a change of $-0.1$, so the $(1, 1)$ entry of
# $\frac{\partial \vec w}{\partial \vec v}$ is $-1$. The pair is $(I, -I)$.
#
# In backpropagation, the incoming gradient reaches $\vec u$ unchanged and $\vec v$ with its
# sign flipped.

# %% role="solution" function="jacobians_sub"
def jacobians_sub(u, v):
    """Jacobians of w = u - v.

    u, v: shape (n,). Returns the pair (dw/du, dw/dv) = (I, -I), each of shape (n, n).
    """
    ### BEGIN SOLUTION
    n = u.shape[0]
    return np.eye(n), -np.eye(n)
    ### END SOLUTION


# %% role="visible" function="jacobians_sub"
# Worked example: u = (1, 2, 3), v = (4, 5, 6) gives (I, -I), with I the 3 x 3 identity.
I3 = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
minus_I3 = [[-1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, -1.0]]
check_answer("jacobians_sub", jacobians_sub(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])), (I3, minus_I3))
# Shapes: n = 1 gives two 1 x 1 matrices; n = 5 two 5 x 5 ones.
check_answer("jacobians_sub, n = 1", jacobians_sub(np.array([2.0]), np.array([-7.0])), ([[1.0]], [[-1.0]]))
dw_du, dw_dv = jacobians_sub(np.linspace(-1.0, 1.0, 5), np.linspace(2.0, 3.0, 5))
check_shape("jacobians_sub dw/du, n = 5", dw_du, (5, 5))
check_shape("jacobians_sub dw/dv, n = 5", dw_dv, (5, 5))

# %% role="hidden" function="jacobians_sub"
# Hidden tests of jacobians_sub run here when your notebook is graded (2 points: 1 for dw/du, 1 for dw/dv).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobians_sub")
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise 3: $\vec w = \vec u \odot \vec v$ (2 points)
#
# The Hadamard (element-wise) product multiplies matching entries: $w_i = u_i v_i$. Holding
# $\vec v$ fixed, $u_i v_i$ is $u_i$ times the constant $v_i$, so
# $\frac{\partial w_i}{\partial u_i} = v_i$; holding $\vec u$ fixed,
# $\frac{\partial w_i}{\partial v_i} = u_i$. The off-diagonal entries are $0$ once more:
#
# $$
# \frac{\partial \vec w}{\partial \vec u} =
# \begin{pmatrix}
# \frac{\partial [u_1 v_1]}{\partial u_1} & \cdots & \frac{\partial [u_1 v_1]}{\partial u_n} \\
# \vdots & \ddots & \vdots \\
# \frac{\partial [u_n v_n]}{\partial u_1} & \cdots & \frac{\partial [u_n v_n]}{\partial u_n}
# \end{pmatrix}
# = \begin{pmatrix} v_1 & \cdots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \cdots & v_n \end{pmatrix}
# = \operatorname{diag}(\vec v),
# \qquad
# \frac{\partial \vec w}{\partial \vec v} = \operatorname{diag}(\vec u) .
# $$
#
# Note the swap: the Jacobian with respect to $\vec u$ holds the entries of $\vec v$, and the
# other way round. It follows from ps1's rule for a diagonal matrix times a vector:
# $\vec w = \vec u \odot \vec v = \operatorname{diag}(\vec v)\,\vec u = \operatorname{diag}(\vec u)\,\vec v$,
# which is linear in $\vec u$ with matrix $\operatorname{diag}(\vec v)$, and linear in $\vec v$
# with matrix $\operatorname{diag}(\vec u)$.
#
# *Example:* for $\vec u = (1, 2, 3)$ and $\vec v = (4, 5, 6)$, $\vec w = (4, 10, 18)$. Raise
# $u_2$ from $2$ to $2.1$: $w_2 = 2.1 \cdot 5 = 10.5$ grows by $0.5 = v_2 \cdot 0.1$ and the other
# entries stay put, so the $(2, 2)$ entry of $\frac{\partial \vec w}{\partial \vec u}$ is $v_2 = 5$.
# The pair is $\big(\operatorname{diag}(4, 5, 6), \operatorname{diag}(1, 2, 3)\big)$.
#
# In backpropagation, the incoming gradient reaching $\vec u$ is scaled entry by entry by
# $\vec v$, and the one reaching $\vec v$ by $\vec u$: each input's gradient is scaled by the
# *other* input.

# %% role="solution" function="jacobians_hadamard"
def jacobians_hadamard(u, v):
    """Jacobians of w = u * v (element-wise product, w_i = u_i v_i).

    u, v: shape (n,). Returns the pair (dw/du, dw/dv) = (diag(v), diag(u)), each of shape (n, n).
    """
    ### BEGIN SOLUTION
    return np.diag(v), np.diag(u)
    ### END SOLUTION


# %% role="visible" function="jacobians_hadamard"
# Worked example: u = (1, 2, 3), v = (4, 5, 6) gives (diag(4, 5, 6), diag(1, 2, 3)).
check_answer(
    "jacobians_hadamard",
    jacobians_hadamard(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])),
    ([[4.0, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 0.0, 6.0]], [[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 3.0]]),
)
# Zeros and negatives: u = (0, -1.5), v = (3, 0) gives (diag(3, 0), diag(0, -1.5)).
check_answer(
    "jacobians_hadamard, zeros",
    jacobians_hadamard(np.array([0.0, -1.5]), np.array([3.0, 0.0])),
    ([[3.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, -1.5]]),
)
# Shapes: n = 1 gives two 1 x 1 matrices; n = 5 two 5 x 5 ones.
check_answer("jacobians_hadamard, n = 1", jacobians_hadamard(np.array([2.0]), np.array([-7.0])), ([[-7.0]], [[2.0]]))
dw_du, dw_dv = jacobians_hadamard(np.linspace(-1.0, 1.0, 5), np.linspace(2.0, 3.0, 5))
check_shape("jacobians_hadamard dw/du, n = 5", dw_du, (5, 5))
check_shape("jacobians_hadamard dw/dv, n = 5", dw_dv, (5, 5))

# %% role="hidden" function="jacobians_hadamard"
# Hidden tests of jacobians_hadamard run here when your notebook is graded (2 points: 1 for dw/du, 1 for dw/dv).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobians_hadamard")
### END HIDDEN TESTS

# %% [markdown]
# ## Summary
#
# | $\vec w$ | $w_i$ | $\partial \vec w / \partial \vec u$ | $\partial \vec w / \partial \vec v$ |
# |---|---|---|---|
# | $\vec u + \vec v$ | $u_i + v_i$ | $I$ | $I$ |
# | $\vec u - \vec v$ | $u_i - v_i$ | $I$ | $-I$ |
# | $\vec u \odot \vec v$ | $u_i v_i$ | $\operatorname{diag}(\vec v)$ | $\operatorname{diag}(\vec u)$ |
#
# A binary element-wise operation has one diagonal Jacobian per input; the diagonal of each
# holds the partial derivative of $w_i$ with respect to that input's $i$-th entry. Next, ps3
# puts ps1 and ps2 together in a sigmoid dense layer, where non-square Jacobians appear.
#
# ### Try it (optional, not graded)
#
# In a new cell of your own (extra cells are not graded):
#
# - Derive the pair for the element-wise quotient $w_i = u_i / v_i$ (with every $v_i \ne 0$).
#   You should find $\big(\operatorname{diag}(1 / \vec v), \operatorname{diag}(-\vec u / \vec v^{\,2})\big)$;
#   check it at $\vec u = (1, 2)$, $\vec v = (4, 5)$ by nudging one entry at a time, as in the
#   examples above.
# - Take an "upstream gradient" `g = np.random.randn(n)` and check that `g @ dw_du` from
#   `jacobians_hadamard(u, v)` equals `g * v`: backpropagating through a product only scales the
#   gradient by the other input.
