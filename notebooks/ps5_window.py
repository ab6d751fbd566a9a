# %% [markdown]
# # ps5_window: backpropagation through a window classifier, then training it
#
# ## What this assignment covers
#
# ps1 to ps4 built the Jacobians one at a time: element-wise maps, sums and products, a dense
# layer, a loss. This capstone puts them to work on the network of the CS224N backpropagation
# lecture, a **named-entity window classifier** that answers one question: *is the centre
# word of this window a location?* You will
#
# - compute the classifier's score $s$ for one window of words (**Part A**);
# - differentiate $s$ with the **chain rule**, one simple piece at a time, re-using the
#   **local error signal** $\delta = \partial s / \partial z$ for every gradient;
# - return each gradient in the **shape convention** (the gradient has the shape of the
#   parameter), and see why gradient descent wants that rather than the Jacobian form;
# - send the gradient back to the **word vectors** themselves, word by word (**Part A**);
# - move to a **mini-batch** of windows with the binary cross-entropy of ps4 (**Part B**);
# - **train** the classifier by gradient descent on a small synthetic data set, draw the loss
#   curve and measure the accuracy on windows it never saw (**Part C**).
#
# ## How it is graded
#
# Each function is graded on its own by a hidden test cell, worth these points (20 in total):
#
# | function | points | function | points |
# |---|---|---|---|
# | `window_vector` | 1 | `grad_window_u` | 1 |
# | `window_score` | 1 | `grad_window_embeddings` | 3 |
# | `window_delta` | 2 | `window_batch_loss` | 1 |
# | `grad_window_b` | 1 | `window_batch_grads` | 3 (1 per gradient) |
# | `grad_window_W` | 2 | `train_window_classifier` | 3 (1 per parameter) |
# | `grad_window_x` | 2 | | |
#
# - The hidden tests call your functions on random inputs: layers with $n \ne m$ (so a
#   transposed answer has the wrong shape) and one square layer, windows in which a word
#   appears twice or three times, vocabularies of hundreds of words of which only a few are in
#   the window, batches of one window and of two hundred with both labels, and short training
#   runs with several seeds, learning rates and numbers of epochs.
# - Answers are compared with a reference solution: first the type and the shape, then every
#   entry (relative tolerance $10^{-10}$). A function earns its points when every hidden case
#   matches; a function that returns a triple earns a third of its points for each correct
#   element.
# - The feedback under each hidden test cell shows your points, the first input that failed
#   and what is wrong, by name when it is a frequent mistake (a transposed gradient, a
#   Jacobian-form answer, a missing $1/N$, a repeated word assigned instead of added, ...).
# - Answers must be analytic formulas. The gradient checker of the setup is there to *check*
#   your gradients; a graded function that returns finite differences earns no credit.
#
# ## How to check your work before submitting
#
# - **Run the gradient checker on every gradient you write.** The setup cell defines
#   `gradient_check(name, f, x, analytic)`: it compares your analytic gradient with central
#   differences of the scalar function `f` and prints the largest relative error. The visible
#   tests call it too; call it yourself on inputs of your own in a new cell.
# - Under every solution cell there is a **visible test**: run it. It checks the values on a
#   small worked example that you can verify by hand (naming a frequent mistake when your
#   answer is one), the shape on every size the hidden tests use, and then runs the gradient
#   checker. A failing one raises an `AssertionError` that says what differs. Passing it does not guarantee full marks (the hidden tests use
#   other inputs), but failing it means the hidden test fails too. A failing visible test does
#   not stop *Run All*. A passing test prints one line per check: `window_delta: right` for the
#   worked example, `window_delta: gradient check, largest relative error 3.1e-11` (a number
#   near 1e-9 or smaller) for the gradient checker, and as its last line
#   `window_delta: visible test passed`. The shape checks print nothing when they pass.
# - In JupyterLab, nbgrader's **Validate** button runs the whole notebook from the top, as the
#   grader does.
#
# ## Conventions (the course contract: the grader checks exactly these)
#
# - Word vectors: `E` has shape `(V, d)`, row `i` is the vector of word `i` of a vocabulary of
#   `V` words. A window: `window`, an integer array of `2c + 1` word indices (a word may
#   appear more than once). `x`, shape `(m,)` with $m = (2c + 1) d$, is the concatenation
#   `E[window[0]], E[window[1]], ...`.
# - Hidden layer: `W` `(n, m)`, `b` `(n,)`, $z = Wx + b$, $h = \sigma(z)$. Score: `u` `(n,)`,
#   $s = u \cdot h$, a Python `float`.
# - Gradients of a scalar use the **shape convention**: the gradient with respect to a
#   parameter has the parameter's shape (`(n, m)` for `W`, `(n,)` for `b`, `(V, d)` for `E`).
# - A mini-batch `X` has shape `(N, m)`: row `i` is window $i$'s vector $x^{(i)}$; `y` `(N,)`
#   holds labels 0 or 1.
# - $\sigma(z) = 1 / (1 + e^{-z})$, element-wise; the setup cell's `sigmoid` computes it without
#   overflow, and you may call it.
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


# %% role="setup"
# The gradient checker (not graded): central differences, as in the CS231n and CS224N assignments.


def numerical_gradient(f, x, h=1e-5):
    """Central differences of a scalar function f at x, for CHECKING a gradient, never as an answer.

    f: array of x's shape -> float; x: any shape. Returns the shape of x:
    entry k is (f(x + h e_k) - f(x - h e_k)) / (2 h). Costs 2 evaluations of f per entry of x.
    """
    x = np.array(x, dtype=np.float64)  # a copy: x is changed in place below
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        saved = x[k]
        x[k] = saved + h
        up = f(x)
        x[k] = saved - h
        down = f(x)
        x[k] = saved
        grad[k] = (up - down) / (2 * h)
    return grad


def gradient_check(name, f, x, analytic, tolerance=1e-6):
    """Compare your analytic gradient of f at x with central differences; print and return the relative error.

    The error of entry k is |analytic_k - numeric_k| / max(1, |analytic_k|, |numeric_k|) (as in
    CS224N's gradcheck). A correct gradient gives about 1e-9 or less; a wrong one, 1e-3 or more.
    Raises an AssertionError when the shapes differ or the largest error is above `tolerance`.
    """
    numeric = numerical_gradient(f, x)
    analytic = np.asarray(analytic, dtype=np.float64)
    if analytic.shape != numeric.shape:
        raise AssertionError(f"{name}: your gradient has shape {analytic.shape}, the variable has shape {numeric.shape}: "
                             "in the shape convention they are the same.")
    errors = np.abs(analytic - numeric) / np.maximum(1.0, np.maximum(np.abs(analytic), np.abs(numeric)))
    worst = np.unravel_index(np.argmax(errors), errors.shape) if errors.size else ()
    relative = float(errors.max(initial=0.0))
    print(f"{name}: gradient check, largest relative error {relative:.1e}")
    if relative > tolerance:
        raise AssertionError(f"{name}: gradient check failed at index {tuple(int(i) for i in worst)}: "
                             f"yours {analytic[worst]:.6g}, central differences {numeric[worst]:.6g}.")
    return relative


