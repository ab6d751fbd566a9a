"""The simulated class's answers for ps5_window, as data: (function, source, lost points, words).

``grader.course.simulate`` turns them into its ``Answer``s. Typical mistakes first (lost points:
None for all of the function's points; words: what the feedback must say), then correct
variants written differently from the instructor's solution (loops, einsum, a Jacobian product,
in-place updates), which keep every point. Each mistake's source is self-contained, so it costs
only its own function's points.
"""

MISTAKES = {
    "window_vector_by_columns": ("window_vector", """
def window_vector(E, window):
    return E[window].T.reshape(-1)
""", None, ("column",)),
    "window_score_without_sigmoid": ("window_score", """
def window_score(x, W, b, u):
    return float(u @ (W @ x + b))
""", None, ()),
    "delta_without_u": ("window_delta", """
def window_delta(x, W, b, u):
    h = sigmoid(W @ x + b)
    return h * (1 - h)
""", None, ("without u",)),
    "grad_b_without_sigma_prime": ("grad_window_b", """
def grad_window_b(x, W, b, u):
    return u.copy()
""", None, ("σ'",)),
    "grad_W_transposed": ("grad_window_W", """
def grad_window_W(x, W, b, u):
    h = sigmoid(W @ x + b)
    return np.outer(x, u * h * (1 - h))
""", None, ("x δᵀ", "δ xᵀ")),
    "grad_x_W_delta": ("grad_window_x", """
def grad_window_x(x, W, b, u):
    h = sigmoid(W @ x + b)
    return W @ (u * h * (1 - h))
""", None, ("Wᵀ δ",)),
    "grad_u_is_delta": ("grad_window_u", """
def grad_window_u(x, W, b, u):
    h = sigmoid(W @ x + b)
    return u * h * (1 - h)
""", None, ()),
    "embeddings_assigned": ("grad_window_embeddings", """
def grad_window_embeddings(E, window, W, b, u):
    x = E[window].reshape(-1)
    h = sigmoid(W @ x + b)
    grad = np.zeros(E.shape)
    grad[window] += (W.T @ (u * h * (1 - h))).reshape(len(window), -1)
    return grad
""", None, ("repeated", "np.add.at")),
    "batch_loss_sum": ("window_batch_loss", """
def window_batch_loss(X, y, W, b, u):
    p = sigmoid(sigmoid(X @ W.T + b) @ u)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
""", None, ("1/N",)),
    "batch_grads_dW_missing_1_over_N": ("window_batch_grads", """
def window_batch_grads(X, y, W, b, u):
    N = len(y)
    H = sigmoid(X @ W.T + b)
    g = sigmoid(H @ u) - y
    Delta = g[:, None] * u * H * (1 - H)
    return Delta.T @ X, Delta.sum(axis=0) / N, H.T @ g / N
""", 1, ("1/N", "dJ/dW")),
    "train_one_after_another": ("train_window_classifier", """
def train_window_classifier(X, y, n_hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1]))
    b = np.zeros(n_hidden)
    u = rng.normal(0.0, 0.1, size=n_hidden)
    def grads(W, b, u):
        H = sigmoid(X @ W.T + b)
        g = (sigmoid(H @ u) - y) / len(y)
        Delta = g[:, None] * u * H * (1 - H)
        return Delta.T @ X, Delta.sum(axis=0), H.T @ g
    for _ in range(epochs):
        W = W - lr * grads(W, b, u)[0]
        b = b - lr * grads(W, b, u)[1]
        u = u - lr * grads(W, b, u)[2]
    return W, b, u
""", None, ("one set of gradients",)),
    "delta_without_sigma_prime": ("window_delta", """
def window_delta(x, W, b, u):
    return u
""", None, ("σ'",)),
    "grad_W_jacobian_form": ("grad_window_W", """
def grad_window_W(x, W, b, u):
    h = sigmoid(W @ x + b)
    return np.outer(u * h * (1 - h), x).reshape(1, len(b), len(x))
""", None, ("Jacobian form", "shape convention")),
    "embeddings_window_blocks": ("grad_window_embeddings", """
def grad_window_embeddings(E, window, W, b, u):
    x = E[window].reshape(-1)
    h = sigmoid(W @ x + b)
    return (W.T @ (u * h * (1 - h))).reshape(len(window), -1)
""", None, ("(V, d)",)),
    "batch_grads_db_sign_du_per_example": ("window_batch_grads", """
def window_batch_grads(X, y, W, b, u):
    N = len(y)
    H = sigmoid(X @ W.T + b)
    g = (sigmoid(H @ u) - y) / N
    Delta = g[:, None] * u * H * (1 - H)
    return Delta.T @ X, -Delta.sum(axis=0), g[:, None] * H * N
""", 2, ("sign", "per window")),
    "train_ascending": ("train_window_classifier", """
def train_window_classifier(X, y, n_hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1]))
    b = np.zeros(n_hidden)
    u = rng.normal(0.0, 0.1, size=n_hidden)
    for _ in range(epochs):
        H = sigmoid(X @ W.T + b)
        g = (sigmoid(H @ u) - y) / len(y)
        Delta = g[:, None] * u * H * (1 - H)
        W, b, u = W + lr * (Delta.T @ X), b + lr * Delta.sum(axis=0), u + lr * (H.T @ g)
    return W, b, u
""", None, ("ascent",)),
}

VARIANTS = {
    "window_vector_loop": ("window_vector", """
def window_vector(E, window):
    return np.concatenate([E[word] for word in window])
"""),
    "delta_as_jacobian_product": ("window_delta", """
def window_delta(x, W, b, u):
    h = 1 / (1 + np.exp(-(W @ x + b)))
    return u @ np.diag(h * (1 - h))
"""),
    "grad_W_einsum": ("grad_window_W", """
def grad_window_W(x, W, b, u):
    return np.einsum("i,k->ik", window_delta(x, W, b, u), x)
"""),
    "grad_x_row_times_W": ("grad_window_x", """
def grad_window_x(x, W, b, u):
    return window_delta(x, W, b, u) @ W
"""),
    "embeddings_loop": ("grad_window_embeddings", """
def grad_window_embeddings(E, window, W, b, u):
    d = E.shape[1]
    dx = grad_window_x(window_vector(E, window), W, b, u)
    grad = np.zeros(E.shape)
    for j, word in enumerate(window):
        grad[word] += dx[j * d:(j + 1) * d]
    return grad
"""),
    "batch_loss_textbook": ("window_batch_loss", """
def window_batch_loss(X, y, W, b, u):
    p = 1 / (1 + np.exp(-(1 / (1 + np.exp(-(X @ W.T + b))) @ u)))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
"""),
    "batch_grads_loop_over_windows": ("window_batch_grads", """
def window_batch_grads(X, y, W, b, u):
    dW, db, du = np.zeros(W.shape), np.zeros(b.shape), np.zeros(u.shape)
    for x, target in zip(X, y):
        h = sigmoid(W @ x + b)
        g = sigmoid(u @ h) - target
        delta = g * u * h * (1 - h)
        dW += np.outer(delta, x)
        db += delta
        du += g * h
    return dW / len(y), db / len(y), du / len(y)
"""),
    "train_in_place_updates": ("train_window_classifier", """
def train_window_classifier(X, y, n_hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1]))
    b = np.zeros(n_hidden)
    u = rng.normal(0.0, 0.1, size=n_hidden)
    for epoch in range(epochs):
        grads = window_batch_grads(X, y, W, b, u)
        for param, grad in zip((W, b, u), grads):
            param -= lr * grad
    return W, b, u
"""),
}
