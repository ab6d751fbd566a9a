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
#   constant factor). A small input is printed as numpy code:
#   paste it into a cell of your own and call your function on it to see the failure
#   yourself; a large one is described by its size. (The seed printed with it lets your
#   instructor redraw every hidden input.)
# - **Answers must be analytic**: compute each Jacobian from the formula you derive.
#   Numerical differentiation (finite differences) earns no credit, and neither does reading
#   the course's reference solutions.
#
# ## How to check your work before submitting
#
# - Under each function there is a **visible test** cell. Run it after writing the function: it
#   prints `... visible test passed`, or stops with an `AssertionError` that says what to fix
#   (not a pair, wrong shape, which entry is wrong, and a hint when it recognises the mistake).
#   It checks one example you can work out by hand, then the type and the shape on every size
#   the hidden tests use ($n = 1$, 3, 6 and 200). Passing it is a good sign, not a guarantee:
#   the hidden tests use many more inputs.
# - The cell after it only holds a comment in your copy: the hidden tests are inserted there
#   when your notebook is graded.
# - Before submitting, run the whole notebook from a fresh kernel: the **Validate** button that
#   nbgrader adds to JupyterLab (in the notebook toolbar and in the Assignments panel) restarts
#   the kernel, runs all cells and reports any cell that fails. *Kernel > Restart Kernel and
#   Run All Cells* does the same without the report.
#   A failing visible test does not stop *Run All*: every exercise shows its own result.
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
# - Indices start at 0, as in numpy: $\vec u \in \mathbb{R}^n$ has entries $u_0, \dots, u_{n-1}$,
#   and entry $(0, 0)$ of a matrix is its top-left one.
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
# - `check_shape(name, got, expected_shape)` checks the type and the shape alone;
#   `check_diagonal(name, got, n)` checks an $n \times n$ array that is 0 off its diagonal.
# - `visible_test_passed(name)` ends each visible test: it prints `... visible test passed`
#   once every check above it has passed.
#
# (It also defines `sigmoid(z)`, which this notebook does not need.) You do not need to read the
# helpers' code; their messages tell you what to fix.

# %% role="setup" include="shared/self_check.py"
import numpy as np

# %% [markdown]
# ## Recap from ps1
#
# - $\operatorname{diag}(d_0, \dots, d_{n-1})$ is the $n \times n$ matrix with $d_0, \dots, d_{n-1}$ on the
#   main diagonal and zeros everywhere else; $I = \operatorname{diag}(1, \dots, 1)$.
#   In numpy: `np.diag(d)` builds it from the vector `d`, and `np.eye(n)` is $I$.
# - Multiplying by a diagonal matrix scales each entry:
#   $\operatorname{diag}(\vec d)\,\vec g = \vec d \odot \vec g$.
# - A unary element-wise operation $f_i(\vec x) = f_i(x_i)$ has the diagonal Jacobian
#   $\operatorname{diag}\left( \frac{\partial f_0}{\partial x_0}, \dots, \frac{\partial f_{n-1}}{\partial x_{n-1}} \right)$,
#   because output $i$ does not move when any other input $x_j$, $j \ne i$, moves.
#
# ## Binary element-wise operations
#
# A function of two vectors $\vec u, \vec v \in \mathbb{R}^n$ is a **binary element-wise
# operation** when output $i$ depends on the $i$-th entries of the two inputs only:
#
# $$
# w_i = f_i(\vec u, \vec v) = f_i(u_i, v_i), \qquad
# \vec w = \begin{pmatrix} f_0(u_0, v_0) \\ f_1(u_1, v_1) \\ \vdots \\ f_{n-1}(u_{n-1}, v_{n-1}) \end{pmatrix}.
# $$
#
# With two inputs there are two Jacobians, one per input, each $n \times n$. For
# $\frac{\partial \vec w}{\partial \vec u}$, treat $\vec v$ as a constant and differentiate with
# respect to $\vec u$; for $\frac{\partial \vec w}{\partial \vec v}$, the other way round. Row $i$
# of $\frac{\partial \vec w}{\partial \vec u}$ is the gradient of $w_i$ with respect to $\vec u$:
#
# $$
# \frac{\partial \vec w}{\partial \vec u} =
# \begin{pmatrix} \nabla_{\vec u} w_0 \\ \nabla_{\vec u} w_1 \\ \vdots \\ \nabla_{\vec u} w_{n-1} \end{pmatrix} =
# \begin{pmatrix}
# \frac{\partial w_0}{\partial u_0} & \frac{\partial w_0}{\partial u_1} & \cdots & \frac{\partial w_0}{\partial u_{n-1}} \\
# \frac{\partial w_1}{\partial u_0} & \frac{\partial w_1}{\partial u_1} & \cdots & \frac{\partial w_1}{\partial u_{n-1}} \\
# \vdots & \vdots & \ddots & \vdots \\
# \frac{\partial w_{n-1}}{\partial u_0} & \frac{\partial w_{n-1}}{\partial u_1} & \cdots & \frac{\partial w_{n-1}}{\partial u_{n-1}}
# \end{pmatrix}.
# $$
#
# Because $w_i$ involves $u_i$ but no other entry of $\vec u$, every
# $\frac{\partial w_i}{\partial u_j}$ with $j \ne i$ is zero, exactly as in ps1; the same holds
# for $\vec v$. So **both Jacobians are diagonal**:
#
# $$
# \frac{\partial \vec w}{\partial \vec u} = \operatorname{diag}\left( \frac{\partial w_0}{\partial u_0}, \dots, \frac{\partial w_{n-1}}{\partial u_{n-1}} \right),
# \qquad
# \frac{\partial \vec w}{\partial \vec v} = \operatorname{diag}\left( \frac{\partial w_0}{\partial v_0}, \dots, \frac{\partial w_{n-1}}{\partial v_{n-1}} \right).
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
# \frac{\partial [u_0 + v_0]}{\partial u_0} & \cdots & \frac{\partial [u_0 + v_0]}{\partial u_{n-1}} \\
# \vdots & \ddots & \vdots \\
# \frac{\partial [u_{n-1} + v_{n-1}]}{\partial u_0} & \cdots & \frac{\partial [u_{n-1} + v_{n-1}]}{\partial u_{n-1}}
# \end{pmatrix}
# = \begin{pmatrix} 1 & \cdots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \cdots & 1 \end{pmatrix} = I,
# \qquad
# \frac{\partial \vec w}{\partial \vec v} = I .
# $$
#
# Another way to see it: $\vec w = I \vec u + I \vec v$ is linear in each input, and the
# Jacobian of $\vec x \mapsto A \vec x$ is $A$.
#
# *Example:* for $\vec u = (1, 2, 3)$ and $\vec v = (4, 5, 6)$, $\vec w = (5, 7, 9)$. Raise $u_1$
# from $2$ to $2.1$: $\vec w$ becomes $(5, 7.1, 9)$, so only $w_1$ moves, by the same $0.1$;
# the same happens if you raise $v_1$ instead. Both Jacobians are the $3 \times 3$ identity,
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
# n = 1 gives two 1 x 1 matrices; then every size the hidden tests use: two n x n matrices, 0 off the diagonal.
check_answer("jacobians_add, n = 1", jacobians_add(np.array([2.0]), np.array([-7.0])), ([[1.0]], [[1.0]]))
for n in (1, 3, 6, 200):
    dw_du, dw_dv = jacobians_add(np.linspace(-1.0, 1.0, n), np.linspace(2.0, 3.0, n))
    check_diagonal(f"jacobians_add dw/du, n = {n}", dw_du, n)
    check_diagonal(f"jacobians_add dw/dv, n = {n}", dw_dv, n)
