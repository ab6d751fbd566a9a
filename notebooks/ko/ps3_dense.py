# %% [markdown] en_sha="d200fdafd2b6"
# # ps3_dense: 시그모이드 완전 연결 층과 미니배치 위 뉴런 하나의 야코비안
#
# ## 이 과제에서 다루는 내용
#
# ps1과 ps2에서는 모든 함수가 원소별로 동작했으므로 야코비안(Jacobian)이 모두 대각 행렬(diagonal
# matrix)이었습니다. 완전 연결 층(dense layer)은 입력을 섞으며, 그러면 사정이 달라집니다. 다음을
# 유도하고 numpy로 구현합니다.
#
# - **A부, 입력 하나에 대한 완전 연결 층.** 시그모이드 유닛 $n$개가 입력 $x \in \mathbb{R}^m$을
#   읽습니다. $z = Wx + b$, $a = \sigma(z)$. $a$를 계산하고, $z$, $b$, $x$, 가중치 행렬 $W$에 대한
#   그 야코비안을 계산합니다. 마지막 것은 인덱스가 세 개이며, 그 이유를 보게 됩니다.
# - **야코비안 형식(Jacobian form) 대 형태 규약(shape convention)**: 사슬 끝의 양이 스칼라 손실이고 변수가 갱신할
#   매개변수일 때 무엇이 달라지는지 봅니다.
# - **B부, 미니배치(mini-batch) 위의 뉴런 하나.** 가중치 $w \in \mathbb{R}^d$와 편향 $b$를 가진
#   시그모이드 뉴런 하나를 예제 $N$개에 한꺼번에 적용합니다. $z = Xw + b$,
#   $a = \sigma(z)$. $w$, $b$, 배치 전체 $X$에 대한 $N$개 활성값의 야코비안을 계산합니다.
#
# ## 채점 방식
#
# 각 함수는 비공개 테스트(hidden test) 셀 하나로 따로 채점되며, 배점은 다음과 같습니다(총 15점).
#
# | 함수 | 점수 | 함수 | 점수 |
# |---|---|---|---|
# | `dense_forward` | 1 | `jacobian_neuron_w` | 2 |
# | `jacobian_dense_z` | 2 | `jacobian_neuron_b` | 1 |
# | `jacobian_dense_b` | 1 | `jacobian_neuron_x` | 3 |
# | `jacobian_dense_x` | 2 | | |
# | `jacobian_dense_w` | 3 | | |
#
# - 비공개 테스트는 여러 크기의 무작위 입력으로 여러분의 함수를 호출합니다. 크기 1
#   ($n = m = 1$, $N = d = 1$), 작은 비정사각 크기($n \ne m$, $N \ne d$: 전치된 답은 형태가 틀리게
#   됩니다), 그리고 유닛이나 예제가 백 개가 넘는 큰 크기입니다.
# - 여러분의 답은 참조 해답과 비교됩니다. 먼저 타입과 형태를, 그다음 모든 원소를 비교합니다(상대
#   허용 오차 $10^{-10}$). 함수는 모든 비공개 테스트 사례가 일치해야 점수를 받습니다.
# - 각 비공개 테스트 셀 아래의 피드백은 여러분의 점수, 무엇이 틀렸는지(잘못된 형태, 예를 들어
#   `(n, n, m)`이어야 할 곳에 축이 하나 사라진 `(n, m)`; 전치된 답; 0이 아닌 비대각 원소; 뒤집힌
#   부호; 빠진 상수 인수), 그리고 처음 실패한 입력을 보여 줍니다. 작은 입력은 numpy 코드로
#   출력됩니다. 그것을 여러분의 셀에 붙여 넣고 함수를 호출하면 실패를 직접 볼 수 있습니다. 큰 입력은
#   형태로 설명되니, 그 형태의 무작위 입력으로 함수를 시험해 보십시오. (함께 출력되는 시드로 담당
#   교수자가 모든 비공개 입력을 다시 뽑을 수 있습니다.)
# - 여러분이 작성한 함수를 호출해도 됩니다(예를 들어 야코비안 안에서 `dense_forward`). 그중 하나가
#   자기 비공개 테스트에서 실패하면, 그 함수를 호출하는 모든 함수의 피드백이 먼저 그 사실을 알려
#   줍니다. 그 함수부터 고치십시오.
# - 답은 해석적인 공식이어야 합니다. 수치 미분(유한 차분)은 점수를 받지 못하며, 어차피 허용 오차를
#   맞출 만큼 정확하지도 않습니다.
#
# ## 제출 전에 스스로 점검하는 방법
#
# - 모든 해답 셀 아래에는 **공개 테스트**(visible test)가 있으니 실행하십시오. 먼저 손으로 검증할 수
#   있는 작은 풀이 예제로 값을 확인하고, 그다음 비공개 테스트가 쓰는 모든 크기의 무작위 입력으로
#   타입(numpy 배열)과 형태를 확인합니다. 크기는 $n = m = 1$(B부에서는 예제 하나짜리 배치,
#   $N = d = 1$), 양방향의 비정사각, 그리고 백이 넘는 크기입니다. 통과하면 `... 공개 테스트 통과`를
#   출력하고, 실패하면 무엇이 다른지 알려 주고 흔한 실수를 알아보면 그 이름을 짚어 주는
#   `AssertionError`를 일으킵니다. 공개 테스트를 통과해도 만점이 보장되지는 않지만(비공개 테스트는
#   다른 값을 사용합니다), 공개 테스트가 실패하면 비공개 테스트도 실패합니다.
# - JupyterLab에서 nbgrader의 **Validate** 버튼은 채점기처럼 노트북 전체를 처음부터 실행하고, 실패한
#   셀을 모두 보고합니다.
#   공개 테스트가 실패해도 *Run All*은 멈추지 않습니다. 각 연습 문제가 자기 결과를 보여 줍니다.
#
# ## 규약 (과정의 계약: 채점기는 정확히 이것을 확인합니다)
#
# - 모든 입력과 출력은 `float64` numpy 배열입니다. $\mathbb{R}^n$의 벡터는 형태 `(n,)`, 즉 평평한
#   (1차원) 배열이며 `(n, 1)`이나 `(1, n)`이 아닙니다.
# - $f: \mathbb{R}^n \to \mathbb{R}^m$의 야코비안은 형태 `(m, n)`이며,
#   `J[i, j]` $= \partial f_i / \partial x_j$입니다. 이를 분자 레이아웃(numerator layout)이라고
#   하며, 출력마다 행이 하나입니다.
# - 형태 `(n, m)`인 행렬 `W`에 대한 벡터 출력의 야코비안은 형태 `(out, n, m)`이며, 원소
#   `[i, j, k]` $= \partial\, \mathrm{out}_i / \partial W[j, k]$입니다. 이는
#   `jax.jacfwd`와 `torch.autograd.functional.jacobian`이 반환하는 것과 같습니다.
# - 형태 `(n,)`인 벡터 출력을 스칼라(B부에서 뉴런 하나가 배치 전체에 공유하는 편향 $b$ 같은)로
#   미분한 야코비안은 형태 `(n,)`입니다. 출력마다 원소가 하나이며, 강의의 $n \times 1$ 열을 평평하게
#   반환한 것입니다.
# - 형태 `(N,)`인 벡터 `y_hat`에 대한 스칼라 손실의 그래디언트(gradient)는, 강의에서는 $1 \times N$
#   행으로 쓰지만 여기서는 형태 `(N,)`으로 반환합니다.
# - 미니배치 `X`는 형태 `(N, d)`이며, 행 `i`가 예제 $x^{(i)}$입니다.
# - 인덱스는 numpy처럼 0부터 시작합니다. 벡터 $x \in \mathbb{R}^m$의 원소는
#   $x_0, \dots, x_{m-1}$이고, `W`의 첫 행은 행 0이며, $W_{jk}$는 `W[j, k]`입니다.
# - $\sigma(z) = 1 / (1 + e^{-z})$, 원소별로 적용합니다.
#
# ## 제출 방법
#
# 해답 셀에만 코드를 작성하고, `# YOUR CODE HERE` 아래의 `raise NotImplementedError(...)` 줄을
# 바꾸십시오. 노트북을 저장한 뒤 JupyterLab의 *Assignments* 패널에서 **Submit**을 누르십시오(또는
# 담당 교수자의 안내대로 `.ipynb` 파일을 제출하십시오). 노트북의 이름을 바꾸지 말고, 주어진 셀을
# 지우거나 나누거나 복사하거나 다시 입력하지 마십시오. 채점기는 셀의 id로 여러분의 답을 찾습니다.
# 실험용으로 여러분의 셀을 추가하는 것은 괜찮습니다.

