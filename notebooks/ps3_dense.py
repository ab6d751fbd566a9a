# %% [markdown]
# # ps3_dense: Jacobians of a sigmoid dense layer and of one neuron on a mini-batch
#
# ## What this assignment covers
#
# In ps1 and ps2 every function worked element by element, so every Jacobian was diagonal.
# A dense layer mixes its inputs, and that changes the picture. You will derive, and
# implement in numpy:
#
# - **Part A, a dense layer on one input.** $n$ sigmoid units read an input $x \in \mathbb{R}^m$:
#   $z = Wx + b$, $a = \sigma(z)$. You compute $a$ and its Jacobians with respect to $z$, $b$,
#   $x$ and the weight matrix $W$. The last one has three indices, and you will see why.
# - **Jacobian form versus shape convention**: what changes when the quantity at the end of
#   the chain is a scalar loss and the variable is a parameter you update.
# - **Part B, one neuron on a mini-batch.** A single sigmoid neuron with weights
#   $w \in \mathbb{R}^d$ and bias $b$ is applied to $N$ examples at once: $z = Xw + b$,
#   $a = \sigma(z)$. You compute the Jacobians of the $N$ activations with respect to $w$, $b$
#   and the whole batch $X$.
#
# ## How it is graded
#
# Each function is graded on its own by a hidden test cell, worth these points (15 in total):
#
# | function | points | function | points |
# |---|---|---|---|
# | `dense_forward` | 1 | `jacobian_neuron_w` | 2 |
# | `jacobian_dense_z` | 2 | `jacobian_neuron_b` | 1 |
# | `jacobian_dense_b` | 1 | `jacobian_neuron_x` | 3 |
# | `jacobian_dense_x` | 2 | | |
# | `jacobian_dense_w` | 3 | | |
#
# - The hidden tests call your function on random inputs of several sizes: size 1
#   ($n = m = 1$, $N = d = 1$), small non-square ones ($n \ne m$, $N \ne d$, so that a
#   transposed answer has the wrong shape), and a large one with over a hundred units or
#   examples.
# - Your answers are compared with a reference solution: first the type and the shape, then
#   every entry (relative tolerance $10^{-10}$). A function earns its points when every hidden
#   case matches.
# - The feedback under each hidden test cell shows your points, what is wrong (a wrong shape,
#   for example a collapsed `(n, m)` where `(n, n, m)` is expected; a transposed answer;
#   non-zero off-diagonal entries; a flipped sign; a missing constant factor) and the first
#   input that failed. A small input is printed as numpy code: paste it into a cell of your
#   own and call your function on it to see the failure yourself. A large one is described by
#   its shapes; try your function on random inputs of those shapes. (The seed printed with it
#   lets your instructor redraw every hidden input.)
# - You may call your own functions (for example `dense_forward` inside the Jacobians). When
#   one of them fails its own hidden tests, the feedback of every function that calls it says
#   so first: fix that one first.
# - Answers must be analytic formulas. Numerical differentiation (finite differences) earns no
#   credit, and it is not accurate enough for the tolerance anyway.
#
# ## How to check your work before submitting
#
# - Under every solution cell there is a **visible test**: run it. It checks the values on a
#   small worked example that you can verify by hand, then the type (a numpy array) and the
#   shape on random inputs of every size the hidden tests use: $n = m = 1$ (in Part B a batch
#   of one, $N = d = 1$), non-square both ways, and over a hundred. A passing test prints
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
# - All inputs and outputs are `float64` numpy arrays. A vector in $\mathbb{R}^n$ has shape
#   `(n,)`: a flat array, not `(n, 1)` or `(1, n)`.
# - The Jacobian of $f: \mathbb{R}^n \to \mathbb{R}^m$ has shape `(m, n)`, with
#   `J[i, j]` $= \partial f_i / \partial x_j$ (numerator layout: one row per output).
# - The Jacobian of a vector output with respect to a matrix `W` of shape `(n, m)` has shape
#   `(out, n, m)`, with entry `[i, j, k]` $= \partial\, \mathrm{out}_i / \partial W[j, k]$. This
#   is what `jax.jacfwd` and `torch.autograd.functional.jacobian` return.
# - The Jacobian of a vector output of shape `(n,)` with respect to a scalar (such as the bias
#   $b$ that one neuron shares across a batch, in Part B) has shape `(n,)`: one entry per
#   output, the lecture's $n \times 1$ column returned flat.
# - The gradient of a scalar loss with respect to a vector `y_hat` of shape `(N,)` is returned
#   with shape `(N,)`, although the lecture writes it as a $1 \times N$ row.
# - A mini-batch `X` has shape `(N, d)`: row `i` is the example $x^{(i)}$.
# - Indices start at 0, as in numpy: a vector $x \in \mathbb{R}^m$ has entries
#   $x_0, \dots, x_{m-1}$, the first row of `W` is row 0, and $W_{jk}$ is `W[j, k]`.
# - $\sigma(z) = 1 / (1 + e^{-z})$, element-wise.
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
# # Part A: a sigmoid dense layer
#
# A dense layer with $n$ units reads an input $x \in \mathbb{R}^m$. Unit $i$ owns a weight
# vector $w_i \in \mathbb{R}^m$ and a bias $b_i$; the weight vectors are the rows of $W$
# (row $i$ of $W$ is $w_i^\top$):
#
# $$z_i = w_i^\top x + b_i = \sum_{k=0}^{m-1} W_{ik}\, x_k + b_i, \qquad a_i = \sigma(z_i).$$
#
# For the whole layer, $z = Wx + b$ and $a = \sigma(z)$, with shapes `W` `(n, m)`, `x` `(m,)`,
# `b` `(n,)`, and `z`, `a` `(n,)`.
#
# **The worked example of the visible tests.** With $n = 3$ units and $m = 2$ inputs,
#
# $$W = \begin{pmatrix} 0 & 0 \\ 1 & 0 \\ 0 & 1 \end{pmatrix}, \quad
#   x = \begin{pmatrix} \ln 3 \\ 2 \end{pmatrix}, \quad
#   b = \begin{pmatrix} 0 \\ 0 \\ -2 - \ln 3 \end{pmatrix}
#   \quad\Longrightarrow\quad
#   z = \begin{pmatrix} 0 \\ \ln 3 \\ -\ln 3 \end{pmatrix}, \quad
#   a = \begin{pmatrix} 1/2 \\ 3/4 \\ 1/4 \end{pmatrix},$$
#
# because $\sigma(0) = 1/2$, $\sigma(\ln 3) = 1/(1 + 1/3) = 3/4$ and $\sigma(-\ln 3) = 1/(1 + 3) = 1/4$.
#
# ## `dense_forward`
#
# Implement the forward pass. In numpy `W @ x` is the matrix-vector product, of shape `(n,)`;
# `W * x` is something else (an element-wise product with broadcasting, of shape `(n, m)`).
# The setup cell's `sigmoid` works element-wise on arrays.