# %% role="setup"
# A small synthetic named-entity data set (not graded): windows of 5 words, label 1 when the
# centre word is a location.

LOCATIONS = ("paris", "seoul", "london", "tokyo", "berlin", "cairo", "lima", "oslo", "rome", "busan", "madrid", "nairobi")
NAMES = ("alice", "minho", "jiwoo", "omar", "maria", "chen", "sara", "tom")
TIMES = ("may", "june", "march", "april", "winter", "summer")  # words that often follow "in" too
CUES = ("in", "to", "from", "near")
FILLERS = ("the", "a", "we", "she", "met", "lives", "stayed", "works", "arrived", "visited", "museum",
           "week", "city", "friends", "last", "and", "with", "early", "late", "was")


def make_ner_data(seed=0, n_windows=800, dim=8, test_fraction=0.25):
    """A seeded synthetic data set for the window classifier.

    Returns (words, E, train_windows, train_y, test_windows, test_y): the vocabulary (a list of
    V words), word vectors E (V, dim) in which every location word shares one direction, and
    windows (int arrays (N, 5) of word indices) with labels (N,) in {0., 1.}, split at random
    into training and test sets. A location is usually preceded by "in"; other centre words
    (names, times of year, common words) sometimes are too, so neither the cue nor the centre
    word alone decides every window.
    """
    rng = np.random.default_rng(seed)
    words = list(LOCATIONS + NAMES + TIMES + CUES + FILLERS)
    index = {word: i for i, word in enumerate(words)}
    E = rng.normal(0.0, 0.6, (len(words), dim))
    location_direction = rng.normal(0.0, 1.0, dim)
    E[: len(LOCATIONS)] += 1.5 * location_direction / np.linalg.norm(location_direction)
    windows = np.empty((n_windows, 5), dtype=np.int64)
    y = np.zeros(n_windows)
    for i in range(n_windows):
        is_location = rng.random() < 0.5
        if is_location:
            centre = rng.choice(LOCATIONS)
            before = "in" if rng.random() < 0.7 else rng.choice(CUES[1:] + FILLERS)
        else:
            centre = rng.choice(NAMES + TIMES + FILLERS)
            before = "in" if rng.random() < 0.3 else rng.choice(FILLERS)
        window = (rng.choice(FILLERS + NAMES), before, centre, rng.choice(FILLERS), rng.choice(FILLERS + TIMES))
        windows[i] = [index[word] for word in window]
        y[i] = float(is_location)
    order = rng.permutation(n_windows)
    n_test = int(round(test_fraction * n_windows))
    test, train = order[:n_test], order[n_test:]
    return words, E, windows[train], y[train], windows[test], y[test]


# %% [markdown]
# # Part A: one window
#
# ## The task
#
# Named-entity recognition labels the words of a text: *Paris* is a location, *Alice* a person.
# The lecture's simplest approach classifies each word **in its context**: take the word with
# $c$ words on each side, a **window** of $2c + 1$ words, and ask a binary classifier whether
# the centre word is a location. In "*museum in **Paris** last week*" ($c = 2$) the answer is
# yes, and the word "in" before the centre is a good hint.
#
# Each word has a **word vector** of $d$ numbers, a row of the matrix `E` `(V, d)`. The window
# becomes one long vector by putting its words' vectors one after the other:
#
# $$x = \begin{pmatrix} x_{\text{museum}} \\ x_{\text{in}} \\ x_{\text{Paris}} \\ x_{\text{last}} \\ x_{\text{week}} \end{pmatrix}
#   \in \mathbb{R}^{m}, \quad m = (2c + 1)\, d .$$
#
# Then one sigmoid hidden layer (ps3) and a score:
#
# $$z = Wx + b, \qquad h = \sigma(z), \qquad s = u^\top h = u \cdot h,$$
#
# with `W` `(n, m)`, `b` `(n,)`, `u` `(n,)`. A high score means "location". (In Part B, a sigmoid
# turns $s$ into a probability.)
#
# ## `window_vector`: look the words up and concatenate
#
# Row `window[j]` of `E` goes to entries $jd, \dots, jd + d - 1$ of $x$. Fancy indexing does the
# look-up of every word at once: `E[window]` has shape `(2c + 1, d)`, one row per position;
# flatten it row after row.
#
# **Worked example of the visible test:** `E` has rows $(1, 0), (0, 1), (2, -1), (0.5, 0.5)$ and
# the window is $(2, 0, 2)$: $x = (2, -1,\ 1, 0,\ 2, -1)$. Word 2 appears twice, so its vector
# appears twice.
#
# **Common mistakes:** flattening column by column (`.flatten(order="F")` or `E[window].T`);
# returning the `(2c + 1, d)` matrix.

# %% role="solution" function="window_vector"
def window_vector(E, window):
    """E (V, d) word vectors, window (2c + 1,) int word indices -> x (m,), m = (2c + 1) d: the rows E[window[j]] in order."""
    ### BEGIN SOLUTION
    return E[window].reshape(-1)
    ### END SOLUTION


# %% role="visible" function="window_vector"
E = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0], [0.5, 0.5]])
check_answer("window_vector", window_vector(E, np.array([2, 0, 2])), [2, -1, 1, 0, 2, -1],
             mistakes={"mistake_window_by_columns": [2, 1, 2, -1, 0, -1]})
# Shape ((2c + 1) d,) on every size the hidden tests use: d = 1, a vocabulary of one word, repeated words,
# and vocabularies far larger than the window.
rng = np.random.default_rng(0)
for V, d, window in ((4, 1, [2, 0, 2]), (1, 2, [0, 0, 0]), (6, 2, [3, 1, 3, 5, 3]), (300, 3, [7, 250, 7, 0, 299]),
                     (50, 4, [1, 0, 3, 1, 2, 0, 1])):
    check_shape(f"window_vector, V = {V}, d = {d}, {len(window)} words", window_vector(rng.normal(size=(V, d)), np.array(window)),
                (len(window) * d,))
visible_test_passed("window_vector")

# %% role="hidden" function="window_vector"
# Hidden tests (1 point): vocabularies of 1 to 300 words, windows of 3 to 7 words with repeats.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_vector")
### END HIDDEN TESTS

# %% [markdown]
# ## `window_score`: $s = u \cdot \sigma(Wx + b)$
#
# Return $s$ as a Python `float`.
#
# **The worked example used from here on** ($n = 2$, $m = 3$):
#
# $$x = \begin{pmatrix} 1 \\ 2 \\ -1 \end{pmatrix}, \quad
#   W = \begin{pmatrix} 1 & 0 & 1 \\ 1 & 1 & 3 \end{pmatrix}, \quad
#   b = \begin{pmatrix} 0 \\ \ln 3 \end{pmatrix}, \quad
#   u = \begin{pmatrix} 3 \\ -2 \end{pmatrix}.$$
#
# $Wx = (1 - 1,\ 1 + 2 - 3) = (0, 0)$, so $z = b = (0, \ln 3)$ and
# $h = (\sigma(0), \sigma(\ln 3)) = (1/2,\ 3/4)$ (since $\sigma(\ln 3) = 1/(1 + 1/3)$). The score is
# $s = 3 \cdot \tfrac12 - 2 \cdot \tfrac34 = 0$. The visible test also uses $b = (0, 0)$, where
# $h = (1/2, 1/2)$ and $s = 1/2$.