# %% role="setup" include="shared/self_check.py" en_sha="6f11581db2b4"
import numpy as np

# %% [markdown] en_sha="243bf14a3e11"
# # A부: 시그모이드 완전 연결 층
#
# 유닛이 $n$개인 완전 연결 층이 입력 $x \in \mathbb{R}^m$을 읽습니다. 유닛 $i$는 가중치 벡터
# $w_i \in \mathbb{R}^m$과 편향 $b_i$를 가지며, 가중치 벡터들은 $W$의 행입니다
# ($W$의 행 $i$가 $w_i^\top$입니다).
#
# $$z_i = w_i^\top x + b_i = \sum_{k=0}^{m-1} W_{ik}\, x_k + b_i, \qquad a_i = \sigma(z_i).$$
#
# 층 전체로는 $z = Wx + b$이고 $a = \sigma(z)$이며, 형태는 `W` `(n, m)`, `x` `(m,)`,
# `b` `(n,)`, 그리고 `z`, `a` `(n,)`입니다.
#
# **공개 테스트의 풀이 예제.** 유닛 $n = 3$개, 입력 $m = 2$개로,
#
# $$W = \begin{pmatrix} 0 & 0 \\ 1 & 0 \\ 0 & 1 \end{pmatrix}, \quad
#   x = \begin{pmatrix} \ln 3 \\ 2 \end{pmatrix}, \quad
#   b = \begin{pmatrix} 0 \\ 0 \\ -2 - \ln 3 \end{pmatrix}
#   \quad\Longrightarrow\quad
#   z = \begin{pmatrix} 0 \\ \ln 3 \\ -\ln 3 \end{pmatrix}, \quad
#   a = \begin{pmatrix} 1/2 \\ 3/4 \\ 1/4 \end{pmatrix},$$
#
# 입니다. $\sigma(0) = 1/2$, $\sigma(\ln 3) = 1/(1 + 1/3) = 3/4$, $\sigma(-\ln 3) = 1/(1 + 3) = 1/4$이기
# 때문입니다.
#
# ## `dense_forward`
#
# 순전파(forward pass)를 구현하십시오. numpy에서 `W @ x`는 행렬-벡터 곱이며 형태는 `(n,)`입니다.
# `W * x`는 다른 것입니다(브로드캐스팅을 거친 원소별 곱으로, 형태가 `(n, m)`입니다).
# 준비 셀의 `sigmoid`는 배열에 원소별로 동작합니다.

# %% role="solution" function="dense_forward" en_sha="b916c7c2f572"
def dense_forward(W, x, b):
    """시그모이드 완전 연결 층의 활성값.

    W: (n, m) 가중치, x: (m,) 입력, b: (n,) 편향 -> a = sigmoid(W x + b), 형태 (n,).
    """
    ### BEGIN SOLUTION
    z = W @ x + b
    return sigmoid(z)
    ### END SOLUTION