# %% role="solution" function="dense_forward"
def dense_forward(W, x, b):
    """Activations of a sigmoid dense layer.

    W: (n, m) weights, x: (m,) input, b: (n,) biases -> a = sigmoid(W x + b), shape (n,).
    """
    ### BEGIN SOLUTION
    z = W @ x + b
    return sigmoid(z)
    ### END SOLUTION


# %% role="visible" function="dense_forward"
# Worked example (the same for every function of Part A).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
check_answer("dense_forward", dense_forward(W, x, b), [1 / 2, 3 / 4, 1 / 4])
# Shape (n,) on every size the hidden tests use: n = m = 1, n != m both ways, and n over 100.
rng = np.random.default_rng(0)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"dense_forward, n = {n}, m = {m}", dense_forward(W, x, b), (n,))
visible_test_passed("dense_forward")


# %% role="hidden" function="dense_forward"
# Hidden tests (1 point): random W, x, b with n = m = 1, with n != m, and with n over 100.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("dense_forward")
### END HIDDEN TESTS

# %% [markdown]
# ## `jacobian_dense_z`: the activation is element-wise, so $\partial a / \partial z$ is diagonal
#
# The sigmoid's derivative can be written with its own output: $\sigma'(t) = \sigma(t)\,(1 - \sigma(t))$.
# Unit $i$'s activation $a_i = \sigma(z_i)$ depends on $z_i$ and on no other $z_j$, so
#
# $$\frac{\partial a_i}{\partial z_j} = \begin{cases} a_i (1 - a_i) & i = j \\ 0 & i \ne j \end{cases}
#   \qquad\Longrightarrow\qquad
#   \frac{\partial a}{\partial z} = \operatorname{diag}\big(a \odot (1 - a)\big), \text{ shape } (n, n).$$
#
# Below, $s = a \odot (1 - a)$ (shape `(n,)`) is the *slope* of each unit; it appears in every
# Jacobian of this assignment. In the worked example $s = (1/4,\ 3/16,\ 3/16)$.
#
# **Common mistake:** returning the vector $s$ itself, shape `(n,)`. The Jacobian of a map
# from $\mathbb{R}^n$ to $\mathbb{R}^n$ is an $n \times n$ matrix; `np.diag(s)` builds it.

