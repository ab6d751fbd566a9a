# %% [markdown]
# # ps1_unary: Jacobians of unary element-wise operations
#
# This is the first assignment of the course *Jacobians for backpropagation*. Backpropagation
# multiplies Jacobian matrices together, and a neural network applies many of its operations
# one entry at a time: an activation function such as the sigmoid acts on every entry of a
# vector on its own. This notebook shows that the Jacobian of such an operation is always a
# **diagonal matrix**, and asks you to write five of these Jacobians in numpy:
#
# 1. `jacobian_identity(x)`: the identity map $\vec f(\vec x) = \vec x$;
# 2. `jacobian_log_exp(x)`: $f_i(\vec x) = \ln(x_i) + e^{x_i}$;
# 3. `jacobian_sigmoid(z)`: the sigmoid activation;
# 4. `jacobian_tanh(z)`: the tanh activation;
# 5. `jacobian_relu(z)`: the ReLU activation.
#
# Each function returns a whole Jacobian matrix as a numpy array. Part 1 below reviews diagonal
# matrices and Part 2 explains why element-wise operations have diagonal Jacobians; then come the
# five exercises, each with its derivation first.

# %% [markdown]
# ## How this notebook is graded
#
# Each function has **hidden tests**, worth these points:
#
# | function | points |
# |---|---|
# | `jacobian_identity` | 1 |
# | `jacobian_log_exp` | 2 |
# | `jacobian_sigmoid` | 2 |
# | `jacobian_tanh` | 2 |
# | `jacobian_relu` | 2 |
# | **total** | **9** |
#
# - The hidden tests call your function on random inputs of several sizes: $n = 1$, small
#   ($n = 3$ and $n = 6$) and a few hundred ($n = 200$), plus a few edge values (large $|z|$ for
#   the activations, $x$ close to $0$ for the logarithm, $z = 0$ exactly for ReLU). Every
#   Jacobian of this notebook is square ($n \times n$), so there are no non-square cases here;
#   they come in ps3. Each answer is compared with a reference solution, entry by entry, to
#   about 10 significant digits (relative tolerance $10^{-10}$).
# - A function earns its points when it is right on every hidden case.
# - When a case fails, the feedback under the hidden test cell says what went wrong first and
#   on which input: your function raised an error, returned the wrong type, the wrong shape
#   (for example the diagonal as a vector instead of the $n \times n$ matrix), NaN or inf, or
#   wrong values. Where it can, it names the likely mistake (a transposed matrix, nonzero
#   off-diagonal entries, a flipped sign, a missing constant factor). A small input is printed
#   as numpy code:
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
#   (not a numpy array, wrong shape, which entry is wrong, and the mistake when it recognises
#   one of the "Common mistakes" below). It checks one example you can work out by hand, then
#   the type and the shape on every size the hidden tests use ($n = 1$, 3, 6 and 200). Passing
#   it is a good sign, not a guarantee: the hidden tests use many more inputs.
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
#   belongs to output $f_i$, column $j$ to input $x_j$.
# - Indices start at 0, as in numpy: $\vec x \in \mathbb{R}^n$ has entries $x_0, \dots, x_{n-1}$,
#   and the first row of a matrix is row 0.
# - `sigmoid(z) = 1 / (1 + exp(-z))`.
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
# Run the next cell first. It imports numpy and defines:
#
# - `sigmoid(z)`, the sigmoid $1 / (1 + e^{-z})$ applied entry by entry, which you may call in
#   your solutions;
# - `check_answer(name, got, expected)`, which the visible tests use: it compares what your
#   function returned (`got`) with a value worked out by hand (`expected`), checking the shape
#   first and then every entry;
# - `check_shape(name, got, expected_shape)`, which checks the type and the shape alone, and
#   `check_diagonal(name, got, n)`, which checks an $n \times n$ array that is 0 off its diagonal;
# - `visible_test_passed(name)`, the last line of each visible test: it prints
#   `... visible test passed` once every check above it has passed.
#
# You do not need to read the helpers' code; their messages tell you what to fix.

# %% role="setup" include="shared/self_check.py"
import numpy as np