# %% role="visible" function="dense_forward" en_sha="8beae58c971e"
# 풀이 예제(A부의 모든 함수에 같은 예제).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
check_answer("dense_forward", dense_forward(W, x, b), [1 / 2, 3 / 4, 1 / 4])
# 비공개 테스트가 쓰는 모든 크기에서 형태 (n,): n = m = 1, 양방향의 n != m, 그리고 100을 넘는 n.
rng = np.random.default_rng(0)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"dense_forward, n = {n}, m = {m}", dense_forward(W, x, b), (n,))
visible_test_passed("dense_forward")


# %% role="hidden" function="dense_forward" en_sha="e771d22414f1"
# 비공개 테스트(1점): n = m = 1, n != m, n이 100을 넘는 경우의 무작위 W, x, b.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("dense_forward")
### END HIDDEN TESTS

# %% [markdown] en_sha="4bf0bc7d05b2"
# ## `jacobian_dense_z`: 활성화는 원소별 연산(element-wise operation)이므로 $\partial a / \partial z$는 대각 행렬입니다
#
# 시그모이드의 도함수는 자기 출력으로 쓸 수 있습니다: $\sigma'(t) = \sigma(t)\,(1 - \sigma(t))$.
# 유닛 $i$의 활성값 $a_i = \sigma(z_i)$는 $z_i$에만 의존하고 다른 $z_j$에는 의존하지 않으므로
#
# $$\frac{\partial a_i}{\partial z_j} = \begin{cases} a_i (1 - a_i) & i = j \\ 0 & i \ne j \end{cases}
#   \qquad\Longrightarrow\qquad
#   \frac{\partial a}{\partial z} = \operatorname{diag}\big(a \odot (1 - a)\big), \text{ shape } (n, n).$$
#
# 아래에서 $s = a \odot (1 - a)$(형태 `(n,)`)는 각 유닛의 *기울기*(slope)이며, 이 과제의 모든
# 야코비안에 등장합니다. 풀이 예제에서는 $s = (1/4,\ 3/16,\ 3/16)$입니다.
#
# **흔한 실수:** 벡터 $s$ 자체(형태 `(n,)`)를 반환하는 것. $\mathbb{R}^n$에서 $\mathbb{R}^n$으로 가는
# 사상의 야코비안은 $n \times n$ 행렬이며, `np.diag(s)`가 이를 만듭니다.

# %% role="solution" function="jacobian_dense_z" en_sha="9bebd5542096"
def jacobian_dense_z(W, x, b):
    """a = sigmoid(z), z = W x + b일 때 da/dz.

    W: (n, m), x: (m,), b: (n,) -> diag(a (1 - a)), 형태 (n, n).
    """
    ### BEGIN SOLUTION
    a = sigmoid(W @ x + b)
    return np.diag(a * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_dense_z" en_sha="b00a24d7e935"
# 풀이 예제(A부의 모든 함수에 같은 예제).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
check_answer("jacobian_dense_z", jacobian_dense_z(W, x, b), np.diag([1 / 4, 3 / 16, 3 / 16]))
# 비공개 테스트가 쓰는 모든 크기에서 형태 (n, n): n = m = 1, 양방향의 n != m, 그리고 100을 넘는 n.
rng = np.random.default_rng(1)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"jacobian_dense_z, n = {n}, m = {m}", jacobian_dense_z(W, x, b), (n, n))
visible_test_passed("jacobian_dense_z")


# %% role="hidden" function="jacobian_dense_z" en_sha="ae8a9b86bf4e"
# 비공개 테스트(2점): n = m = 1, n != m, n이 100을 넘는 경우의 무작위 W, x, b.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_dense_z")
### END HIDDEN TESTS

# %% [markdown] en_sha="48f9c27b4979"
# ## `jacobian_dense_b`: $\partial z / \partial b = I$
#
# 각 편향은 정확히 한 유닛에, 계수 1로 들어갑니다. $\partial z_i / \partial b_j$는
# $i = j$일 때 1이고 그렇지 않으면 0이므로 $\partial z / \partial b = I_n$입니다. 연쇄 법칙(chain
# rule)은 경로 $b \to z \to a$를 따라 야코비안들을 오른쪽부터 이 순서로 곱합니다.
#
# $$\frac{\partial a}{\partial b} = \frac{\partial a}{\partial z}\,\frac{\partial z}{\partial b}
#   = \operatorname{diag}(s)\, I = \operatorname{diag}(s), \text{ shape } (n, n).$$
#
# **흔한 실수:** $I$를 반환하는 것(그것은 $\partial z / \partial b$입니다: 시그모이드를 잊었습니다),
# 또는 벡터 $s$를 반환하는 것(형태가 `(n, n)`이 아니라 `(n,)`).

# %% role="solution" function="jacobian_dense_b" en_sha="7d0248535fbd"
def jacobian_dense_b(W, x, b):
    """a = sigmoid(W x + b)일 때 da/db = da/dz dz/db.

    W: (n, m), x: (m,), b: (n,) -> diag(a (1 - a)) I, 형태 (n, n).
    """
    ### BEGIN SOLUTION
    a = sigmoid(W @ x + b)
    # dz/db가 항등 행렬(identity matrix)이므로 연쇄 법칙의 곱 diag(a (1 - a)) I는 그냥 대각 행렬입니다.
    return np.diag(a * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_dense_b" en_sha="7e6285fa5a6e"
# 풀이 예제(A부의 모든 함수에 같은 예제).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
check_answer("jacobian_dense_b", jacobian_dense_b(W, x, b), np.diag([1 / 4, 3 / 16, 3 / 16]),
             mistakes={"mistake_identity_for_b": np.eye(3)})
# 비공개 테스트가 쓰는 모든 크기에서 형태 (n, n): n = m = 1, 양방향의 n != m, 그리고 100을 넘는 n.
rng = np.random.default_rng(2)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"jacobian_dense_b, n = {n}, m = {m}", jacobian_dense_b(W, x, b), (n, n))
visible_test_passed("jacobian_dense_b")