# %% role="solution" function="jacobian_dense_z"
def jacobian_dense_z(W, x, b):
    """da/dz for a = sigmoid(z), z = W x + b.

    W: (n, m), x: (m,), b: (n,) -> diag(a (1 - a)), shape (n, n).
    """
    ### BEGIN SOLUTION
    a = sigmoid(W @ x + b)
    return np.diag(a * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_dense_z"
# Worked example (the same for every function of Part A).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
check_answer("jacobian_dense_z", jacobian_dense_z(W, x, b), np.diag([1 / 4, 3 / 16, 3 / 16]))
# Shape (n, n) on every size the hidden tests use: n = m = 1, n != m both ways, and n over 100.
rng = np.random.default_rng(1)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"jacobian_dense_z, n = {n}, m = {m}", jacobian_dense_z(W, x, b), (n, n))
visible_test_passed("jacobian_dense_z")


# %% role="hidden" function="jacobian_dense_z"
# Hidden tests (2 points): random W, x, b with n = m = 1, with n != m, and with n over 100.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_dense_z")
### END HIDDEN TESTS

# %% [markdown]
# ## `jacobian_dense_b`: $\partial z / \partial b = I$
#
# Each bias enters exactly one unit, with coefficient 1: $\partial z_i / \partial b_j$ is 1 when
# $i = j$ and 0 otherwise, so $\partial z / \partial b = I_n$. The chain rule multiplies the
# Jacobians along the path $b \to z \to a$, in that order from the right:
#
# $$\frac{\partial a}{\partial b} = \frac{\partial a}{\partial z}\,\frac{\partial z}{\partial b}
#   = \operatorname{diag}(s)\, I = \operatorname{diag}(s), \text{ shape } (n, n).$$
#
# **Common mistakes:** returning $I$ (that is $\partial z / \partial b$: the sigmoid was
# forgotten), or the vector $s$ (shape `(n,)` instead of `(n, n)`).

# %% role="solution" function="jacobian_dense_b"
def jacobian_dense_b(W, x, b):
    """da/db = da/dz dz/db for a = sigmoid(W x + b).

    W: (n, m), x: (m,), b: (n,) -> diag(a (1 - a)) I, shape (n, n).
    """
    ### BEGIN SOLUTION
    a = sigmoid(W @ x + b)
    # dz/db is the identity, so the chain-rule product diag(a (1 - a)) I is just the diagonal matrix.
    return np.diag(a * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_dense_b"
# Worked example (the same for every function of Part A).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
check_answer("jacobian_dense_b", jacobian_dense_b(W, x, b), np.diag([1 / 4, 3 / 16, 3 / 16]),
             mistakes={"mistake_identity_for_b": np.eye(3)})
# Shape (n, n) on every size the hidden tests use: n = m = 1, n != m both ways, and n over 100.
rng = np.random.default_rng(2)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"jacobian_dense_b, n = {n}, m = {m}", jacobian_dense_b(W, x, b), (n, n))
visible_test_passed("jacobian_dense_b")


# %% role="hidden" function="jacobian_dense_b"
# Hidden tests (1 point): random W, x, b with n = m = 1, with n != m, and with n over 100.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_dense_b")
### END HIDDEN TESTS

# %% [markdown]
# ## `jacobian_dense_x`: $\partial a / \partial x = \operatorname{diag}(s)\, W$
#
# From $z_i = \sum_k W_{ik} x_k + b_i$, $\ \partial z_i / \partial x_k = W_{ik}$: the Jacobian of $z$
# with respect to $x$ is $W$ itself, shape $(n, m)$ (one row per unit, one column per input).
# By the chain rule
#
# $$\frac{\partial a}{\partial x} = \frac{\partial a}{\partial z}\,\frac{\partial z}{\partial x}
#   = \operatorname{diag}(s)\, W, \qquad
#   \left(\frac{\partial a}{\partial x}\right)_{ik} = s_i\, W_{ik},$$
#
# that is, row $i$ of $W$ scaled by unit $i$'s slope; shape $(n, m)$. Multiplying by a
# diagonal matrix on the left scales rows, so you do not need to build `np.diag(s)`:
# broadcasting `s` as a column, `s[:, None] * W`, does the same.
#
# In the worked example only `W[1, 0]` and `W[2, 1]` are non-zero (both 1), so
# $\partial a / \partial x$ has $s_1 = 3/16$ at `[1, 0]`, $s_2 = 3/16$ at `[2, 1]`, and zeros
# elsewhere (with $s = (s_0, s_1, s_2) = (1/4, 3/16, 3/16)$).
#
# **Common mistakes:**
# - $W^\top \operatorname{diag}(s)$: the transposed answer, shape $(m, n)$.
# - `s * W`: numpy lines the `(n,)` vector `s` up with the *last* axis of `W`, its columns. When
#   $n \ne m$ this raises `ValueError: operands could not be broadcast together with shapes
#   (n,) (n,m)`; when $n = m$ it runs and scales each column instead of each row. Write
#   `s[:, None] * W` (a column of slopes) or `np.diag(s) @ W`.
# - Forgetting $\operatorname{diag}(s)$ and returning $W$ (that is $\partial z / \partial x$).