# %% role="solution" function="window_score"
def window_score(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> s = u . sigmoid(W x + b), a float."""
    ### BEGIN SOLUTION
    return float(u @ sigmoid(W @ x + b))
    ### END SOLUTION


# %% role="visible" function="window_score"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
score = window_score(x, W, b, u)
assert isinstance(score, float), f"window_score: return a Python float, for example float(...), not a {type(score).__name__}"
check_answer("window_score", score, 0.0)
check_answer("window_score", window_score(x, W, np.zeros(2), u), 0.5)
# Shape () (a single number) on every size the hidden tests use: n = 1, n != m both ways, n over 100, and n = m.
rng = np.random.default_rng(1)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"window_score, n = {n}, m = {m}", window_score(x_r, W_r, b_r, u_r), ())
visible_test_passed("window_score")

# %% role="hidden" function="window_score"
# Hidden tests (1 point): random layers with n != m (n from 1 to 120) and one square layer.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_score")
### END HIDDEN TESTS

# %% [markdown]
# ## Breaking the score into pieces: the chain rule
#
# Write the score as a chain of simple functions, each of which you differentiated in ps1-ps4:
#
# | step | computes | from |
# |---|---|---|
# | 1 | $z = Wx + b$ | $x$ |
# | 2 | $h = \sigma(z)$ | $z$ |
# | 3 | $s = u^\top h$ | $h$ |
#
# so that $x \to z \to h \to s$.
#
# Their Jacobians (numerator layout: one row per output):
#
# | piece | Jacobian | shape | from |
# |---|---|---|---|
# | $s = u^\top h$ | $\partial s / \partial h = u^\top$ | $1 \times n$ | a dot product |
# | $h = \sigma(z)$ | $\partial h / \partial z = \operatorname{diag}(\sigma'(z)) = \operatorname{diag}(h \odot (1 - h))$ | $n \times n$ | ps1 |
# | $z = Wx + b$ | $\partial z / \partial b = I$, $\ \partial z / \partial x = W$ | $n \times n$, $n \times m$ | ps3 |
# | $z = Wx + b$ | $\partial z_i / \partial W_{jk} = [i = j]\, x_k$ | $n \times n \times m$ | ps3 |
#
# The chain rule multiplies them along the path from $s$ back to the variable. For the bias:
#
# $$\frac{\partial s}{\partial b} = \frac{\partial s}{\partial h}\,\frac{\partial h}{\partial z}\,\frac{\partial z}{\partial b}
#   = u^\top \operatorname{diag}\big(h \odot (1 - h)\big)\, I = \big(u \odot h \odot (1 - h)\big)^\top .$$
#
# A row vector times a diagonal matrix multiplies the entries: no $n \times n$ matrix is ever
# needed in the code.
#
# ## The local error signal $\delta$
#
# The first two factors, $\partial s / \partial h \cdot \partial h / \partial z = \partial s / \partial z$,
# appear in **every** gradient of this network: $b$, $W$ and $x$ all reach $s$ through $z$. The
# lecture gives that shared part a name, the **local error signal** at the hidden layer:
#
# $$\delta = \frac{\partial s}{\partial z} = u \odot h \odot (1 - h) \in \mathbb{R}^n .$$
#
# $\delta_i$ says how much the score would move if the input $z_i$ of unit $i$ moved. Once
# $\delta$ is computed, each gradient is $\delta$ times the Jacobian of $z$ with respect to that
# variable, the one piece that differs:
#
# $$\frac{\partial s}{\partial b} = \delta^\top I, \qquad
#   \frac{\partial s}{\partial x} = \delta^\top W, \qquad
#   \frac{\partial s}{\partial W_{jk}} = \sum_i \delta_i\, \frac{\partial z_i}{\partial W_{jk}} = \delta_j\, x_k .$$
#
# This re-use is what makes backpropagation cheap: the work done once for $\delta$ is shared by
# every parameter below it, and in a deeper network $\delta$ of one layer is the starting point
# of the next layer's $\delta$.
#
# ## `window_delta`: $\delta = u \odot h \odot (1 - h)$
#
# **Worked example of the visible test:** $h = (1/2, 3/4)$ so $h \odot (1 - h) = (1/4, 3/16)$, and
# $\delta = (3 \cdot \tfrac14,\ -2 \cdot \tfrac{3}{16}) = (3/4,\ -3/8)$.
#
# **Common mistakes:** leaving out $u$ (that is $\partial h / \partial z$, not $\partial s / \partial z$);
# leaving out $\sigma'$ (that is $\partial s / \partial h = u$); using $\sigma(z)(1 - z)$.
#
# The visible test also runs the **gradient checker**: $\delta$ is the gradient of
# $z \mapsto u \cdot \sigma(z)$, so `gradient_check` compares it with central differences of that
# function. Do the same for every gradient below.

# %% role="solution" function="window_delta"
def window_delta(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> delta = ds/dz = u * h * (1 - h), h = sigmoid(W x + b), shape (n,)."""
    ### BEGIN SOLUTION
    h = sigmoid(W @ x + b)
    return u * h * (1.0 - h)
    ### END SOLUTION


# %% role="visible" function="window_delta"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
h = np.array([1 / 2, 3 / 4])  # sigmoid(W x + b)
check_answer("window_delta", window_delta(x, W, b, u), [3 / 4, -3 / 8],
             mistakes={"mistake_delta_without_u": h * (1 - h), "mistake_delta_without_sigma_prime": u})
# Shape (n,) on every size the hidden tests use: n = 1, n != m both ways, n over 100, and n = m.
rng = np.random.default_rng(2)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"window_delta, n = {n}, m = {m}", window_delta(x_r, W_r, b_r, u_r), (n,))
rng = np.random.default_rng(2)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("window_delta", lambda z: u_r @ sigmoid(z), W_r @ x_r + b_r, window_delta(x_r, W_r, b_r, u_r))
visible_test_passed("window_delta")

# %% role="hidden" function="window_delta"
# Hidden tests (2 points): random layers with n != m (n from 1 to 120) and one square layer.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_delta")
### END HIDDEN TESTS

# %% [markdown]
# ## `grad_window_b`: $\partial s / \partial b = \delta$
#
# $\partial z / \partial b = I$, so the gradient with respect to the bias *is* the local error
# signal. In the Jacobian form it is the row $\delta^\top$ ($1 \times n$); in the shape convention
# it is the vector $\delta$, shape `(n,)`, the shape of `b`. You may call your `window_delta` here
# and below (each function is graded on its own, so a mistake there would then cost points here
# too).
#
# **Worked example of the visible test:** $(3/4,\ -3/8)$.