# %% role="hidden" function="jacobian_dense_b" en_sha="a41ec24e74de"
# 비공개 테스트(1점): n = m = 1, n != m, n이 100을 넘는 경우의 무작위 W, x, b.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_dense_b")
### END HIDDEN TESTS

# %% [markdown] en_sha="7c2c8f2e697a"
# ## `jacobian_dense_x`: $\partial a / \partial x = \operatorname{diag}(s)\, W$
#
# $z_i = \sum_k W_{ik} x_k + b_i$에서 $\ \partial z_i / \partial x_k = W_{ik}$입니다. 즉 $x$에 대한
# $z$의 야코비안은 $W$ 자체이며, 형태는 $(n, m)$입니다(유닛마다 행 하나, 입력마다 열 하나).
# 연쇄 법칙에 따라
#
# $$\frac{\partial a}{\partial x} = \frac{\partial a}{\partial z}\,\frac{\partial z}{\partial x}
#   = \operatorname{diag}(s)\, W, \qquad
#   \left(\frac{\partial a}{\partial x}\right)_{ik} = s_i\, W_{ik},$$
#
# 즉 $W$의 행 $i$에 유닛 $i$의 기울기를 곱한 것이며, 형태는 $(n, m)$입니다. 왼쪽에서 대각 행렬을
# 곱하면 행의 크기가 조정되므로 `np.diag(s)`를 만들 필요가 없습니다. `s`를 열로 브로드캐스팅하는
# `s[:, None] * W`가 같은 일을 합니다.
#
# 풀이 예제에서는 `W[1, 0]`과 `W[2, 1]`만 0이 아니므로(둘 다 1), $\partial a / \partial x$는
# `[1, 0]`에 $s_1 = 3/16$, `[2, 1]`에 $s_2 = 3/16$이 있고 나머지는 0입니다
# ($s = (s_0, s_1, s_2) = (1/4, 3/16, 3/16)$).
#
# **흔한 실수:**
# - $W^\top \operatorname{diag}(s)$: 전치된 답, 형태 $(m, n)$.
# - `s * W`: numpy는 `(n,)` 벡터 `s`를 `W`의 *마지막* 축, 즉 열에 맞춥니다. $n \ne m$이면
#   `ValueError: operands could not be broadcast together with shapes
#   (n,) (n,m)`가 나고, $n = m$이면 실행은 되지만 각 행 대신 각 열의 크기를 조정합니다.
#   `s[:, None] * W`(기울기의 열)나 `np.diag(s) @ W`로 쓰십시오.
# - $\operatorname{diag}(s)$를 잊고 $W$를 반환하는 것(그것은 $\partial z / \partial x$입니다).

# %% role="solution" function="jacobian_dense_x" en_sha="c698103939cc"
def jacobian_dense_x(W, x, b):
    """a = sigmoid(W x + b)일 때 da/dx.

    W: (n, m), x: (m,), b: (n,) -> diag(a (1 - a)) W, 형태 (n, m).
    """
    ### BEGIN SOLUTION
    a = sigmoid(W @ x + b)
    return (a * (1.0 - a))[:, None] * W
    ### END SOLUTION


# %% role="visible" function="jacobian_dense_x" en_sha="11b3ff888c32"
# 풀이 예제(A부의 모든 함수에 같은 예제).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
check_answer("jacobian_dense_x", jacobian_dense_x(W, x, b), [[0, 0], [3 / 16, 0], [0, 3 / 16]],
             mistakes={"mistake_slope_forgotten": W})
# 비공개 테스트가 쓰는 모든 크기에서 형태 (n, m): n = m = 1, 양방향의 n != m, 그리고 100을 넘는 n.
rng = np.random.default_rng(3)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"jacobian_dense_x, n = {n}, m = {m}", jacobian_dense_x(W, x, b), (n, m))
visible_test_passed("jacobian_dense_x")


# %% role="hidden" function="jacobian_dense_x" en_sha="b818e5be9f09"
# 비공개 테스트(2점): n = m = 1, n != m, n이 100을 넘는 경우의 무작위 W, x, b.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_dense_x")
### END HIDDEN TESTS