visible_test_passed("jacobians_add")

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
# \frac{\partial [u_0 - v_0]}{\partial v_0} & \cdots & \frac{\partial [u_0 - v_0]}{\partial v_{n-1}} \\
# \vdots & \ddots & \vdots \\
# \frac{\partial [u_{n-1} - v_{n-1}]}{\partial v_0} & \cdots & \frac{\partial [u_{n-1} - v_{n-1}]}{\partial v_{n-1}}
# \end{pmatrix}
# = \begin{pmatrix} -1 & \cdots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \cdots & -1 \end{pmatrix} = -I .
# $$
#
# Equivalently, $\vec w = I \vec u + (-I) \vec v$.
#
# *Example:* for $\vec u = (1, 2, 3)$ and $\vec v = (4, 5, 6)$, $\vec w = (-3, -3, -3)$. Raise
# $v_0$ from $4$ to $4.1$: $w_0$ drops to $-3.1$, a change of $-0.1$, so the $(0, 0)$ entry of
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
# n = 1 gives two 1 x 1 matrices; then every size the hidden tests use: two n x n matrices, 0 off the diagonal.
check_answer("jacobians_sub, n = 1", jacobians_sub(np.array([2.0]), np.array([-7.0])), ([[1.0]], [[-1.0]]))
for n in (1, 3, 6, 200):
    dw_du, dw_dv = jacobians_sub(np.linspace(-1.0, 1.0, n), np.linspace(2.0, 3.0, n))
    check_diagonal(f"jacobians_sub dw/du, n = {n}", dw_du, n)
    check_diagonal(f"jacobians_sub dw/dv, n = {n}", dw_dv, n)
visible_test_passed("jacobians_sub")

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
# \frac{\partial [u_0 v_0]}{\partial u_0} & \cdots & \frac{\partial [u_0 v_0]}{\partial u_{n-1}} \\
# \vdots & \ddots & \vdots \\
# \frac{\partial [u_{n-1} v_{n-1}]}{\partial u_0} & \cdots & \frac{\partial [u_{n-1} v_{n-1}]}{\partial u_{n-1}}
# \end{pmatrix}
# = \begin{pmatrix} v_0 & \cdots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \cdots & v_{n-1} \end{pmatrix}
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
# $u_1$ from $2$ to $2.1$: $w_1 = 2.1 \cdot 5 = 10.5$ grows by $0.5 = v_1 \cdot 0.1$ and the other
# entries stay put, so the $(1, 1)$ entry of $\frac{\partial \vec w}{\partial \vec u}$ is $v_1 = 5$.
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
# n = 1 gives two 1 x 1 matrices; then every size the hidden tests use: two n x n matrices, 0 off the diagonal.
check_answer("jacobians_hadamard, n = 1", jacobians_hadamard(np.array([2.0]), np.array([-7.0])), ([[-7.0]], [[2.0]]))
for n in (1, 3, 6, 200):
    dw_du, dw_dv = jacobians_hadamard(np.linspace(-1.0, 1.0, n), np.linspace(2.0, 3.0, n))
    check_diagonal(f"jacobians_hadamard dw/du, n = {n}", dw_du, n)
    check_diagonal(f"jacobians_hadamard dw/dv, n = {n}", dw_dv, n)
visible_test_passed("jacobians_hadamard")

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