# %% role="solution" function="grad_window_b"
def grad_window_b(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> ds/db = delta, shape (n,)."""
    ### BEGIN SOLUTION
    h = sigmoid(W @ x + b)
    return u * h * (1.0 - h)
    ### END SOLUTION


# %% role="visible" function="grad_window_b"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
h = np.array([1 / 2, 3 / 4])  # sigmoid(W x + b)
check_answer("grad_window_b", grad_window_b(x, W, b, u), [3 / 4, -3 / 8],
             mistakes={"mistake_delta_without_u": h * (1 - h), "mistake_delta_without_sigma_prime": u})
# Shape (n,) on every size the hidden tests use: n = 1, n != m both ways, n over 100, and n = m.
rng = np.random.default_rng(3)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"grad_window_b, n = {n}, m = {m}", grad_window_b(x_r, W_r, b_r, u_r), (n,))
rng = np.random.default_rng(3)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("grad_window_b", lambda b: window_score(x_r, W_r, b, u_r), b_r, grad_window_b(x_r, W_r, b_r, u_r))
visible_test_passed("grad_window_b")

# %% role="hidden" function="grad_window_b"
# Hidden tests (1 point): random layers with n != m (n from 1 to 120) and one square layer.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_b")
### END HIDDEN TESTS

# %% [markdown]
# ## Jacobian form versus shape convention: $\partial s / \partial W$
#
# $s$ is one number and $W$ has $n \times m$ entries. As a **Jacobian** (one row per output,
# one column per input, ps3's `(out, n, m)` layout) $\partial s / \partial W$ is a
# $1 \times n \times m$ array: exactly what ps3's `jacobian_dense_w` would give with one output.
#
# Gradient descent updates the parameter with its gradient, entry by entry:
#
# $$W \leftarrow W - \alpha\, \frac{\partial s}{\partial W} .$$
#
# That subtraction needs the gradient to have **the shape of the parameter**, `(n, m)`, with
# entry $[j, k] = \partial s / \partial W_{jk}$. This is the **shape convention**: gradient shape =
# parameter shape. The numbers are the same as in the Jacobian form, arranged differently (drop
# the leading axis of length 1). The usual practice, and the lecture's: use Jacobians to derive,
# then return the result in the shape convention.
#
# From the re-use of $\delta$: $\partial s / \partial W_{jk} = \delta_j x_k$. Collected in an
# `(n, m)` array, that is the **outer product**
#
# $$\frac{\partial s}{\partial W} = \delta\, x^\top \quad (n \times 1 \text{ times } 1 \times m),$$
#
# `np.outer(delta, x)`. Row $j$ is $\delta_j\, x^\top$: unit $j$'s weights change in proportion to
# the input, scaled by the unit's error signal. $W_{jk}$ only affects $z_j$, which is why no sum
# over units remains.
#
# **Worked example of the visible test:** $\delta\, x^\top$ with $\delta = (3/4, -3/8)$ and
# $x = (1, 2, -1)$:
# $\begin{pmatrix} 3/4 & 3/2 & -3/4 \\ -3/8 & -3/4 & 3/8 \end{pmatrix}$.
#
# **Common mistakes:** $x\, \delta^\top$ (the transpose, shape `(m, n)`); keeping the Jacobian
# form's leading axis (shape `(1, n, m)`).

# %% role="solution" function="grad_window_W"
def grad_window_W(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> ds/dW = delta x^T, [i, k] = delta_i x_k, shape (n, m)."""
    ### BEGIN SOLUTION
    h = sigmoid(W @ x + b)
    return np.outer(u * h * (1.0 - h), x)
    ### END SOLUTION


# %% role="visible" function="grad_window_W"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
delta, h = np.array([3 / 4, -3 / 8]), np.array([1 / 2, 3 / 4])
expected = np.outer(delta, x)  # [[3/4, 3/2, -3/4], [-3/8, -3/4, 3/8]]
check_answer("grad_window_W", grad_window_W(x, W, b, u), expected,
             mistakes={"mistake_grad_W_transposed": np.outer(x, delta), "mistake_jacobian_form": expected[None],
                       "mistake_delta_without_u": np.outer(h * (1 - h), x), "mistake_delta_without_sigma_prime": np.outer(u, x)})
# Shape (n, m) on every size the hidden tests use: n = 1, n != m both ways, n over 100, and n = m.
rng = np.random.default_rng(4)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"grad_window_W, n = {n}, m = {m}", grad_window_W(x_r, W_r, b_r, u_r), (n, m))
rng = np.random.default_rng(4)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("grad_window_W", lambda W: window_score(x_r, W, b_r, u_r), W_r, grad_window_W(x_r, W_r, b_r, u_r))
visible_test_passed("grad_window_W")

# %% role="hidden" function="grad_window_W"
# Hidden tests (2 points): random layers with n != m (n from 1 to 120) and one square layer.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_W")
### END HIDDEN TESTS

# %% [markdown]
# ## `grad_window_x`: $\partial s / \partial x = W^\top \delta$
#
# The chain through $\partial z / \partial x = W$ gives the row $\delta^\top W$ ($1 \times m$): entry
# $k$ is $\sum_i \delta_i W_{ik}$, the error signals of all units, each weighted by how strongly
# that unit reads input $k$. In the shape convention it is the vector
#
# $$\frac{\partial s}{\partial x} = W^\top \delta, \text{ shape } (m,),$$
#
# which is the same numbers (`W.T @ delta` and `delta @ W` are equal). This is the error signal
# passed *down* to the layer below, here the word vectors.
#
# **Worked example of the visible test:**
# $W^\top \delta = \big(\tfrac34 - \tfrac38,\ -\tfrac38,\ \tfrac34 - \tfrac98\big) = (3/8,\ -3/8,\ -3/8)$.
# It first tries a square layer, where $W \delta$ computes too and can be told apart:
# $W = \begin{pmatrix} 1 & 1 \\ 3 & 3 \end{pmatrix}$, $x = (1, -1)$ (again $Wx = 0$, the same $\delta$),
# $W^\top \delta = (3/4 - 9/8,\ 3/4 - 9/8) = (-3/8,\ -3/8)$, while $W \delta = (3/8,\ 9/8)$.
#
# **Common mistakes:** $W \delta$ (its shapes do not even match when $n \ne m$: `W @ delta` needs
# `delta` of length $m$); forgetting $\sigma'$ and using $W^\top u$.