# %% [markdown] en_sha="b905d5e705c2"
# ## `jacobian_dense_w`: 행렬에 대한 야코비안은 3차 텐서입니다
#
# **$W$의 행을 하나씩.** 유닛 $j$의 가중치 $w_j$($W$의 행 $j$)를 변수로 잡습니다. 이 가중치는 유닛
# $j$만 사용합니다. $\partial z_i / \partial (w_j)_k = \partial z_i / \partial W_{jk}$는
# $i = j$일 때 $x_k$이고 그렇지 않으면 0입니다. 따라서 $w_j$에 대한 $z$의 $n \times m$ 야코비안은
# 행 $j$만 $x^\top$이고 나머지는 0입니다.
#
# $$\frac{\partial z}{\partial w_0} = \begin{pmatrix} x^\top \\ 0 \\ \vdots \\ 0 \end{pmatrix}, \quad
#   \frac{\partial z}{\partial w_1} = \begin{pmatrix} 0 \\ x^\top \\ \vdots \\ 0 \end{pmatrix}, \quad \dots, \quad
#   \frac{\partial z}{\partial w_{n-1}} = \begin{pmatrix} 0 \\ 0 \\ \vdots \\ x^\top \end{pmatrix}.$$
#
# 연쇄 법칙으로 $\partial a / \partial w_j = \operatorname{diag}(s)\, \partial z / \partial w_j$입니다.
# 대각 행렬은 행 $j$에 $s_j$를 곱하고 0인 행은 0으로 두므로, $\partial a / \partial w_j$는
# 행 $j$만 $s_j\, x^\top$이고 나머지는 0입니다.
#
# **$W$ 전체를 한꺼번에.** (출력 $a_i$, 가중치 $W_{jk}$)의 쌍마다 도함수가 하나씩 있으므로
# $n \cdot n \cdot m$개의 수가 있습니다. 벡터(인덱스 하나)를 행렬(인덱스 둘)로 미분하면 인덱스가
# 세 개 필요합니다. 일반적으로 야코비안의 형태는 출력의 형태 뒤에 변수의 형태를 붙인 것입니다.
# 이 과정에서는 이를 형태 `(n, n, m)`인 `T`로 저장합니다.
#
# $$T[i, j, k] = \frac{\partial a_i}{\partial W_{jk}} = [\,i = j\,]\; s_i\, x_k .$$
#
# 이 배열은 두 가지로 읽을 수 있습니다.
#
# - `T[:, j, :]`(형태 `(n, m)`)는 위의 행렬 $\partial a / \partial w_j$입니다. 행 $j$만 0이 아닙니다.
# - `T[i]`(형태 `(n, m)`, 즉 $W$의 형태)는 수 하나 $a_i$를 모든 가중치에 대해 미분한 값을 담습니다.
#   $a_i$는 $W$의 행 $i$만 사용하므로 행 $i$만 0이 아닙니다.
#
# 따라서 `T`는 "대각" 조각 `T[i, i, :]` $= s_i\, x$를 빼면 모두 0입니다. $n^2 m$개 중 0이 아닌 수는
# $n \cdot m$개입니다. 풀이 예제에서는 `T[0, 0] = (ln 3 / 4, 1/2)`,
# `T[1, 1] = T[2, 2] = (3 ln 3 / 16, 3/8)`이고 나머지 원소는 모두 0입니다.
#
# 이 배열을 만들려면 `np.zeros((n, n, m))`에서 시작해 대각 조각을 채우거나(`i`에 대한 반복문이면
# 충분합니다), `np.eye(n)[:, :, None]`에 알맞게 브로드캐스팅한 외적을 곱하십시오.
#
# **흔한 실수:**
# - 형태 `(n, m)`인 `np.outer(s, x)`를 반환하는 것: 출력 축이 사라졌습니다. 그 배열은
#   $\sum_i T[i]$, 즉 $\sum_i a_i$의 그래디언트이지 $a$의 야코비안이 아닙니다(다음 절을 보십시오).
# - 출력 인덱스를 마지막에 두는 것(형태 `(n, m, n)`).
# - $x$가 들어갈 자리에 $W$를 쓰는 것(`T[i, i, :] = s[i] * W[i]`): $\partial z_i / \partial W_{ik} = x_k$는
#   *입력*의 원소입니다.

# %% role="solution" function="jacobian_dense_w" en_sha="2beca9c03d75"
def jacobian_dense_w(W, x, b):
    """a = sigmoid(W x + b)일 때 da/dW: T[i, j, k] = d a_i / d W[j, k] = (i == j) a_i (1 - a_i) x_k.

    W: (n, m), x: (m,), b: (n,) -> 형태 (n, n, m).
    """
    ### BEGIN SOLUTION
    n, m = W.shape
    a = sigmoid(W @ x + b)
    T = np.zeros((n, n, m))
    for i in range(n):
        T[i, i, :] = a[i] * (1.0 - a[i]) * x
    return T
    ### END SOLUTION


# %% role="visible" function="jacobian_dense_w" en_sha="35e6bc05e4b4"
# 풀이 예제(A부의 모든 함수에 같은 예제).
W = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
x = np.array([np.log(3.0), 2.0])
b = np.array([0.0, 0.0, -2.0 - np.log(3.0)])
expected = np.zeros((3, 3, 2))
expected[0, 0] = [np.log(3.0) / 4, 1 / 2]
expected[1, 1] = [3 * np.log(3.0) / 16, 3 / 8]
expected[2, 2] = [3 * np.log(3.0) / 16, 3 / 8]
# "x가 들어갈 자리에 W"를 쓰면 T[i, i]에 s_i 곱하기 x가 아니라 s_i 곱하기 W의 행 i가 들어갑니다:
W_for_x = np.zeros((3, 3, 2))
W_for_x[1, 1] = [3 / 16, 0]
W_for_x[2, 2] = [0, 3 / 16]
check_answer("jacobian_dense_w", jacobian_dense_w(W, x, b), expected, mistakes={"mistake_w_where_x_belongs": W_for_x})
# 비공개 테스트가 쓰는 모든 크기에서 형태 (n, n, m): n = m = 1, 양방향의 n != m, 그리고 100을 넘는 n.
rng = np.random.default_rng(4)
for n, m in ((1, 1), (3, 2), (2, 5), (150, 4)):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    check_shape(f"jacobian_dense_w, n = {n}, m = {m}", jacobian_dense_w(W, x, b), (n, n, m))
visible_test_passed("jacobian_dense_w")


# %% role="hidden" function="jacobian_dense_w" en_sha="120c089a59ef"
# 비공개 테스트(3점): n = m = 1, n != m, n이 100을 넘는 경우의 무작위 W, x, b.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_dense_w")
### END HIDDEN TESTS