# %% [markdown]
# ## Part 1: diagonal matrices
#
# A square matrix $M \in \mathbb{R}^{n \times n}$ has a **main diagonal**: the entries
# $m_{00}, m_{11}, \dots, m_{n-1,n-1}$, whose row and column numbers are equal. The matrix is
# **diagonal** when every other entry is zero: $m_{ij} = 0$ whenever $i \ne j$. A diagonal matrix
# is fully described by the $n$ numbers on its diagonal, so we write it with the short notation
#
# $$
# \operatorname{diag}(d_0, d_1, \dots, d_{n-1}) =
# \begin{pmatrix}
# d_0 & 0 & \dots & 0 \\
# 0 & d_1 & \dots & 0 \\
# \vdots & \vdots & \ddots & \vdots \\
# 0 & 0 & \dots & d_{n-1}
# \end{pmatrix},
# $$
#
# or $\operatorname{diag}(\vec d)$ when the diagonal entries form a vector $\vec d$.
#
# **Operations stay diagonal.** For $A = \operatorname{diag}(a_0, \dots, a_{n-1})$ and
# $B = \operatorname{diag}(b_0, \dots, b_{n-1})$, work out a $2 \times 2$ case by hand and you will
# see that only the diagonal entries ever meet:
#
# - sum: $A + B = \operatorname{diag}(a_0 + b_0, \dots, a_{n-1} + b_{n-1})$;
# - product: $A B = \operatorname{diag}(a_0 b_0, \dots, a_{n-1} b_{n-1})$, and so $A B = B A$;
# - inverse, when every $a_i \ne 0$: $A^{-1} = \operatorname{diag}(1/a_0, \dots, 1/a_{n-1})$, because
#   $\operatorname{diag}(a_0, \dots, a_{n-1})\,\operatorname{diag}(1/a_0, \dots, 1/a_{n-1}) = \operatorname{diag}(1, \dots, 1)$.
#
# *Check by hand:* $\operatorname{diag}(2, 3) + \operatorname{diag}(1, -1) = \operatorname{diag}(3, 2)$,
# $\operatorname{diag}(2, 3)\,\operatorname{diag}(1, -1) = \operatorname{diag}(2, -3)$ and
# $\operatorname{diag}(2, 4)^{-1} = \operatorname{diag}(0.5, 0.25)$.
#
# **Diagonal matrix times a vector** is the most useful property for backpropagation: it only
# scales each entry, $\operatorname{diag}(\vec d)\,\vec g = (d_0 g_0, \dots, d_{n-1} g_{n-1}) = \vec d \odot \vec g$,
# the element-wise (Hadamard) product. For example
# $\operatorname{diag}(2, 3)\,(10, 1)^T = (20, 3)^T$.
#
# **The identity matrix** $I$ is the diagonal matrix with ones on the diagonal,
# $I = \operatorname{diag}(1, 1, \dots, 1)$: its entries are $i_{\alpha\beta} = 1$ if $\alpha = \beta$
# and $0$ otherwise. Multiplying by it changes nothing: $M I = I M = M$ for every $n \times n$
# matrix $M$, which is also why the inverse is defined by $M M^{-1} = I$.
#
# **In numpy:**
#
# ```python
# np.diag(np.array([2.0, 3.0]))   # a vector in, the matrix diag(2, 3) out: [[2., 0.], [0., 3.]]
# np.diag(np.array([[2.0, 0.0],
#                   [0.0, 3.0]]))  # careful: a matrix in, its diagonal out: [2., 3.]
# np.eye(3)                        # the 3 x 3 identity matrix
# ```
#
# `np.diag` goes both ways: given a vector it builds the diagonal matrix, given a matrix it
# extracts the diagonal. In this course you use the first direction.

