# %% [markdown]
# # ps1_unary: Jacobians of unary element-wise operations
#
# (Draft: structure only; teaching text to follow.)

# %% role="setup"
import numpy as np


def check_answer(name, got, expected):
    """Visible self-check: shape first, then values."""
    expected = np.asarray(expected, dtype=np.float64)
    got = np.asarray(got, dtype=np.float64)
    assert got.shape == expected.shape, f"{name}: expected shape {expected.shape}, got {got.shape}"
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12, err_msg=f"{name}: wrong values")
    print(f"{name}: visible test passed")


# %% role="solution" function="jacobian_identity"
def jacobian_identity(x):
    """Jacobian of f(x) = x. x: (n,) -> (n, n)."""
    ### BEGIN SOLUTION
    return np.eye(x.shape[0])
    ### END SOLUTION


# %% role="visible" function="jacobian_identity"
check_answer("jacobian_identity", jacobian_identity(np.array([5.0, -1.0])), [[1, 0], [0, 1]])

# %% role="hidden" function="jacobian_identity"
# Hidden tests of jacobian_identity run here when your notebook is graded.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_identity")
### END HIDDEN TESTS

# %% role="solution" function="jacobian_log_exp"
def jacobian_log_exp(x):
    """f_i(x) = ln(x_i) + exp(x_i), x > 0. x: (n,) -> (n, n)."""
    ### BEGIN SOLUTION
    return np.diag(1.0 / x + np.exp(x))
    ### END SOLUTION


# %% role="visible" function="jacobian_log_exp"
check_answer("jacobian_log_exp", jacobian_log_exp(np.array([1.0, 2.0])), [[1 + np.e, 0], [0, 0.5 + np.e**2]])

# %% role="hidden" function="jacobian_log_exp"
# Hidden tests of jacobian_log_exp run here when your notebook is graded.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_log_exp")
### END HIDDEN TESTS

# %% role="solution" function="jacobian_sigmoid"
def jacobian_sigmoid(z):
    """a = sigmoid(z). z: (n,) -> diag(a (1 - a)), (n, n)."""
    ### BEGIN SOLUTION
    a = 1.0 / (1.0 + np.exp(-z))
    return np.diag(a * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_sigmoid"
check_answer("jacobian_sigmoid", jacobian_sigmoid(np.array([0.0, np.log(3.0)])), [[0.25, 0], [0, 0.1875]])

# %% role="hidden" function="jacobian_sigmoid"
# Hidden tests of jacobian_sigmoid run here when your notebook is graded.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_sigmoid")
### END HIDDEN TESTS

# %% role="solution" function="jacobian_tanh"
def jacobian_tanh(z):
    """a = tanh(z). z: (n,) -> diag((1 + a)(1 - a)), (n, n)."""
    ### BEGIN SOLUTION
    a = np.tanh(z)
    return np.diag((1.0 + a) * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_tanh"
check_answer("jacobian_tanh", jacobian_tanh(np.array([0.0, 0.0])), [[1, 0], [0, 1]])

# %% role="hidden" function="jacobian_tanh"
# Hidden tests of jacobian_tanh run here when your notebook is graded.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_tanh")
### END HIDDEN TESTS

# %% role="solution" function="jacobian_relu"
def jacobian_relu(z):
    """a = max(0, z). z: (n,) -> diag(1 where z >= 0 else 0), (n, n)."""
    ### BEGIN SOLUTION
    return np.diag((z >= 0).astype(np.float64))
    ### END SOLUTION


# %% role="visible" function="jacobian_relu"
check_answer("jacobian_relu", jacobian_relu(np.array([-2.0, 3.0])), [[0, 0], [0, 1]])

# %% role="hidden" function="jacobian_relu"
# Hidden tests of jacobian_relu run here when your notebook is graded.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_relu")
### END HIDDEN TESTS