# %% [markdown] en_sha="51a390c83d80"
# ## 야코비안 형식 대 형태 규약
#
# 학습에서 사슬의 마지막 고리는 스칼라 손실 $J$입니다. 지금까지 쓴 분자 레이아웃인 **야코비안
# 형식**(Jacobian form)에서, 수 하나를 열벡터 $b \in \mathbb{R}^n$으로 미분하면 $1 \times n$
# **행**이 되고, $W$로 미분하면 $1 \times n \times m$이 됩니다. 이 형식 덕분에 연쇄 법칙이 크기가 맞는
# 행렬들의 단순한 곱이 됩니다.
#
# $$\frac{\partial J}{\partial b} = \frac{\partial J}{\partial a}\,\frac{\partial a}{\partial z}\,\frac{\partial z}{\partial b}
#   \qquad (1 \times n)(n \times n)(n \times n).$$
#
# 그러나 경사 하강법의 한 단계 $W \leftarrow W - \eta\, \partial J / \partial W$는 매개변수에서 도함수를
# 빼므로, 도함수가 **매개변수의 형태**여야 합니다. $b$처럼 열이고, $W$처럼 $n \times m$ 행렬이어야
# 합니다. 이것이 (CS224N의 용어로) **형태 규약**(shape convention)입니다. 흔히 쓰는 방법은 야코비안
# 형식으로 유도한 뒤, 최종 결과를 매개변수의 형태로 재배열하는 것입니다.
#
# numpy에서는 둘이 자연스럽게 만납니다. 형태 `(n,)`인 평평한 배열은 행도 열도 아니므로, 이 과정은
# 벡터에 대한 스칼라의 그래디언트를 형태 `(n,)`으로 반환합니다(ps4에서 손실에 대해 그렇게 합니다).
# 그리고 야코비안의 출력 축을 위에서 내려오는 그래디언트와 축약하면 매개변수 형태의 배열이 나옵니다.
# 위의 층들에서 $\delta = \partial J / \partial a$(형태 `(n,)`)가 내려온다면
#
# $$\frac{\partial J}{\partial W_{jk}} = \sum_i \delta_i\, T[i, j, k] = \delta_j\, s_j\, x_k,
#   \qquad\text{that is}\qquad \frac{\partial J}{\partial W} = (\delta \odot s)\, x^\top,$$
#
# 이며, 이는 `W`의 형태인 `(n, m)` 배열입니다. 코드로는
# `np.tensordot(delta, jacobian_dense_w(W, x, b), axes=1)`과 `np.outer(delta * s, x)`가 일치합니다. 벡터 $\delta \odot s = \partial J / \partial z$는 이 층의
# *국소 오차 신호*(local error signal)입니다. 한 번 계산해 두면 $\partial J / \partial b = \delta \odot s$
# ($b$의 형태)와 $\partial J / \partial x = W^\top (\delta \odot s)$($x$의 형태)도 얻습니다. 그래서
# 역전파(backpropagation) 코드는 `(n, n, m)` 텐서를 절대 만들지 않습니다. 그 구조($i = j$가 아니면 0)
# 때문에 축약이 외적으로 바뀝니다. 방금 한 것처럼 한 번 직접 만들어 보면 그 외적이 어디서 오는지
# 알 수 있습니다.

# %% [markdown] en_sha="55140141bec9"
# # B부: 미니배치 위의 시그모이드 뉴런 하나
#
# 이제 가중치 $w \in \mathbb{R}^d$와 수 하나인 편향 $b$를 가진 뉴런 하나를, $N$개의 예제
# $x^{(0)}, \dots, x^{(N-1)} \in \mathbb{R}^d$로 이루어진 미니배치에 적용합니다. 예제들은
# 형태 `(N, d)`인 `X`의 행입니다.
#
# $$z^{(i)} = w^\top x^{(i)} + b, \qquad a^{(i)} = \sigma(z^{(i)}), \qquad\text{all at once:}\quad
#   z = Xw + b\,\mathbf{1}, \quad a = \sigma(z), \text{ shape } (N,).$$
#
# (numpy에서 `X @ w + b`는 수 `b`를 모든 예제로 브로드캐스팅합니다.) 이제 $z$와 $a$의 인덱스는
# 유닛이 아니라 *예제*를 따라 움직입니다. 각 예제의 활성값은 자기 $z^{(i)}$에만 의존하므로, A부와
# 똑같이 $\partial a / \partial z = \operatorname{diag}(s)$이며, 이제 이것은 $N \times N$ 행렬이고
# $s = a \odot (1 - a)$는 형태 `(N,)`입니다. 예제마다 기울기가 하나입니다.
#
# **공개 테스트의 풀이 예제.** 특성 $d = 2$개를 가진 예제 $N = 3$개:
#
# $$X = \begin{pmatrix} 0 & 1 \\ \tfrac{1}{2}\ln 3 & 1 \\ -\tfrac{1}{2}\ln 3 & 1 \end{pmatrix}, \quad
#   w = \begin{pmatrix} 2 \\ -1 \end{pmatrix}, \quad b = 1
#   \quad\Longrightarrow\quad z = (0,\ \ln 3,\ -\ln 3), \quad a = (1/2,\ 3/4,\ 1/4), \quad s = (1/4,\ 3/16,\ 3/16).$$
#
# ## `jacobian_neuron_w`: $\partial z / \partial w$는 배치 행렬 $X$입니다
#
# $\partial z / \partial w$의 행 $i$에는 $z^{(i)} = w^\top x^{(i)} + b$를 $w_0, \dots, w_{d-1}$에 대해
# 미분한 값, 즉 $(x^{(i)})^\top$이 들어 있습니다. 행들을 쌓으면
#
# $$\frac{\partial z}{\partial w} = \begin{pmatrix} (x^{(0)})^\top \\ \vdots \\ (x^{(N-1)})^\top \end{pmatrix} = X,
#   \qquad
#   \frac{\partial a}{\partial w} = \operatorname{diag}(s)\, X, \text{ shape } (N, d):$$
#
# 즉 예제 $i$의 $X$ 행에 $s_i$를 곱한 것입니다. 이 과정의 레이아웃(예제가 행)에서는 강의에서
# $(x^{(i)})^\top$들을 쌓은 행렬이 정확히 `X`입니다.
#
# **흔한 실수:** `X`를 반환하는 것(시그모이드의 기울기를 잊음); `X.T`(형태 `(d, N)`, 전치됨);
# `s @ X`(형태 `(d,)`: 행들이 더해졌으며, 이는 야코비안이 아니라 $\sum_i a^{(i)}$의 그래디언트입니다).

# %% role="solution" function="jacobian_neuron_w" en_sha="f8c4a5861ff6"
def jacobian_neuron_w(X, w, b):
    """미니배치에서 a = sigmoid(X w + b)일 때 da/dw.

    X: (N, d) 예제가 행, w: (d,), b: float -> diag(a (1 - a)) X, 형태 (N, d).
    """
    ### BEGIN SOLUTION
    a = sigmoid(X @ w + b)
    return (a * (1.0 - a))[:, None] * X
    ### END SOLUTION