# %% role="solution" function="jacobian_dense_x"
def jacobian_dense_x(W, x, b):
    """da/dx for a = sigmoid(W x + b).

    W: (n, m), x: (m,), b: (n,) -> diag(a (1 - a)) W, shape (n, m).
    """
    ### BEGIN SOLUTION
    a = sigmoid(W @ x + b)
    return (a * (1.0 - a))[:, None] * W
    ### END SOLUTION


# %% role="visible" function="jacobian_dense_x"
# Worked example (the same for every function of Part A).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
check_answer("jacobian_dense_x", jacobian_dense_x(W, x, b), [[0, 0], [3 / 16, 0], [0, 3 / 16]],
             mistakes={"mistake_slope_forgotten": W})
# Shape (n, m) on every size the hidden tests use: n = m = 1, n != m both ways, and n over 100.
rng = np.random.default_rng(3)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"jacobian_dense_x, n = {n}, m = {m}", jacobian_dense_x(W, x, b), (n, m))
visible_test_passed("jacobian_dense_x")


# %% role="hidden" function="jacobian_dense_x"
# Hidden tests (2 points): random W, x, b with n = m = 1, with n != m, and with n over 100.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_dense_x")
### END HIDDEN TESTS

# %% [markdown]
# ## `jacobian_dense_w`: the Jacobian with respect to a matrix is a third-order tensor
#
# **One row of $W$ at a time.** Take the weights of unit $j$, $w_j$ (row $j$ of $W$), as the
# variable. Only unit $j$ uses them: $\partial z_i / \partial (w_j)_k = \partial z_i / \partial W_{jk}$
# is $x_k$ when $i = j$ and 0 otherwise. So the $n \times m$ Jacobian of $z$ with respect to
# $w_j$ is zero except for row $j$, which is $x^\top$:
#
# $$\frac{\partial z}{\partial w_0} = \begin{pmatrix} x^\top \\ 0 \\ \vdots \\ 0 \end{pmatrix}, \quad
#   \frac{\partial z}{\partial w_1} = \begin{pmatrix} 0 \\ x^\top \\ \vdots \\ 0 \end{pmatrix}, \quad \dots, \quad
#   \frac{\partial z}{\partial w_{n-1}} = \begin{pmatrix} 0 \\ 0 \\ \vdots \\ x^\top \end{pmatrix}.$$
#
# The chain rule gives $\partial a / \partial w_j = \operatorname{diag}(s)\, \partial z / \partial w_j$:
# the diagonal matrix scales row $j$ by $s_j$ and leaves the zero rows zero, so
# $\partial a / \partial w_j$ is zero except for row $j$, which is $s_j\, x^\top$.
#
# **All of $W$ at once.** There is one derivative for every pair (output $a_i$, weight
# $W_{jk}$): $n \cdot n \cdot m$ numbers. A vector (one index) differentiated by a matrix (two
# indices) needs three indices; in general the Jacobian's shape is the output's shape followed
# by the variable's shape. The course stores it as `T` of shape `(n, n, m)`:
#
# $$T[i, j, k] = \frac{\partial a_i}{\partial W_{jk}} = [\,i = j\,]\; s_i\, x_k .$$
#
# Two ways to read this array:
#
# - `T[:, j, :]` (shape `(n, m)`) is the matrix $\partial a / \partial w_j$ above: only its row $j$ is non-zero.
# - `T[i]` (shape `(n, m)`, the shape of $W$) holds the derivatives of the single number $a_i$
#   with respect to every weight: only row $i$ is non-zero, because $a_i$ uses only row $i$ of $W$.
#
# So `T` is zero except on its "diagonal" slices `T[i, i, :]` $= s_i\, x$: $n \cdot m$ non-zero
# numbers out of $n^2 m$. In the worked example, `T[0, 0] = (ln 3 / 4, 1/2)`,
# `T[1, 1] = T[2, 2] = (3 ln 3 / 16, 3/8)`, and every other entry is 0.
#
# To build it, start from `np.zeros((n, n, m))` and fill the diagonal slices (a loop over `i`
# is fine), or multiply `np.eye(n)[:, :, None]` by a suitably broadcast outer product.
#
# **Common mistakes:**
# - Returning `np.outer(s, x)`, shape `(n, m)`: the output axis has been collapsed. That array
#   is $\sum_i T[i]$, the gradient of $\sum_i a_i$, not the Jacobian of $a$ (see the next section).
# - Putting the output index last (shape `(n, m, n)`).
# - Using $W$ where $x$ belongs (`T[i, i, :] = s[i] * W[i]`): $\partial z_i / \partial W_{ik} = x_k$
#   is an entry of the *input*.