# %% [markdown]
# ## Part 2: unary element-wise operations
#
# A function $\vec f: \mathbb{R}^n \to \mathbb{R}^n$ is a **unary element-wise operation** when
# output $i$ depends on input $i$ only:
#
# $$
# f_i(\vec x) = f_i(x_i), \qquad
# \vec f(\vec x) = \begin{pmatrix} f_0(\vec x) \\ f_1(\vec x) \\ \vdots \\ f_{n-1}(\vec x) \end{pmatrix}
# = \begin{pmatrix} f_0(x_0) \\ f_1(x_1) \\ \vdots \\ f_{n-1}(x_{n-1}) \end{pmatrix}.
# $$
#
# "Unary" because there is one input vector (ps2 treats two inputs). numpy applies such
# functions for you: `np.exp(x)`, `np.log(x)`, `np.tanh(x)` all work entry by entry.
#
# **Why the Jacobian is diagonal.** Row $i$ of the Jacobian is the gradient of the single output
# $f_i$ with respect to the whole input vector:
#
# $$
# \frac{\partial f_i}{\partial \vec x} = \left( \frac{\partial f_i}{\partial x_0} \;\; \frac{\partial f_i}{\partial x_1} \;\; \cdots \;\; \frac{\partial f_i}{\partial x_{n-1}} \right).
# $$
#
# Since $f_i$ depends on $x_i$ alone, moving any other input $x_j$ ($j \ne i$) leaves $f_i$
# unchanged: $\partial f_i / \partial x_j = 0$. The only entry of row $i$ that can be nonzero is
# the one in column $i$. Stacking the rows:
#
# $$
# \frac{\partial \vec f}{\partial \vec x}
# = \begin{pmatrix} \frac{\partial f_0}{\partial \vec x} \\ \frac{\partial f_1}{\partial \vec x} \\ \vdots \\ \frac{\partial f_{n-1}}{\partial \vec x} \end{pmatrix}
# = \begin{pmatrix}
# \frac{\partial f_0}{\partial x_0} & 0 & \dots & 0 \\
# 0 & \frac{\partial f_1}{\partial x_1} & \dots & 0 \\
# \vdots & \vdots & \ddots & \vdots \\
# 0 & 0 & \dots & \frac{\partial f_{n-1}}{\partial x_{n-1}}
# \end{pmatrix}
# = \operatorname{diag}\left( \frac{\partial f_0}{\partial x_0}, \frac{\partial f_1}{\partial x_1}, \dots, \frac{\partial f_{n-1}}{\partial x_{n-1}} \right).
# $$
#
# When every entry uses the same scalar function $g$ (as an activation does), this is
# $\operatorname{diag}(g'(x_0), \dots, g'(x_{n-1}))$: the derivative $g'$ applied to each entry, put
# on the diagonal.
#
# **Recipe for every exercise below:** (1) find the scalar derivative $g'$ by hand; (2) compute
# the vector of derivatives `d = g'(x)` with numpy, shape `(n,)`; (3) return `np.diag(d)`,
# shape `(n, n)`.
#
# In backpropagation the diagonal is what makes element-wise operations cheap: multiplying a
# gradient by $\operatorname{diag}(\vec d)$ is just the element-wise product with $\vec d$
# (Part 1). Libraries never build the matrix; here you build it, to see the structure.

# %% [markdown]
# ## Exercise 1: the identity map (1 point)
#
# Take $f_i(\vec x) = x_i$, so that $\vec f(\vec x) = \vec x$. Row 0 of the Jacobian is
#
# $$
# \frac{\partial f_0}{\partial \vec x}
# = \left( \frac{\partial x_0}{\partial x_0} \;\; \frac{\partial x_0}{\partial x_1} \;\; \cdots \;\; \frac{\partial x_0}{\partial x_{n-1}} \right)
# = (1 \;\; 0 \;\; \cdots \;\; 0),
# $$
#
# row 1 is $(0 \;\; 1 \;\; \cdots \;\; 0)$, and row $i$ has its single $1$ in column $i$. Hence
#
# $$
# \frac{\partial \vec f}{\partial \vec x} = \operatorname{diag}(1, 1, \dots, 1) = I .
# $$
#
# The answer depends on the length $n$ of $\vec x$, not on its values.
# *Example:* for $\vec x = (5, -1)$, $n = 2$ and the Jacobian is $\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}$.
#
# **Common mistakes:** `np.ones_like(x)` is the diagonal as a vector, shape `(n,)`, not the
# matrix; `np.ones((n, n))` has ones off the diagonal too.

# %% role="solution" function="jacobian_identity"
def jacobian_identity(x):
    """Jacobian of f(x) = x.

    x: shape (n,). Returns the identity matrix I, shape (n, n).
    """
    ### BEGIN SOLUTION
    return np.eye(x.shape[0])
    ### END SOLUTION