# %% role="visible" function="jacobian_neuron_w" en_sha="605c96bcc3ed"
# 풀이 예제(B부의 모든 함수에 같은 예제).
X = np.array([[0.0, 1.0], [np.log(3.0) / 2, 1.0], [-np.log(3.0) / 2, 1.0]])
w = np.array([2.0, -1.0])
check_answer("jacobian_neuron_w", jacobian_neuron_w(X, w, 1.0),
             [[0, 1 / 4], [3 * np.log(3.0) / 32, 3 / 16], [-3 * np.log(3.0) / 32, 3 / 16]],
             mistakes={"mistake_slope_forgotten": X})
# 비공개 테스트가 쓰는 모든 크기에서 형태 (N, d): N = d = 1(예제 하나짜리 배치), 양방향의 N != d, 100을 넘는 N.
rng = np.random.default_rng(5)
for N, d in ((1, 1), (4, 3), (2, 5), (120, 6)):
    check_shape(f"jacobian_neuron_w, N = {N}, d = {d}", jacobian_neuron_w(rng.normal(size=(N, d)), rng.normal(size=d), 0.3), (N, d))
visible_test_passed("jacobian_neuron_w")


# %% role="hidden" function="jacobian_neuron_w" en_sha="ff065c6725f3"
# 비공개 테스트(2점): N = d = 1, N != d, N이 100을 넘는 경우의 무작위 X, w, b.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_neuron_w")
### END HIDDEN TESTS

# %% [markdown] en_sha="04408f1d0247"
# ## `jacobian_neuron_b`: $\partial z / \partial b$는 1로 이루어진 열입니다
#
# 편향은 모든 예제가 공유하는 수 하나이며, 모든 $i$에 대해 $\partial z^{(i)} / \partial b = 1$입니다.
# $N$-벡터 $z$를 스칼라로 미분한 야코비안은 $N \times 1$ 열이며, 여기서는 $\mathbf{1}$입니다(위의
# 규약에 따라 평평하게, 형태 `(N,)`으로 반환합니다). 그리고
#
# $$\frac{\partial a}{\partial b} = \operatorname{diag}(s)\, \mathbf{1} = s
#   = \big(a^{(0)}(1 - a^{(0)}),\ \dots,\ a^{(N-1)}(1 - a^{(N-1)})\big),$$
#
# 이를 형태 `(N,)`인 평평한 배열로 반환합니다.
#
# **흔한 실수:** `(N,)` 대신 형태 `(1, N)`이나 `(N, 1)`(예를 들어
# `np.diag(s) @ np.ones((N, 1))`): `.ravel()`이나 `.reshape(-1)`로 펴고, `np.squeeze`는 쓰지
# 마십시오. 그 함수는 예제 하나짜리 배치($N = 1$)에서 배치 축까지 없애 형태 `()`인 수 하나를 반환합니다;
# `np.diag(s)`(형태 `(N, N)`: 마치 예제마다 편향이 따로 있는 것처럼); `s.sum()`(수 하나: 벡터 $a$가 아니라 $\sum_i a^{(i)}$의 도함수).

# %% role="solution" function="jacobian_neuron_b" en_sha="8ea41736ad10"
def jacobian_neuron_b(X, w, b):
    """미니배치에서 a = sigmoid(X w + b)일 때 da/db. b는 모든 예제가 공유하는 수 하나입니다.

    X: (N, d), w: (d,), b: float -> diag(a (1 - a))와 1로 이루어진 열의 곱, 형태 (N,).
    """
    ### BEGIN SOLUTION
    a = sigmoid(X @ w + b)
    return a * (1.0 - a)
    ### END SOLUTION


# %% role="visible" function="jacobian_neuron_b" en_sha="ca2b25f37c26"
# 풀이 예제(B부의 모든 함수에 같은 예제).
X = np.array([[0.0, 1.0], [np.log(3.0) / 2, 1.0], [-np.log(3.0) / 2, 1.0]])
w = np.array([2.0, -1.0])
check_answer("jacobian_neuron_b", jacobian_neuron_b(X, w, 1.0), [1 / 4, 3 / 16, 3 / 16],
             mistakes={"mistake_diag_for_shared_bias": np.diag([1 / 4, 3 / 16, 3 / 16]),
                       "mistake_summed_over_examples": 1 / 4 + 3 / 16 + 3 / 16})
# 비공개 테스트가 쓰는 모든 크기에서 형태 (N,): N = d = 1(예제 하나짜리 배치), 양방향의 N != d, 100을 넘는 N.
rng = np.random.default_rng(6)
for N, d in ((1, 1), (4, 3), (2, 5), (120, 6)):
    check_shape(f"jacobian_neuron_b, N = {N}, d = {d}", jacobian_neuron_b(rng.normal(size=(N, d)), rng.normal(size=d), 0.3), (N,))
visible_test_passed("jacobian_neuron_b")


# %% role="hidden" function="jacobian_neuron_b" en_sha="c15ac73816a9"
# 비공개 테스트(1점): N = d = 1, N != d, N이 100을 넘는 경우의 무작위 X, w, b.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_neuron_b")
### END HIDDEN TESTS