# %% role="solution" function="jacobian_dense_w"
def jacobian_dense_w(W, x, b):
    """da/dW for a = sigmoid(W x + b): T[i, j, k] = d a_i / d W[j, k] = (i == j) a_i (1 - a_i) x_k.

    W: (n, m), x: (m,), b: (n,) -> shape (n, n, m).
    """
    ### BEGIN SOLUTION
    n, m = W.shape
    a = sigmoid(W @ x + b)
    T = np.zeros((n, n, m))
    for i in range(n):
        T[i, i, :] = a[i] * (1.0 - a[i]) * x
    return T
    ### END SOLUTION


# %% role="visible" function="jacobian_dense_w"
# Worked example (the same for every function of Part A).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
expected = np.zeros((3, 3, 2))
expected[0, 0] = [np.log(3.0) / 4, 1 / 2]
expected[1, 1] = [3 * np.log(3.0) / 16, 3 / 8]
expected[2, 2] = [3 * np.log(3.0) / 16, 3 / 8]
# "W where x belongs" would put s_i times row i of W, not s_i times x, in T[i, i]:
W_for_x = np.zeros((3, 3, 2))
W_for_x[1, 1] = [3 / 16, 0]
W_for_x[2, 2] = [0, 3 / 16]
check_answer("jacobian_dense_w", jacobian_dense_w(W, x, b), expected, mistakes={"mistake_w_where_x_belongs": W_for_x})
# Shape (n, n, m) on every size the hidden tests use: n = m = 1, n != m both ways, and n over 100.
rng = np.random.default_rng(4)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"jacobian_dense_w, n = {n}, m = {m}", jacobian_dense_w(W, x, b), (n, n, m))
visible_test_passed("jacobian_dense_w")


# %% role="hidden" function="jacobian_dense_w"
# Hidden tests (3 points): random W, x, b with n = m = 1, with n != m, and with n over 100.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_dense_w")
### END HIDDEN TESTS

# %% [markdown]
# ## Jacobian form versus shape convention
#
# In training, the last link of the chain is a scalar loss $J$. In **Jacobian form** (the
# numerator layout used so far), the derivative of one number with respect to a column vector
# $b \in \mathbb{R}^n$ is a $1 \times n$ **row**, and with respect to $W$ it is $1 \times n \times m$.
# This form is what makes the chain rule a plain product of matrices whose sizes match:
#
# $$\frac{\partial J}{\partial b} = \frac{\partial J}{\partial a}\,\frac{\partial a}{\partial z}\,\frac{\partial z}{\partial b}
#   \qquad (1 \times n)(n \times n)(n \times n).$$
#
# A gradient-descent step $W \leftarrow W - \eta\, \partial J / \partial W$, though, subtracts the
# derivative from the parameter, so it needs the derivative **in the shape of the parameter**:
# a column like $b$, an $n \times m$ matrix like $W$. This is the **shape convention** (as CS224N
# calls it). The usual practice: derive in Jacobian form, then rearrange the final result into
# the parameter's shape.
#
# In numpy the two meet naturally. A flat array of shape `(n,)` is neither a row nor a column,
# so the course returns the gradient of a scalar with respect to a vector with shape `(n,)`
# (ps4 does this for losses). And contracting the output axis of a Jacobian with the gradient
# arriving from above gives an array in the parameter's shape. If $\delta = \partial J / \partial a$
# (shape `(n,)`) comes from the layers above, then
#
# $$\frac{\partial J}{\partial W_{jk}} = \sum_i \delta_i\, T[i, j, k] = \delta_j\, s_j\, x_k,
#   \qquad\text{that is}\qquad \frac{\partial J}{\partial W} = (\delta \odot s)\, x^\top,$$
#
# an `(n, m)` array with the shape of `W`. In code, `np.tensordot(delta, jacobian_dense_w(W, x, b), axes=1)`
# and `np.outer(delta * s, x)` agree. The vector $\delta \odot s = \partial J / \partial z$ is the
# layer's *error signal*: computed once, it gives $\partial J / \partial b = \delta \odot s$ (the shape of
# $b$) and $\partial J / \partial x = W^\top (\delta \odot s)$ (the shape of $x$) as well. That is why
# backpropagation code never builds the `(n, n, m)` tensor: its structure (zero unless $i = j$)
# turns the contraction into an outer product. Building it once, as you just did, shows where
# that outer product comes from.