# %% role="visible" function="jacobian_identity"
# Worked example: x = (5, -1) has n = 2 entries, so the Jacobian is the 2 x 2 identity.
check_answer("jacobian_identity", jacobian_identity(np.array([5.0, -1.0])), [[1.0, 0.0], [0.0, 1.0]])
# n = 1 gives a 1 x 1 matrix; then every size the hidden tests use, each n x n and 0 off the diagonal.
check_answer("jacobian_identity, n = 1", jacobian_identity(np.array([0.3])), [[1.0]])
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_identity, n = {n}", jacobian_identity(np.linspace(-1.0, 1.0, n)), n)
visible_test_passed("jacobian_identity")

# %% role="hidden" function="jacobian_identity"
# Hidden tests of jacobian_identity run here when your notebook is graded (1 point).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_identity")
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise 2: $\ln x + e^x$ (2 points)
#
# Take $f_i(\vec x) = \ln(x_i) + e^{x_i}$, defined for $x_i > 0$:
#
# $$
# \vec f(\vec x) = \begin{pmatrix} \ln(x_0) + e^{x_0} \\ \ln(x_1) + e^{x_1} \\ \vdots \\ \ln(x_{n-1}) + e^{x_{n-1}} \end{pmatrix}.
# $$
#
# Each $f_i$ uses $x_i$ only, so this is a unary element-wise operation. Differentiating
# $f_i$ with respect to $x_j$:
#
# $$
# \frac{\partial f_i}{\partial x_j} =
# \begin{cases} \dfrac{1}{x_i} + e^{x_i}, & i = j, \\[4pt] 0, & i \ne j, \end{cases}
# \qquad\text{so}\qquad
# \frac{\partial \vec f}{\partial \vec x} = \operatorname{diag}\left( \frac{1}{x_0} + e^{x_0}, \dots, \frac{1}{x_{n-1}} + e^{x_{n-1}} \right).
# $$
#
# *Example:* for $\vec x = (1, 2)$ the diagonal is $1/1 + e^1 = 1 + e \approx 3.71828$ and
# $1/2 + e^2 \approx 7.88906$, so the Jacobian is $\begin{pmatrix} 1 + e & 0 \\ 0 & 0.5 + e^2 \end{pmatrix}$.
#
# **Common mistakes:** putting the function itself on the diagonal, $\ln(x_i) + e^{x_i}$, instead
# of its derivative; forgetting the $1/x_i$ term; using `math.log` or `math.exp`, which only take
# single numbers (use `np.exp` on the whole array; `1.0 / x` divides entry by entry).

# %% role="solution" function="jacobian_log_exp"
def jacobian_log_exp(x):
    """Jacobian of f_i(x) = ln(x_i) + exp(x_i), for x > 0.

    x: shape (n,), all entries positive. Returns diag(1/x + exp(x)), shape (n, n).
    """
    ### BEGIN SOLUTION
    return np.diag(1.0 / x + np.exp(x))
    ### END SOLUTION


# %% role="visible" function="jacobian_log_exp"
# Worked example: x = (1, 2) gives diag(1 + e, 1/2 + e^2), about diag(3.71828, 7.88906).
check_answer("jacobian_log_exp", jacobian_log_exp(np.array([1.0, 2.0])), [[1.0 + np.e, 0.0], [0.0, 0.5 + np.e**2]],
             mistakes={"mistake_function_not_derivative": np.diag([np.e, np.log(2.0) + np.e**2]),
                       "mistake_log_term_missing": np.diag([np.e, np.e**2])})
# Every size the hidden tests use: an n x n matrix, 0 off the diagonal.
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_log_exp, n = {n}", jacobian_log_exp(np.linspace(0.5, 2.5, n)), n)
visible_test_passed("jacobian_log_exp")

# %% role="hidden" function="jacobian_log_exp"
# Hidden tests of jacobian_log_exp run here when your notebook is graded (2 points).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_log_exp")
### END HIDDEN TESTS

# %% [markdown]
# ## Activation functions are unary element-wise operations
#
# A dense layer computes $\vec z = W \vec x + \vec b$ and then the activation
# $\vec a = \vec g(\vec z)$, where the same scalar function $g$ is applied to every entry:
# $a_i = g(z_i)$. So the Jacobian of every activation below is
#
# $$
# \frac{\partial \vec a}{\partial \vec z} = \operatorname{diag}\left( \frac{\partial a_0}{\partial z_0}, \dots, \frac{\partial a_{n-1}}{\partial z_{n-1}} \right)
# = \operatorname{diag}\big( g'(z_0), \dots, g'(z_{n-1}) \big).
# $$
#
# All that changes from one activation to the next is the scalar derivative $g'$. For the
# sigmoid and tanh it is neatest to write $g'$ in terms of the output $a = g(z)$, which a
# network has already computed in its forward pass.