# %% role="solution" function="grad_window_x"
def grad_window_x(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> ds/dx = W^T delta, shape (m,)."""
    ### BEGIN SOLUTION
    h = sigmoid(W @ x + b)
    return W.T @ (u * h * (1.0 - h))
    ### END SOLUTION


# %% role="visible" function="grad_window_x"
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
delta, h = np.array([3 / 4, -3 / 8]), np.array([1 / 2, 3 / 4])
# A square W first (n = m = 2), where W delta computes too: W^T delta = (-3/8, -3/8), W delta = (3/8, 9/8).
W_square, x_square = np.array([[1.0, 1.0], [3.0, 3.0]]), np.array([1.0, -1.0])
check_answer("grad_window_x", grad_window_x(x_square, W_square, b, u), [-3 / 8, -3 / 8],
             mistakes={"mistake_grad_x_W_delta": W_square @ delta, "mistake_delta_without_u": W_square.T @ (h * (1 - h)),
                       "mistake_delta_without_sigma_prime": W_square.T @ u})
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
check_answer("grad_window_x", grad_window_x(x, W, b, u), [3 / 8, -3 / 8, -3 / 8],
             mistakes={"mistake_delta_without_u": W.T @ (h * (1 - h)), "mistake_delta_without_sigma_prime": W.T @ u})
# Shape (m,) on every size the hidden tests use: n = 1, n != m both ways, n over 100, and n = m.
rng = np.random.default_rng(5)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"grad_window_x, n = {n}, m = {m}", grad_window_x(x_r, W_r, b_r, u_r), (m,))
rng = np.random.default_rng(5)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("grad_window_x", lambda x: window_score(x, W_r, b_r, u_r), x_r, grad_window_x(x_r, W_r, b_r, u_r))
visible_test_passed("grad_window_x")

# %% role="hidden" function="grad_window_x"
# Hidden tests (2 points): random layers with n != m (n from 1 to 120) and one square layer.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_x")
### END HIDDEN TESTS

# %% [markdown]
# ## `grad_window_u`: $\partial s / \partial u = h$
#
# $s = u \cdot h$ is linear in $u$: $\partial s / \partial u_i = h_i$. No $\delta$ here: $u$ sits
# above the hidden layer, not below it.
#
# **Worked example of the visible test:** $h = (1/2,\ 3/4)$.

# %% role="solution" function="grad_window_u"
def grad_window_u(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> ds/du = h = sigmoid(W x + b), shape (n,)."""
    ### BEGIN SOLUTION
    return sigmoid(W @ x + b)
    ### END SOLUTION


# %% role="visible" function="grad_window_u"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
check_answer("grad_window_u", grad_window_u(x, W, b, u), [1 / 2, 3 / 4])
# Shape (n,) on every size the hidden tests use: n = 1, n != m both ways, n over 100, and n = m.
rng = np.random.default_rng(6)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"grad_window_u, n = {n}, m = {m}", grad_window_u(x_r, W_r, b_r, u_r), (n,))
rng = np.random.default_rng(6)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("grad_window_u", lambda u: window_score(x_r, W_r, b_r, u), u_r, grad_window_u(x_r, W_r, b_r, u_r))
visible_test_passed("grad_window_u")

# %% role="hidden" function="grad_window_u"
# Hidden tests (1 point): random layers with n != m (n from 1 to 120) and one square layer.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_u")
### END HIDDEN TESTS

# %% [markdown]
# ## `grad_window_embeddings`: the gradient with respect to the word vectors
#
# The word vectors are parameters too: training can move *Paris*'s vector so that locations
# are easier to recognise. The score depends on `E` only through $x$, and block $j$ of $x$
# (entries $jd, \dots, jd + d - 1$) **is** row `window[j]` of `E`. So, by the chain rule:
#
# 1. split $\partial s / \partial x = W^\top \delta$ into $2c + 1$ blocks of $d$ entries, one per
#    position of the window;
# 2. block $j$ is the gradient with respect to row `window[j]` of `E`: **add** it to that row of a
#    `(V, d)` array of zeros (shape convention: the shape of `E`).
#
# Rows of words that are not in the window stay 0: they did not take part in the score. In a
# real vocabulary of 100 000 words that is almost every row, which is why libraries update
# only the rows of the words seen.
#
# **A word that appears twice** ("*the museum of the city*"): row `window[j]` of `E` then feeds
# two blocks of $x$. A change of that row moves both blocks, and the chain rule sums over every
# path from the variable to $s$, so the two blocks' gradients **add up**. Mind numpy here: with
# a repeated index, `G[window] += blocks` does *not* add twice (the second write overwrites the
# first); a loop with `+=`, or `np.add.at(G, window, blocks)`, does.
#
# **Worked example of the visible test** (`d = 1`, a repeated word): `E` has rows
# $(1), (2), (7)$, the window is $(0, 1, 0)$, so $x = (1, 2, 1)$; with
# $W = \begin{pmatrix} 1 & 0 & -1 \\ 1 & 1 & -3 \end{pmatrix}$ we get $Wx = (0, 0)$, the same $z$, $h$,
# $\delta = (3/4, -3/8)$ as before (same $b$ and $u$), and
# $\partial s / \partial x = W^\top \delta = (3/8,\ -3/8,\ 3/8)$. Word 0 is at positions 0 and 2:
# its row gets $3/8 + 3/8 = 3/4$. Word 1 gets $-3/8$; word 2 is not in the window: 0.
# $\partial s / \partial E = \big((3/4),\ (-3/8),\ (0)\big)$, shape `(3, 1)`.
#
# **Common mistakes:** assigning (`G[window] = ...` or `+=` with a repeated index) so a repeated
# word keeps one block; returning the `(m,)` or `(2c + 1, d)` blocks instead of a `(V, d)` array.

# %% role="solution" function="grad_window_embeddings"
def grad_window_embeddings(E, window, W, b, u):
    """E (V, d), window (2c + 1,) int, W (n, m), b (n,), u (n,) -> ds/dE, shape (V, d).

    Block j of ds/dx (entries j d ... (j + 1) d - 1) is added to row window[j]; blocks of a
    repeated word add up; rows of words outside the window are 0.
    """
    ### BEGIN SOLUTION
    x = E[window].reshape(-1)
    h = sigmoid(W @ x + b)
    blocks = (W.T @ (u * h * (1.0 - h))).reshape(len(window), E.shape[1])
    grad = np.zeros(E.shape)
    np.add.at(grad, window, blocks)
    return grad
    ### END SOLUTION