# %% [markdown]
# # Part B: one sigmoid neuron on a mini-batch
#
# Now a single neuron, with weights $w \in \mathbb{R}^d$ and a bias $b$ that is one number, is
# applied to a mini-batch of $N$ examples $x^{(0)}, \dots, x^{(N-1)} \in \mathbb{R}^d$. The examples
# are the rows of `X`, shape `(N, d)`:
#
# $$z^{(i)} = w^\top x^{(i)} + b, \qquad a^{(i)} = \sigma(z^{(i)}), \qquad\text{all at once:}\quad
#   z = Xw + b\,\mathbf{1}, \quad a = \sigma(z), \text{ shape } (N,).$$
#
# (In numpy, `X @ w + b` broadcasts the number `b` to every example.) The index of $z$ and $a$ now
# runs over *examples*, not over units. Each example's activation depends on its own $z^{(i)}$
# only, so, exactly as in Part A, $\partial a / \partial z = \operatorname{diag}(s)$, now an
# $N \times N$ matrix, with $s = a \odot (1 - a)$ of shape `(N,)`: one slope per example.
#
# **The worked example of the visible tests.** $N = 3$ examples with $d = 2$ features:
#
# $$X = \begin{pmatrix} 0 & 1 \\ \tfrac{1}{2}\ln 3 & 1 \\ -\tfrac{1}{2}\ln 3 & 1 \end{pmatrix}, \quad
#   w = \begin{pmatrix} 2 \\ -1 \end{pmatrix}, \quad b = 1
#   \quad\Longrightarrow\quad z = (0,\ \ln 3,\ -\ln 3), \quad a = (1/2,\ 3/4,\ 1/4), \quad s = (1/4,\ 3/16,\ 3/16).$$
#
# ## `jacobian_neuron_w`: $\partial z / \partial w$ is the batch matrix $X$
#
# Row $i$ of $\partial z / \partial w$ holds the derivatives of $z^{(i)} = w^\top x^{(i)} + b$ with respect
# to $w_0, \dots, w_{d-1}$, which is $(x^{(i)})^\top$. Stacking the rows:
#
# $$\frac{\partial z}{\partial w} = \begin{pmatrix} (x^{(0)})^\top \\ \vdots \\ (x^{(N-1)})^\top \end{pmatrix} = X,
#   \qquad
#   \frac{\partial a}{\partial w} = \operatorname{diag}(s)\, X, \text{ shape } (N, d):$$
#
# example $i$'s row of $X$, scaled by $s_i$. With the course's layout (examples as rows), the
# lecture's stacked matrix of $(x^{(i)})^\top$ is exactly `X`.
#
# **Common mistakes:** returning `X` (the sigmoid's slope forgotten); `X.T` (shape `(d, N)`,
# transposed); `s @ X` (shape `(d,)`: the rows have been summed, which is the gradient of
# $\sum_i a^{(i)}$, not the Jacobian).

# %% role="solution" function="jacobian_neuron_w"
def jacobian_neuron_w(X, w, b):
    """da/dw for a = sigmoid(X w + b) on a mini-batch.

    X: (N, d) examples as rows, w: (d,), b: float -> diag(a (1 - a)) X, shape (N, d).
    """
    ### BEGIN SOLUTION
    a = sigmoid(X @ w + b)
    return (a * (1.0 - a))[:, None] * X
    ### END SOLUTION


# %% role="visible" function="jacobian_neuron_w"
# Worked example (the same for every function of Part B).
X = np.array([[0.0, 1.0], [np.log(3.0) / 2, 1.0], [-np.log(3.0) / 2, 1.0]])
w = np.array([2.0, -1.0])
check_answer("jacobian_neuron_w", jacobian_neuron_w(X, w, 1.0),
             [[0, 1 / 4], [3 * np.log(3.0) / 32, 3 / 16], [-3 * np.log(3.0) / 32, 3 / 16]],
             mistakes={"mistake_slope_forgotten": X})