# %% [markdown]
# ## Exercise 3: sigmoid (2 points)
#
# The sigmoid is $\sigma(z) = \dfrac{1}{1 + e^{-z}} = (1 + e^{-z})^{-1}$. By the chain rule,
#
# $$
# \sigma'(z) = -(1 + e^{-z})^{-2} \cdot (-e^{-z}) = \frac{e^{-z}}{(1 + e^{-z})^2}
# = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}} .
# $$
#
# The first factor is $\sigma(z)$. For the second, add and subtract 1 in the numerator:
# $\dfrac{e^{-z}}{1 + e^{-z}} = \dfrac{(1 + e^{-z}) - 1}{1 + e^{-z}} = 1 - \sigma(z)$. With
# $a = \sigma(z)$,
#
# $$
# \sigma'(z) = a (1 - a),
# \qquad
# \frac{\partial \vec a}{\partial \vec z} =
# \begin{pmatrix}
# a_0 (1 - a_0) & 0 & \dots & 0 \\
# 0 & a_1 (1 - a_1) & \dots & 0 \\
# \vdots & \vdots & \ddots & \vdots \\
# 0 & 0 & \dots & a_{n-1} (1 - a_{n-1})
# \end{pmatrix}
# = \operatorname{diag}\big( \vec a \odot (1 - \vec a) \big).
# $$
#
# *Example:* for $\vec z = (0, \ln 3)$: $\sigma(0) = 1/2$ and $\sigma(\ln 3) = 1/(1 + 1/3) = 3/4$,
# so the diagonal is $\tfrac12 \cdot \tfrac12 = 0.25$ and $\tfrac34 \cdot \tfrac14 = 0.1875$.
# The slope is largest, $1/4$, at $z = 0$, and tends to $0$ for large $|z|$ (the sigmoid
# *saturates*, one cause of vanishing gradients).
#
# **Common mistakes:** computing `z * (1 - z)` (apply the sigmoid first: `a = sigmoid(z)`, with
# the setup cell's `sigmoid`); returning `a * (1 - a)` as a vector instead of
# `np.diag(a * (1 - a))`. The hidden tests include $z = \pm 30$: both the setup's `sigmoid` and
# the textbook `1 / (1 + np.exp(-z))` handle these without overflow.