# %% [markdown] en_sha="3a4051a76538"
# ## `jacobian_neuron_x`: 배치 전체에 대한 야코비안
#
# **예제를 하나씩.** 예제 $j$, 즉 $x^{(j)}$($X$의 행 $j$)를 변수로 잡습니다. 이 예제는
# $z^{(j)}$에만 들어가며 $\partial z^{(j)} / \partial x^{(j)}_k = w_k$입니다. 다른 예제들의 $z$는
# 이 예제를 보지 않습니다. 따라서 $\partial z / \partial x^{(j)}$($N \times d$)는 행 $j$만
# $w^\top$이고 나머지는 0이며, 연쇄 법칙은 그 행에 $s_j$를 곱합니다.
#
# $$\frac{\partial a}{\partial x^{(j)}} = \operatorname{diag}(s)\, \frac{\partial z}{\partial x^{(j)}}
#   = \begin{pmatrix} 0 \\ \vdots \\ s_j\, w^\top \\ \vdots \\ 0 \end{pmatrix} \leftarrow \text{row } j .$$
#
# **배치 전체.** $X$는 형태 `(N, d)`인 행렬이므로, `(N,)` 벡터 $a$를 이 행렬로 미분한 야코비안의
# 형태는 `(N, N, d)`입니다.
#
# $$T[i, j, k] = \frac{\partial a^{(i)}}{\partial X_{jk}} = [\,i = j\,]\; s_i\, w_k .$$
#
# `T[:, j, :]`는 위의 행렬 $\partial a / \partial x^{(j)}$이고, `T[i]`($X$의 형태)는
# 행 $i$만 0이 아닙니다. 한 예제의 활성값은 다른 예제들에 의존하지 않기 때문입니다. 풀이 예제에서는
# `T[0, 0] = (1/2, -1/4)`, `T[1, 1] = T[2, 2] = (3/8, -3/16)`이고 나머지 원소는 모두 0입니다.
#
# `jacobian_dense_w`와 비교해 보십시오. 역할만 바뀌었을 뿐 패턴은 같습니다. 거기서는 출력 $i$가
# 행렬 $W$의 행 $i$와 공유 벡터 $x$를 사용했고, 여기서는 출력 $i$가 행렬 $X$의 행 $i$와 공유 벡터
# $w$를 사용합니다.
#
# **흔한 실수:** 형태 `(N, d)`인 `np.outer(s, w)`: 출력 축이 사라졌습니다(그것은 $X$에 대한
# $\sum_i a^{(i)}$의 그래디언트입니다); $w$가 들어갈 자리에 예제 $X$를 쓰는 것
# (`T[i, i, :] = s[i] * X[i]`).

# %% role="solution" function="jacobian_neuron_x" en_sha="51116b8d409e"
def jacobian_neuron_x(X, w, b):
    """a = sigmoid(X w + b)일 때 da/dX: T[i, j, k] = d a_i / d X[j, k] = (i == j) a_i (1 - a_i) w_k.

    X: (N, d), w: (d,), b: float -> 형태 (N, N, d).
    """
    ### BEGIN SOLUTION
    N = X.shape[0]
    a = sigmoid(X @ w + b)
    slope = a * (1.0 - a)
    return np.eye(N)[:, :, None] * (slope[:, None] * w[None, :])[:, None, :]
    ### END SOLUTION


# %% role="visible" function="jacobian_neuron_x" en_sha="29586754a129"
# 풀이 예제(B부의 모든 함수에 같은 예제).
X = np.array([[0.0, 1.0], [np.log(3.0) / 2, 1.0], [-np.log(3.0) / 2, 1.0]])
w = np.array([2.0, -1.0])
expected = np.zeros((3, 3, 2))
expected[0, 0] = [1 / 2, -1 / 4]
expected[1, 1] = [3 / 8, -3 / 16]
expected[2, 2] = [3 / 8, -3 / 16]
# "w가 들어갈 자리에 X"를 쓰면 T[i, i]에 s_i 곱하기 w가 아니라 s_i 곱하기 X의 행 i가 들어갑니다:
X_for_w = np.zeros((3, 3, 2))
X_for_w[0, 0] = [0, 1 / 4]
X_for_w[1, 1] = [3 * np.log(3.0) / 32, 3 / 16]
X_for_w[2, 2] = [-3 * np.log(3.0) / 32, 3 / 16]
check_answer("jacobian_neuron_x", jacobian_neuron_x(X, w, 1.0), expected, mistakes={"mistake_x_where_w_belongs": X_for_w})
# 비공개 테스트가 쓰는 모든 크기에서 형태 (N, N, d): N = d = 1(예제 하나짜리 배치), 양방향의 N != d, 100을 넘는 N.
rng = np.random.default_rng(7)
for N, d in ((1, 1), (4, 3), (2, 5), (120, 6)):
    check_shape(f"jacobian_neuron_x, N = {N}, d = {d}", jacobian_neuron_x(rng.normal(size=(N, d)), rng.normal(size=d), 0.3), (N, N, d))
visible_test_passed("jacobian_neuron_x")


# %% role="hidden" function="jacobian_neuron_x" en_sha="083c3921f224"
# 비공개 테스트(3점): N = d = 1, N != d, N이 100을 넘는 경우의 무작위 X, w, b.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_neuron_x")
### END HIDDEN TESTS

# %% [markdown] en_sha="11f0b9cbd673"
# ## 요약
#
# | 야코비안 | 공식 | 형태 |
# |---|---|---|
# | $\partial a / \partial z$, $\partial a / \partial b$ (층) | $\operatorname{diag}(s)$ | $(n, n)$ |
# | $\partial a / \partial x$ (층) | $\operatorname{diag}(s)\, W$ | $(n, m)$ |
# | $\partial a / \partial W$ (층) | $[i = j]\, s_i\, x_k$ | $(n, n, m)$ |
# | $\partial a / \partial w$ (뉴런, 배치) | $\operatorname{diag}(s)\, X$ | $(N, d)$ |
# | $\partial a / \partial b$ (뉴런, 배치) | $s$ | $(N,)$ |
# | $\partial a / \partial X$ (뉴런, 배치) | $[i = j]\, s_i\, w_k$ | $(N, N, d)$ |
#
# 모든 줄에서 $s = a \odot (1 - a)$입니다. ps4에서는 이런 활성값 위에 손실을 올리고, 이 야코비안들을
# 연쇄시켜 학습에 쓰는 그래디언트를 만듭니다.