# Shape (N, d) on every size the hidden tests use: N = d = 1 (a batch of one), N != d both ways, N over 100.
rng = np.random.default_rng(5)
for N, d in ((1, 1), (4, 3), (2, 5), (120, 6)):
    check_shape(f"jacobian_neuron_w, N = {N}, d = {d}", jacobian_neuron_w(rng.normal(size=(N, d)), rng.normal(size=d), 0.3), (N, d))
visible_test_passed("jacobian_neuron_w")


# %% role="hidden" function="jacobian_neuron_w"
# Hidden tests (2 points): random X, w, b with N = d = 1, with N != d, and with N over 100.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_neuron_w")
### END HIDDEN TESTS

# %% [markdown]
# ## `jacobian_neuron_b`: $\partial z / \partial b$ is a column of ones
#
# The bias is one number shared by all examples, and $\partial z^{(i)} / \partial b = 1$ for every
# $i$. The Jacobian of the $N$-vector $z$ with respect to a scalar is an $N \times 1$ column,
# here $\mathbf{1}$ (the conventions above: returned flat, shape `(N,)`), and
#
# $$\frac{\partial a}{\partial b} = \operatorname{diag}(s)\, \mathbf{1} = s
#   = \big(a^{(0)}(1 - a^{(0)}),\ \dots,\ a^{(N-1)}(1 - a^{(N-1)})\big),$$
#
# returned as a flat array of shape `(N,)`.
#
# **Common mistakes:** shape `(1, N)` or `(N, 1)` instead of `(N,)` (for example
# `np.diag(s) @ np.ones((N, 1))`): flatten it with `.ravel()` or `.reshape(-1)`, not with
# `np.squeeze`, which for a batch of one ($N = 1$) also removes the batch axis and returns a
# bare number of shape `()`; `np.diag(s)` (shape `(N, N)`, as if every example had a bias of
# its own); `s.sum()` (a single number: the derivative of $\sum_i a^{(i)}$, not of the vector $a$).

# %% role="solution" function="jacobian_neuron_b"
def jacobian_neuron_b(X, w, b):
    """da/db for a = sigmoid(X w + b) on a mini-batch; b is one number shared by all examples.

    X: (N, d), w: (d,), b: float -> diag(a (1 - a)) times a column of ones, shape (N,).
    """
    ### BEGIN SOLUTION
    a = sigmoid(X @ w + b)
    return a * (1.0 - a)
    ### END SOLUTION


# %% role="visible" function="jacobian_neuron_b"
# Worked example (the same for every function of Part B).
X = np.array([[0.0, 1.0], [np.log(3.0) / 2, 1.0], [-np.log(3.0) / 2, 1.0]])
w = np.array([2.0, -1.0])
check_answer("jacobian_neuron_b", jacobian_neuron_b(X, w, 1.0), [1 / 4, 3 / 16, 3 / 16],
             mistakes={"mistake_diag_for_shared_bias": np.diag([1 / 4, 3 / 16, 3 / 16]),
                       "mistake_summed_over_examples": 1 / 4 + 3 / 16 + 3 / 16})
# Shape (N,) on every size the hidden tests use: N = d = 1 (a batch of one), N != d both ways, N over 100.
rng = np.random.default_rng(6)
for N, d in ((1, 1), (4, 3), (2, 5), (120, 6)):
    check_shape(f"jacobian_neuron_b, N = {N}, d = {d}", jacobian_neuron_b(rng.normal(size=(N, d)), rng.normal(size=d), 0.3), (N,))
visible_test_passed("jacobian_neuron_b")


# %% role="hidden" function="jacobian_neuron_b"
# Hidden tests (1 point): random X, w, b with N = d = 1, with N != d, and with N over 100.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_neuron_b")
### END HIDDEN TESTS