# %% role="solution" function="jacobian_sigmoid"
def jacobian_sigmoid(z):
    """Jacobian of a = sigmoid(z), applied entry by entry.

    z: shape (n,). Returns diag(a (1 - a)), shape (n, n).
    """
    ### BEGIN SOLUTION
    a = sigmoid(z)
    return np.diag(a * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_sigmoid"
# Worked example: z = (0, ln 3) gives a = (1/2, 3/4), so the diagonal is (1/4, 3/16) = (0.25, 0.1875).
check_answer("jacobian_sigmoid", jacobian_sigmoid(np.array([0.0, np.log(3.0)])), [[0.25, 0.0], [0.0, 0.1875]],
             mistakes={"mistake_sigmoid_not_applied": np.diag([0.0, np.log(3.0) * (1 - np.log(3.0))])})
# n = 1 gives a 1 x 1 matrix; then every size the hidden tests use, each n x n and 0 off the diagonal.
check_answer("jacobian_sigmoid, n = 1", jacobian_sigmoid(np.array([0.0])), [[0.25]])
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_sigmoid, n = {n}", jacobian_sigmoid(np.linspace(-4.0, 4.0, n)), n)
visible_test_passed("jacobian_sigmoid")

# %% role="hidden" function="jacobian_sigmoid"
# Hidden tests of jacobian_sigmoid run here when your notebook is graded (2 points).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_sigmoid")
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise 4: tanh (2 points)
#
# The hyperbolic tangent is $\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$. The quotient rule,
# with $(e^{z} - e^{-z})' = e^{z} + e^{-z}$ and $(e^{z} + e^{-z})' = e^{z} - e^{-z}$, gives
#
# $$
# \tanh'(z) = \frac{(e^{z} + e^{-z})^2 - (e^{z} - e^{-z})^2}{(e^{z} + e^{-z})^2}
# = 1 - \tanh^2(z) .
# $$
#
# With $a = \tanh(z)$, $1 - a^2 = (1 + a)(1 - a)$, so
#
# $$
# \frac{\partial \vec a}{\partial \vec z} = \operatorname{diag}\big( (1 + a_0)(1 - a_0), \dots, (1 + a_{n-1})(1 - a_{n-1}) \big)
# = \operatorname{diag}\big( (1 + \vec a) \odot (1 - \vec a) \big).
# $$
#
# *Example:* $\tanh(0) = 0$ gives slope $1$. For $z = \ln 2$, $e^{z} = 2$ and $e^{-z} = 1/2$,
# so $a = (2 - 0.5)/(2 + 0.5) = 0.6$ and the slope is $(1.6)(0.4) = 0.64$; $z = -\ln 2$ gives
# $a = -0.6$ and the same slope $0.64$. For $\vec z = (0, \ln 2, -\ln 2)$ the Jacobian is
# $\operatorname{diag}(1, 0.64, 0.64)$.
#
# **Common mistakes:** $1 - a$ instead of $1 - a^2$; $1 + a^2$; forgetting to apply `np.tanh`
# before using the formula. `1 / np.cosh(z)**2` is mathematically the same, but `np.cosh`
# overflows for large $|z|$: prefer the form in $a$.

# %% role="solution" function="jacobian_tanh"
def jacobian_tanh(z):
    """Jacobian of a = tanh(z), applied entry by entry.

    z: shape (n,). Returns diag((1 + a)(1 - a)), shape (n, n).
    """
    ### BEGIN SOLUTION
    a = np.tanh(z)
    return np.diag((1.0 + a) * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_tanh"
# Worked example: z = (0, ln 2, -ln 2) gives a = (0, 0.6, -0.6), so the diagonal is (1, 0.64, 0.64).
check_answer(
    "jacobian_tanh",
    jacobian_tanh(np.array([0.0, np.log(2.0), -np.log(2.0)])),
    [[1.0, 0.0, 0.0], [0.0, 0.64, 0.0], [0.0, 0.0, 0.64]],
    mistakes={
        "mistake_tanh_one_minus_a": np.diag([1.0, 0.4, 1.6]),
        "mistake_tanh_one_plus_a2": np.diag([1.0, 1.36, 1.36]),
        "mistake_tanh_not_applied": np.diag([1.0, 1 - np.log(2.0) ** 2, 1 - np.log(2.0) ** 2]),
    },
)
# n = 1 gives a 1 x 1 matrix; then every size the hidden tests use, each n x n and 0 off the diagonal.
check_answer("jacobian_tanh, n = 1", jacobian_tanh(np.array([0.0])), [[1.0]])
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_tanh, n = {n}", jacobian_tanh(np.linspace(-2.0, 2.0, n)), n)
visible_test_passed("jacobian_tanh")

# %% role="hidden" function="jacobian_tanh"
# Hidden tests of jacobian_tanh run here when your notebook is graded (2 points).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_tanh")
### END HIDDEN TESTS

# %% [markdown]
# ## Exercise 5: ReLU (2 points)
#
# The rectified linear unit is $\operatorname{ReLU}(z) = \max(0, z)$: the identity for positive
# $z$, zero for negative $z$. Its slope is therefore $1$ for $z > 0$ and $0$ for $z < 0$. At
# $z = 0$ the graph has a kink and no derivative in the strict sense; software picks a value
# there. The lecture uses the indicator $\mathbb{1}[z \ge 0]$ (slope $1$ at $0$), many libraries
# use $0$; **at exactly $z_i = 0$ either $0$ or $1$ is accepted.** With that convention,
#
# $$
# \frac{\partial a_i}{\partial z_j} =
# \begin{cases} 1, & i = j \text{ and } z_i \ge 0, \\ 0, & i \ne j \text{ or } z_i < 0, \end{cases}
# \qquad
# \frac{\partial \vec a}{\partial \vec z} = \operatorname{diag}\big( \mathbb{1}[z_0 \ge 0], \dots, \mathbb{1}[z_{n-1} \ge 0] \big).
# $$
#
# *Example:* $\vec z = (-2, 3, 0.5, -0.1)$ gives $\operatorname{diag}(0, 1, 1, 0)$: the sign of
# $z_i$ decides, its size does not.
#
# In numpy, `z >= 0` is an array of booleans; turn it into floats with `.astype(np.float64)` or
# `np.where(z >= 0, 1.0, 0.0)` before putting it on the diagonal.
#
# **Common mistakes:** `np.maximum(0, z)` is ReLU itself, not its slope; `np.sign(z)` gives
# $-1$ for negative entries; the comparison the wrong way round (`z < 0`).

# %% role="solution" function="jacobian_relu"
def jacobian_relu(z):
    """Jacobian of a = max(0, z), applied entry by entry.

    z: shape (n,). Returns diag(1 where z >= 0 else 0), shape (n, n)
    (at exactly z_i = 0 either 0 or 1 is accepted).
    """
    ### BEGIN SOLUTION
    return np.diag((z >= 0).astype(np.float64))
    ### END SOLUTION


# %% role="visible" function="jacobian_relu"
# Worked example: z = (-2, 3, 0.5, -0.1) gives diag(0, 1, 1, 0).
check_answer("jacobian_relu", jacobian_relu(np.array([-2.0, 3.0, 0.5, -0.1])), np.diag([0.0, 1.0, 1.0, 0.0]),
             mistakes={"mistake_relu_itself": np.diag([0.0, 3.0, 0.5, 0.0]),
                       "mistake_relu_sign": np.diag([-1.0, 1.0, 1.0, -1.0]),
                       "mistake_relu_reversed": np.diag([1.0, 0.0, 0.0, 1.0])})
# At exactly z = 0 both 0 and 1 are accepted; the shape must still be 1 x 1.
J = jacobian_relu(np.array([0.0]))
check_shape("jacobian_relu, z = 0", J, (1, 1))
assert np.asarray(J)[0, 0] in (0.0, 1.0), MESSAGES["relu_at_zero"].format(name="jacobian_relu", got=np.asarray(J)[0, 0])
# Every size the hidden tests use: an n x n matrix, 0 off the diagonal.
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_relu, n = {n}", jacobian_relu(np.linspace(-1.0, 1.5, n)), n)
visible_test_passed("jacobian_relu")

# %% role="hidden" function="jacobian_relu"
# Hidden tests of jacobian_relu run here when your notebook is graded (2 points).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_relu")
### END HIDDEN TESTS

# %% [markdown]
# ## Summary
#
# | operation | $a_i$ | $\partial \vec a / \partial \vec z$ |
# |---|---|---|
# | identity | $x_i$ | $I$ |
# | $\ln x + e^x$ | $\ln(x_i) + e^{x_i}$ | $\operatorname{diag}(1/\vec x + e^{\vec x})$ |
# | sigmoid | $\sigma(z_i)$ | $\operatorname{diag}\big(\vec a \odot (1 - \vec a)\big)$ |
# | tanh | $\tanh(z_i)$ | $\operatorname{diag}\big((1 + \vec a) \odot (1 - \vec a)\big)$ |
# | ReLU | $\max(0, z_i)$ | $\operatorname{diag}\big(\mathbb{1}[\vec z \ge 0]\big)$ |
#
# Every unary element-wise operation has a diagonal Jacobian whose diagonal holds the scalar
# derivative at each entry. Next, ps2 treats operations with two input vectors, such as
# $\vec u + \vec v$ and $\vec u \odot \vec v$.
#
# ### Try it (optional, not graded)
#
# In a new cell of your own (extra cells are not graded):
#
# - Compare your `jacobian_tanh(z)` with a finite-difference estimate: column $j$ is roughly
#   `(np.tanh(z + h * e_j) - np.tanh(z - h * e_j)) / (2 * h)` with `e_j = np.eye(n)[j]` and
#   `h = 1e-6`. The two agree to about 8 digits, not 16, one reason the course asks for
#   analytic Jacobians.
# - Take an "upstream gradient" `g = np.random.randn(n)` and check that
#   `jacobian_sigmoid(z) @ g` equals `a * (1 - a) * g`: multiplying by a diagonal matrix is an
#   element-wise product, which is how libraries backpropagate through activations without
#   ever building the matrix.