# %% role="visible" function="grad_window_embeddings"
E = np.array([[1.0], [2.0], [7.0]])
W = np.array([[1.0, 0.0, -1.0], [1.0, 1.0, -3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
# ds/dx = (3/8, -3/8, 3/8): one block per position; word 0 is at positions 0 and 2.
check_answer("grad_window_embeddings", grad_window_embeddings(E, np.array([0, 1, 0]), W, b, u), [[3 / 4], [-3 / 8], [0]],
             mistakes={"mistake_repeated_word_assigned": [[3 / 8], [-3 / 8], [0]],
                       "mistake_window_blocks": [[3 / 8], [-3 / 8], [3 / 8]]})
# Shape (V, d) on every size the hidden tests use: d = 1, a vocabulary of one word, a word 3 times, V = 300.
rng = np.random.default_rng(7)
for V, d, window, n in ((4, 1, [2, 0, 2], 2), (1, 2, [0, 0, 0], 2), (6, 2, [3, 1, 3, 5, 3], 3),
                        (300, 3, [7, 250, 7, 0, 299], 4), (50, 4, [1, 0, 3, 1, 2, 0, 1], 6)):
    m = len(window) * d
    grad = grad_window_embeddings(rng.normal(size=(V, d)), np.array(window), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n))
    check_shape(f"grad_window_embeddings, V = {V}, d = {d}, {len(window)} words", grad, (V, d))
rng = np.random.default_rng(7)
E_r, window_r = rng.normal(size=(30, 4)), np.array([3, 17, 3, 0, 29])
W_r, b_r, u_r = rng.normal(size=(6, 20)), rng.normal(size=6), rng.normal(size=6)
gradient_check("grad_window_embeddings", lambda E: window_score(window_vector(E, window_r), W_r, b_r, u_r), E_r,
               grad_window_embeddings(E_r, window_r, W_r, b_r, u_r))
visible_test_passed("grad_window_embeddings")

# %% role="hidden" function="grad_window_embeddings"
# Hidden tests (3 points): windows with a word 2 or 3 times, vocabularies of 1 to 300 words.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_embeddings")
### END HIDDEN TESTS

# %% [markdown]
# # Part B: a mini-batch of windows
#
# Training looks at many windows at once. Stack their vectors as the rows of `X` `(N, m)`;
# the hidden layer of every window at once is
#
# $$H = \sigma(X W^\top + b) \ \ (N, n), \qquad s = H u \ \ (N,):$$
#
# row $i$ of $H$ is $h^{(i)}$, and $s_i$ is window $i$'s score. (`X @ W.T` computes $W x^{(i)}$ for
# every row; `+ b` broadcasts the bias along the rows.)
#
# The scores become probabilities $p = \sigma(s)$ that the centre word is a location, and the
# loss is the **binary cross-entropy** of ps4, averaged over the batch:
#
# $$J = -\frac{1}{N} \sum_{i=0}^{N-1} \Big[\, y_i \ln p_i + (1 - y_i) \ln (1 - p_i) \Big], \qquad p = \sigma(s).$$
#
# ## `window_batch_loss`
#
# Return $J$ as a Python `float`. *Numerics (optional):* since $\ln \sigma(s) = -\ln(1 + e^{-s})$
# and $\ln(1 - \sigma(s)) = -\ln(1 + e^{s})$, the loss equals
# $\frac1N \sum_i \big[\ln(1 + e^{s_i}) - y_i s_i\big]$, which `np.logaddexp(0, s)` computes without
# ever rounding $p$ to 0 or 1. The direct formula is accurate enough for the tests.
#
# **Worked example of the visible test:** two windows, $x$ of Part A and $-2x$, both labelled 1,
# with $W$, $b$ of Part A and $u = (3, -2)$. $W(-2x) = 0$ too, so both windows have
# $h = (1/2, 3/4)$, $s = 0$, $p = 1/2$, and $J = -\tfrac12 (\ln \tfrac12 + \ln \tfrac12) = \ln 2$.

# %% role="solution" function="window_batch_loss"
def window_batch_loss(X, y, W, b, u):
    """X (N, m), y (N,) in {0, 1}, W (n, m), b (n,), u (n,) -> J = -mean(y ln p + (1 - y) ln(1 - p)), a float.

    p = sigmoid(s), s = sigmoid(X W^T + b) u.
    """
    ### BEGIN SOLUTION
    s = sigmoid(X @ W.T + b) @ u
    return float(np.mean(np.logaddexp(0.0, s) - y * s))
    ### END SOLUTION


# %% role="visible" function="window_batch_loss"
X = np.array([[1.0, 2.0, -1.0], [-2.0, -4.0, 2.0]])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
loss = window_batch_loss(X, np.array([1.0, 1.0]), W, b, u)
assert isinstance(loss, float), f"window_batch_loss: return a Python float, for example float(...), not a {type(loss).__name__}"
check_answer("window_batch_loss", loss, np.log(2.0))
# A single number on every size the hidden tests use: N = 1 window, and up to N = 200.
rng = np.random.default_rng(8)
for N, m, n in ((1, 5, 2), (4, 10, 3), (9, 15, 4), (200, 25, 6)):
    X_r, y_r = rng.normal(size=(N, m)), rng.integers(0, 2, size=N).astype(float)
    W_r, b_r, u_r = rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"window_batch_loss, N = {N}, m = {m}, n = {n}", window_batch_loss(X_r, y_r, W_r, b_r, u_r), ())
visible_test_passed("window_batch_loss")

# %% role="hidden" function="window_batch_loss"
# Hidden tests (1 point): batches of N = 1 to 200 windows with both labels, random layers with n != m.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_batch_loss")
### END HIDDEN TESTS

# %% [markdown]
# ## `window_batch_grads`: the three gradients of $J$
#
# The chain now starts at $J$ and passes through the scores:
# $\ W, b, u \to H \to s \to J$. ps4 gave the first piece: through the sigmoid, the BCE's
# gradient with respect to the scores is
#
# $$g = \frac{\partial J}{\partial s} = \frac{1}{N}\big(\sigma(s) - y\big), \text{ shape } (N,):$$
#
# prediction minus label, with the $1/N$ of the mean. Window $i$'s score $s_i$ is Part A's score
# of $x^{(i)}$, so $\partial s_i / \partial W$, $\partial s_i / \partial b$, $\partial s_i / \partial u$ are
# Part A's gradients for that window, and the chain rule sums over the windows:
#
# $$\frac{\partial J}{\partial u} = \sum_i g_i\, h^{(i)} = H^\top g, \qquad
#   \frac{\partial J}{\partial b} = \sum_i g_i\, \delta^{(i)}, \qquad
#   \frac{\partial J}{\partial W} = \sum_i g_i\, \delta^{(i)} x^{(i)\top},$$
#
# where $\delta^{(i)} = u \odot h^{(i)} \odot (1 - h^{(i)})$ is window $i$'s local error signal.
# Vectorised: the local error signals of the loss, one row per window, are
# $\Delta = (g\ \text{as a column}) \odot u \odot H \odot (1 - H)$, shape `(N, n)`, and then
#
# $$\frac{\partial J}{\partial W} = \Delta^\top X \ \ (n, m), \qquad \frac{\partial J}{\partial b} = \text{column sums of } \Delta \ \ (n,), \qquad
#   \frac{\partial J}{\partial u} = H^\top g \ \ (n,).$$
#
# Each has the shape of its parameter. Return the triple `(dW, db, du)` in this order.
#
# **Worked example of the visible test** (the batch of `window_batch_loss`, both labels 1):
# $g = \tfrac12(\tfrac12 - 1)(1, 1) = (-1/4, -1/4)$. Both windows have Part A's $\delta = (3/4, -3/8)$,
# so $\Delta$ has the rows $-\tfrac14 \delta = (-3/16,\ 3/32)$.
# $\partial J / \partial b = 2 \cdot (-3/16,\ 3/32) = (-3/8,\ 3/16)$;
# $\partial J / \partial u = -\tfrac14 (h + h) = (-1/4,\ -3/8)$;
# $\partial J / \partial W = \Delta^\top X = (-3/16,\ 3/32)^\top (x - 2x)^\top$, whose rows are
# $(3/16,\ 3/8,\ -3/16)$ and $(-3/32,\ -3/16,\ 3/32)$.
#
# **Common mistakes:** the $1/N$ forgotten (the gradient of the sum, not of the mean); the sign
# of $\sigma(s) - y$ flipped; returning per-window gradients (shape `(N, n)` or `(N, n, m)`)
# instead of their sum; the triple in another order.

# %% role="solution" function="window_batch_grads"
def window_batch_grads(X, y, W, b, u):
    """X (N, m), y (N,) in {0, 1}, W (n, m), b (n,), u (n,) -> (dJ/dW (n, m), dJ/db (n,), dJ/du (n,)).

    J is window_batch_loss; dJ/ds = (sigmoid(s) - y) / N.
    """
    ### BEGIN SOLUTION
    H = sigmoid(X @ W.T + b)
    g = (sigmoid(H @ u) - y) / X.shape[0]
    Delta = g[:, None] * u * H * (1.0 - H)
    return Delta.T @ X, Delta.sum(axis=0), H.T @ g
    ### END SOLUTION


# %% role="visible" function="window_batch_grads"
X = np.array([[1.0, 2.0, -1.0], [-2.0, -4.0, 2.0]])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
dW = np.array([[3 / 16, 3 / 8, -3 / 16], [-3 / 32, -3 / 16, 3 / 32]])
db, du = np.array([-3 / 8, 3 / 16]), np.array([-1 / 4, -3 / 8])
# Each window's own gradient: dJ_i/ds_i = sigmoid(0) - 1 = -1/2, so its delta is -delta/2 and its du is -h/2.
delta, h = np.array([3 / 4, -3 / 8]), np.array([1 / 2, 3 / 4])
per_window = (np.array([np.outer(-delta / 2, x_i) for x_i in X]), np.array([-delta / 2] * 2), np.array([-h / 2] * 2))
check_answer("window_batch_grads", window_batch_grads(X, np.array([1.0, 1.0]), W, b, u), (dW, db, du),
             parts=("dJ/dW", "dJ/db", "dJ/du"), fields={"N": 2},
             mistakes={"mistake_batch_sum_not_mean": (2 * dW, 2 * db, 2 * du), "mistake_batch_sign": (-dW, -db, -du),
                       "mistake_batch_per_example": per_window})
# Shapes (n, m), (n,), (n,) on every size the hidden tests use: N = 1 window, and up to N = 200.
rng = np.random.default_rng(9)
for N, m, n in ((1, 5, 2), (4, 10, 3), (9, 15, 4), (200, 25, 6)):
    X_r, y_r = rng.normal(size=(N, m)), rng.integers(0, 2, size=N).astype(float)
    W_r, b_r, u_r = rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    grads = window_batch_grads(X_r, y_r, W_r, b_r, u_r)
    assert isinstance(grads, tuple) and len(grads) == 3, "window_batch_grads: return the triple (dW, db, du)"
    for label, grad, shape in zip(("dJ/dW", "dJ/db", "dJ/du"), grads, ((n, m), (n,), (n,))):
        check_shape(f"window_batch_grads {label}, N = {N}, m = {m}, n = {n}", grad, shape)
rng = np.random.default_rng(9)
X_r, y_r = rng.normal(size=(6, 10)), np.array([0.0, 1, 1, 0, 1, 0])
W_r, b_r, u_r = rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
grads = window_batch_grads(X_r, y_r, W_r, b_r, u_r)
gradient_check("window_batch_grads dJ/dW", lambda W: window_batch_loss(X_r, y_r, W, b_r, u_r), W_r, grads[0])
gradient_check("window_batch_grads dJ/db", lambda b: window_batch_loss(X_r, y_r, W_r, b, u_r), b_r, grads[1])
gradient_check("window_batch_grads dJ/du", lambda u: window_batch_loss(X_r, y_r, W_r, b_r, u), u_r, grads[2])
visible_test_passed("window_batch_grads")

# %% role="hidden" function="window_batch_grads"
# Hidden tests (3 points, 1 per gradient): batches of N = 1 to 200 windows with both labels, n != m.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_batch_grads")
### END HIDDEN TESTS

# %% [markdown]
# # Part C: training
#
# ## `train_window_classifier`: full-batch gradient descent
#
# Gradient descent repeats one step: compute the gradients of the loss on the whole training
# set at the current parameters, then move every parameter a little against its gradient,
#
# $$W \leftarrow W - \alpha\, \frac{\partial J}{\partial W}, \qquad
#   b \leftarrow b - \alpha\, \frac{\partial J}{\partial b}, \qquad
#   u \leftarrow u - \alpha\, \frac{\partial J}{\partial u},$$
#
# with the learning rate $\alpha$ = `lr`. The shape convention is what makes these lines valid
# numpy. Two details matter, and the grader checks them exactly:
#
# - **All three gradients come from the same parameters.** Compute `dW, db, du` with one call of
#   `window_batch_grads` at the current `(W, b, u)`, *then* update. Updating `W` first and then
#   computing the gradient of `b` at the new `W` is a different (and not the standard) algorithm.
# - **Descend**: subtract the gradient. Adding it climbs the loss.
#
# The start is fixed so that everyone's run is the same (with `m = X.shape[1]`):
#
# ```python
# rng = np.random.default_rng(seed)
# W = rng.normal(0.0, 0.1, size=(n_hidden, m))
# b = np.zeros(n_hidden)
# u = rng.normal(0.0, 0.1, size=n_hidden)
# ```
#
# drawn in this order (a different order gives different numbers). Small random weights break
# the symmetry between the hidden units; zero weights would keep them all identical. Then take
# exactly `epochs` steps (one step per epoch, since each step sees the whole training set) and
# return the triple `(W, b, u)`.
#
# **The visible test** checks the start (`epochs=0`), that two epochs are two steps of Part B's
# formulas, and that the loss goes down. (Calling your `window_batch_grads` is the natural way to
# write the step; the reference does the same computation.)
#
# **Common mistakes:** updating one parameter before computing the next one's gradient; adding
# the gradient; drawing `u` before `W`; one step too many or too few.

# %% role="solution" function="train_window_classifier"
def train_window_classifier(X, y, n_hidden, lr, epochs, seed):
    """X (N, m), y (N,) in {0, 1}, n_hidden, epochs, seed: ints, lr: float -> the trained (W (n_hidden, m), b, u).

    Starts from the contract's seeded (W, b, u) and takes `epochs` steps of full-batch gradient descent.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1]))
    b = np.zeros(n_hidden)
    u = rng.normal(0.0, 0.1, size=n_hidden)
    for _ in range(epochs):
        # The gradients of window_batch_grads, all at the current (W, b, u).
        H = sigmoid(X @ W.T + b)
        g = (sigmoid(H @ u) - y) / X.shape[0]
        Delta = g[:, None] * u * H * (1.0 - H)
        W, b, u = W - lr * (Delta.T @ X), b - lr * Delta.sum(axis=0), u - lr * (H.T @ g)
    return W, b, u
    ### END SOLUTION


# %% role="visible" function="train_window_classifier"
rng = np.random.default_rng(10)
X_r = rng.normal(size=(12, 6))
y_r = (X_r[:, 0] > 0).astype(float)

start_rng = np.random.default_rng(0)
W0 = start_rng.normal(0.0, 0.1, size=(4, 6))
b0 = np.zeros(4)
u0 = start_rng.normal(0.0, 0.1, size=4)
check_answer("train_window_classifier (epochs=0 is the start)", train_window_classifier(X_r, y_r, 4, 1.0, 0, 0), (W0, b0, u0),
             parts=("W", "b", "u"))


def gradients(W, b, u):
    """The gradients of Part B at (W, b, u), written out."""
    H = sigmoid(X_r @ W.T + b)
    g = (sigmoid(H @ u) - y_r) / len(y_r)
    Delta = g[:, None] * u * H * (1 - H)
    return Delta.T @ X_r, Delta.sum(axis=0), H.T @ g


def one_step(W, b, u, lr):
    """One step of gradient descent: all three gradients at the current (W, b, u), then the update."""
    dW, db, du = gradients(W, b, u)
    return W - lr * dW, b - lr * db, u - lr * du


def one_after_another(W, b, u, lr):
    """The common mistake: W updated first, then b's gradient taken at the new W, then u's."""
    W = W - lr * gradients(W, b, u)[0]
    b = b - lr * gradients(W, b, u)[1]
    return W, b, u - lr * gradients(W, b, u)[2]


def loss(W, b, u):
    s = sigmoid(X_r @ W.T + b) @ u
    return np.mean(np.logaddexp(0, s) - y_r * s)


check_answer("train_window_classifier (2 epochs are 2 steps)", train_window_classifier(X_r, y_r, 4, 1.0, 2, 0),
             one_step(*one_step(W0, b0, u0, 1.0), 1.0), parts=("W", "b", "u"),
             mistakes={"mistake_one_after_another": one_after_another(*one_after_another(W0, b0, u0, 1.0), 1.0),
                       "mistake_gradient_ascent": one_step(*one_step(W0, b0, u0, -1.0), -1.0)})
trained = train_window_classifier(X_r, y_r, 4, 1.0, 3, 0)
assert loss(*trained) < loss(W0, b0, u0), "train_window_classifier: the loss went up: subtract the gradients (descend), do not add them."
# Shapes (n_hidden, m), (n_hidden,), (n_hidden,) on every size the hidden tests use: N = 1 window, and up to N = 120.
for N, m, n_hidden in ((1, 3, 2), (8, 6, 3), (40, 10, 4), (120, 15, 8)):
    X_s = rng.normal(size=(N, m))
    trained_s = train_window_classifier(X_s, (X_s[:, 0] > 0).astype(float), n_hidden, 0.5, 2, 1)
    assert isinstance(trained_s, tuple) and len(trained_s) == 3, "train_window_classifier: return the triple (W, b, u)"
    for label, param, shape in zip(("W", "b", "u"), trained_s, ((n_hidden, m), (n_hidden,), (n_hidden,))):
        check_shape(f"train_window_classifier {label}, N = {N}, m = {m}, n_hidden = {n_hidden}", param, shape)
visible_test_passed("train_window_classifier")

# %% role="hidden" function="train_window_classifier"
# Hidden tests (3 points, 1 per parameter): small data sets, N = 1 to 120, several seeds, learning rates and epochs.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("train_window_classifier")
### END HIDDEN TESTS

# %% [markdown]
# ## Training on the synthetic named-entity data
#
# The setup's `make_ner_data` builds a vocabulary of 50 words with 8-dimensional word vectors
# in which the twelve location words share one direction, and 800 windows of five words whose
# centre is a location half of the time; a quarter of them are kept aside as a test set.
#
# The cell below trains your classifier on the training windows, replays the same steps with
# your `window_batch_grads` to record the loss after every epoch (and checks that the replay
# ends where `train_window_classifier` did), draws the loss curve, and measures the accuracy on
# the test windows: a window is predicted to be a location when $p = \sigma(s) > 1/2$, that is
# when $s > 0$. The reference solution reaches over 90% test accuracy in well under a second.
#
# Try other learning rates, numbers of hidden units and epochs (this cell is not graded). What
# happens with `lr=20`? With `n_hidden=1`?

# %%
import matplotlib.pyplot as plt

N_HIDDEN, LR, EPOCHS, SEED = 8, 2.0, 300, 0
words, E_ner, train_windows, train_y, test_windows, test_y = make_ner_data(seed=1)
try:
    X_train = np.stack([window_vector(E_ner, w) for w in train_windows])
    X_test = np.stack([window_vector(E_ner, w) for w in test_windows])
    W, b, u = train_window_classifier(X_train, train_y, N_HIDDEN, LR, EPOCHS, SEED)

    # The loss after each epoch: the same steps again, from the same start.
    start_rng = np.random.default_rng(SEED)
    params = [start_rng.normal(0.0, 0.1, size=(N_HIDDEN, X_train.shape[1])), np.zeros(N_HIDDEN),
              start_rng.normal(0.0, 0.1, size=N_HIDDEN)]
    losses = [window_batch_loss(X_train, train_y, *params)]
    for _ in range(EPOCHS):
        params = [p - LR * g for p, g in zip(params, window_batch_grads(X_train, train_y, *params))]
        losses.append(window_batch_loss(X_train, train_y, *params))
    if not all(np.allclose(p, q) for p, q in zip(params, (W, b, u))):
        print("The replay does not end where train_window_classifier did: check the start and the update.")

    plt.figure(figsize=(6, 3.5))
    plt.plot(losses)
    plt.xlabel("epoch")
    plt.ylabel("training loss J (BCE)")
    plt.title("Window classifier: full-batch gradient descent")
    plt.show()

    test_scores = sigmoid(X_test @ W.T + b) @ u
    accuracy = np.mean((test_scores > 0) == (test_y == 1))
    print(f"training loss {losses[0]:.3f} -> {losses[-1]:.3f}; test accuracy {accuracy:.1%} on {len(test_y)} windows")
except NotImplementedError as missing:
    print(f"Training needs window_vector, window_batch_loss, window_batch_grads and train_window_classifier: {missing}")

# %% [markdown]
# ## Summary
#
# | quantity | formula | shape |
# |---|---|---|
# | local error signal $\delta = \partial s / \partial z$ | $u \odot h \odot (1 - h)$ | `(n,)` |
# | $\partial s / \partial b$ | $\delta$ | `(n,)` |
# | $\partial s / \partial W$ | $\delta\, x^\top$ (Jacobian form: $1 \times n \times m$) | `(n, m)` |
# | $\partial s / \partial x$ | $W^\top \delta$ | `(m,)` |
# | $\partial s / \partial u$ | $h$ | `(n,)` |
# | $\partial s / \partial E$ | blocks of $\partial s / \partial x$ added to the rows of the window's words | `(V, d)` |
# | $\partial J / \partial s$, mini-batch BCE | $(\sigma(s) - y) / N$ | `(N,)` |
# | $\partial J / \partial W,\ \partial J / \partial b,\ \partial J / \partial u$ | $\Delta^\top X$, column sums of $\Delta$, $H^\top g$ | `(n, m)`, `(n,)`, `(n,)` |
#
# Backpropagation is the chain rule organised so that each shared piece, like $\delta$, is
# computed once and re-used; the shape convention is how its results are handed to gradient
# descent.