# %% [markdown]
# ## `jacobian_neuron_x`: the Jacobian with respect to the whole batch
#
# **One example at a time.** Take example $j$, $x^{(j)}$ (row $j$ of $X$), as the variable. It
# enters only $z^{(j)}$, with $\partial z^{(j)} / \partial x^{(j)}_k = w_k$; the other examples' $z$
# do not see it. So $\partial z / \partial x^{(j)}$ ($N \times d$) is zero except for row $j$, which is
# $w^\top$, and the chain rule scales that row by $s_j$:
#
# $$\frac{\partial a}{\partial x^{(j)}} = \operatorname{diag}(s)\, \frac{\partial z}{\partial x^{(j)}}
#   = \begin{pmatrix} 0 \\ \vdots \\ s_j\, w^\top \\ \vdots \\ 0 \end{pmatrix} \leftarrow \text{row } j .$$
#
# **The whole batch.** $X$ is a matrix of shape `(N, d)`, so the Jacobian of the `(N,)` vector
# $a$ with respect to it has shape `(N, N, d)`:
#
# $$T[i, j, k] = \frac{\partial a^{(i)}}{\partial X_{jk}} = [\,i = j\,]\; s_i\, w_k .$$
#
# `T[:, j, :]` is the matrix $\partial a / \partial x^{(j)}$ above, and `T[i]` (the shape of $X$) is
# non-zero only in row $i$: an example's activation does not depend on the other examples. In
# the worked example, `T[0, 0] = (1/2, -1/4)`, `T[1, 1] = T[2, 2] = (3/8, -3/16)`, and every
# other entry is 0.
#
# Compare with `jacobian_dense_w`: the pattern is the same with the roles swapped. There,
# output $i$ used row $i$ of the matrix $W$ and the shared vector $x$; here, output $i$ uses row $i$
# of the matrix $X$ and the shared vector $w$.
#
# **Common mistakes:** `np.outer(s, w)`, shape `(N, d)`: the output axis has been collapsed (that
# is the gradient of $\sum_i a^{(i)}$ with respect to $X$); using the examples $X$ where $w$
# belongs (`T[i, i, :] = s[i] * X[i]`).

# %% role="solution" function="jacobian_neuron_x"
def jacobian_neuron_x(X, w, b):
    """da/dX for a = sigmoid(X w + b): T[i, j, k] = d a_i / d X[j, k] = (i == j) a_i (1 - a_i) w_k.

    X: (N, d), w: (d,), b: float -> shape (N, N, d).
    """
    ### BEGIN SOLUTION
    N = X.shape[0]
    a = sigmoid(X @ w + b)
    slope = a * (1.0 - a)
    return np.eye(N)[:, :, None] * (slope[:, None] * w[None, :])[:, None, :]
    ### END SOLUTION


# %% role="visible" function="jacobian_neuron_x"
# Worked example (the same for every function of Part B).
X = np.array([[0.0, 1.0], [np.log(3.0) / 2, 1.0], [-np.log(3.0) / 2, 1.0]])
w = np.array([2.0, -1.0])
expected = np.zeros((3, 3, 2))
expected[0, 0] = [1 / 2, -1 / 4]
expected[1, 1] = [3 / 8, -3 / 16]
expected[2, 2] = [3 / 8, -3 / 16]
# "X where w belongs" would put s_i times row i of X, not s_i times w, in T[i, i]:
X_for_w = np.zeros((3, 3, 2))
X_for_w[0, 0] = [0, 1 / 4]
X_for_w[1, 1] = [3 * np.log(3.0) / 32, 3 / 16]
X_for_w[2, 2] = [-3 * np.log(3.0) / 32, 3 / 16]
check_answer("jacobian_neuron_x", jacobian_neuron_x(X, w, 1.0), expected, mistakes={"mistake_x_where_w_belongs": X_for_w})
# Shape (N, N, d) on every size the hidden tests use: N = d = 1 (a batch of one), N != d both ways, N over 100.
rng = np.random.default_rng(7)
for N, d in ((1, 1), (4, 3), (2, 5), (120, 6)):
    check_shape(f"jacobian_neuron_x, N = {N}, d = {d}", jacobian_neuron_x(rng.normal(size=(N, d)), rng.normal(size=d), 0.3), (N, N, d))
visible_test_passed("jacobian_neuron_x")


# %% role="hidden" function="jacobian_neuron_x"
# Hidden tests (3 points): random X, w, b with N = d = 1, with N != d, and with N over 100.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_neuron_x")
### END HIDDEN TESTS

# %% [markdown]
# ## Summary
#
# | Jacobian | formula | shape |
# |---|---|---|
# | $\partial a / \partial z$, $\partial a / \partial b$ (layer) | $\operatorname{diag}(s)$ | $(n, n)$ |
# | $\partial a / \partial x$ (layer) | $\operatorname{diag}(s)\, W$ | $(n, m)$ |
# | $\partial a / \partial W$ (layer) | $[i = j]\, s_i\, x_k$ | $(n, n, m)$ |
# | $\partial a / \partial w$ (neuron, batch) | $\operatorname{diag}(s)\, X$ | $(N, d)$ |
# | $\partial a / \partial b$ (neuron, batch) | $s$ | $(N,)$ |
# | $\partial a / \partial X$ (neuron, batch) | $[i = j]\, s_i\, w_k$ | $(N, N, d)$ |
#
# with $s = a \odot (1 - a)$ in every line. ps4 puts a loss on top of such activations and
# chains these Jacobians into the gradients that training uses.
