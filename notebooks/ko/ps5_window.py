# %% [markdown] en_sha="e97d851e6232"
# # ps5_window: 윈도우 분류기를 거치는 역전파, 그리고 학습
#
# ## 이 과제에서 다루는 내용
#
# ps1부터 ps4까지는 야코비안(Jacobian)을 하나씩 만들었습니다. 원소별 사상, 합과 곱, 완전 연결 층,
# 손실입니다. 이 종합 과제에서는 그것들을 CS224N 역전파(backpropagation) 강의의 신경망, 즉
# **개체명 윈도우 분류기**(named-entity window classifier)에 적용합니다. 이 분류기는 한 가지 질문에
# 답합니다: *이 윈도우의 중심 단어가 지명인가?* 여러분은 다음을 합니다.
#
# - 단어 윈도우 하나에 대한 분류기의 점수 $s$를 계산합니다(**A부**);
# - **연쇄 법칙**(chain rule)으로 $s$를 간단한 조각 하나씩 미분하며, 모든 그래디언트(gradient)에
#   **국소 오차 신호**(local error signal) $\delta = \partial s / \partial z$를 다시 씁니다;
# - 각 그래디언트를 **형태 규약**(shape convention)에 따라 반환하고(그래디언트는 매개변수의 형태를
#   가집니다), 경사 하강법이 야코비안 형식(Jacobian form)보다 이것을 원하는 이유를 봅니다;
# - 그래디언트를 **단어 벡터**(word vector) 자체까지 단어별로 되돌려 보냅니다(**A부**);
# - ps4의 이진 교차 엔트로피로 윈도우의 **미니배치**(mini-batch)로 넘어갑니다(**B부**);
# - 작은 합성 데이터 세트에서 경사 하강법으로 분류기를 **학습**시키고, 손실 곡선을 그리고, 학습에서
#   보지 못한 윈도우에 대한 정확도를 잽니다(**C부**).
#
# ## 채점 방식
#
# 각 함수는 비공개 테스트(hidden test) 셀 하나로 따로 채점되며, 배점은 다음과 같습니다(총 20점).
#
# | 함수 | 점수 | 함수 | 점수 |
# |---|---|---|---|
# | `window_vector` | 1 | `grad_window_u` | 1 |
# | `window_score` | 1 | `grad_window_embeddings` | 3 |
# | `window_delta` | 2 | `window_batch_loss` | 1 |
# | `grad_window_b` | 1 | `window_batch_grads` | 3 (그래디언트마다 1) |
# | `grad_window_W` | 2 | `train_window_classifier` | 3 (매개변수마다 1) |
# | `grad_window_x` | 2 | | |
#
# - 비공개 테스트는 무작위 입력으로 여러분의 함수를 호출합니다. $n \ne m$인 층(그래서 전치된 답은
#   형태가 틀리게 됩니다)과 정사각 층 하나, 한 단어가 두세 번 나오는 윈도우, 수백 단어 중 몇 개만 윈도우에 들어 있는 어휘,
#   두 레이블이 모두 있는 윈도우 하나짜리 배치와 이백 개짜리 배치, 그리고 여러 시드, 학습률, 에포크
#   수로 짧게 학습하는 경우입니다.
# - 답은 참조 해답과 비교됩니다. 먼저 타입과 형태를, 그다음 모든 원소를 비교합니다(상대 허용 오차
#   $10^{-10}$). 함수는 모든 비공개 테스트 사례가 일치해야 점수를 받습니다. 세 원소 튜플(triple)을
#   반환하는 함수는 맞는 원소마다 점수의 3분의 1을 받습니다.
# - 각 비공개 테스트 셀 아래의 피드백은 여러분의 점수, 처음 실패한 입력, 그리고 무엇이 틀렸는지를
#   보여 주며, 자주 하는 실수라면 그 이름을 짚어 줍니다(전치된 그래디언트, 야코비안 형식의 답,
#   빠진 $1/N$, 더하지 않고 대입한 반복 단어, ...).
# - 답은 해석적인 공식이어야 합니다. 준비 셀의 그래디언트 검사기는 여러분의 그래디언트를 *점검*하기
#   위한 것입니다. 유한 차분을 반환하는 채점 대상 함수는 점수를 받지 못합니다.
#
# ## 제출 전에 스스로 점검하는 방법
#
# - **작성한 모든 그래디언트에 그래디언트 검사기를 실행하십시오.** 준비 셀은
#   `gradient_check(name, f, x, analytic)`를 정의합니다. 이 함수는 여러분의 해석적 그래디언트를
#   스칼라 함수 `f`의 중심 차분과 비교하고 가장 큰 상대 오차를 출력합니다. 공개 테스트(visible test)도 이 함수를
#   호출합니다. 새 셀에서 여러분이 고른 입력으로 직접 호출해 보십시오.
# - 모든 해답 셀 아래에는 **공개 테스트**(visible test)가 있으니 실행하십시오. 손으로 검증할 수 있는
#   작은 풀이 예제로 값을 확인하고(답이 자주 하는 실수이면 그 이름을 짚어 줍니다), 비공개 테스트가
#   쓰는 모든 크기에서 형태를 확인한 뒤, 그래디언트 검사기를 실행합니다. 실패하면 무엇이 다른지
#   알려 주는 `AssertionError`를 일으킵니다. 통과해도 만점이 보장되지는 않지만(비공개 테스트는 다른
#   입력을 사용합니다), 실패하면 비공개 테스트도 실패합니다. 공개 테스트가 실패해도 *Run All*은
#   멈추지 않습니다. 통과한 테스트는 확인마다 한 줄을 출력합니다. 풀이 예제에는 `window_delta: 맞음`,
#   그래디언트 검사기에는 `window_delta: gradient check, largest relative error 3.1e-11`(1e-9 근처이거나
#   더 작은 수), 마지막 줄로는 `window_delta: 공개 테스트 통과`입니다. 형태 확인은 통과하면 아무것도
#   출력하지 않습니다.
# - JupyterLab에서 nbgrader의 **Validate** 버튼은 채점기처럼 노트북 전체를 처음부터 실행합니다.
#
# ## 규약 (과정의 계약: 채점기는 정확히 이것을 확인합니다)
#
# - 단어 벡터: `E`는 형태 `(V, d)`이며, 행 `i`는 단어 `V`개로 이루어진 어휘의 단어 `i`의 벡터입니다.
#   윈도우: `window`는 단어 인덱스 `2c + 1`개로 이루어진 정수 배열입니다(한 단어가 여러 번 나올 수
#   있습니다). `x`는 형태 `(m,)`이고 $m = (2c + 1) d$이며, `E[window[0]], E[window[1]], ...`을
#   이어 붙인 것입니다.
# - 은닉층: `W` `(n, m)`, `b` `(n,)`, $z = Wx + b$, $h = \sigma(z)$. 점수: `u` `(n,)`,
#   $s = u \cdot h$, Python `float`.
# - 스칼라의 그래디언트는 **형태 규약**을 따릅니다. 매개변수에 대한 그래디언트는 그 매개변수의
#   형태를 가집니다(`W`는 `(n, m)`, `b`는 `(n,)`, `E`는 `(V, d)`).
# - 미니배치 `X`는 형태 `(N, m)`이며, 행 `i`는 윈도우 $i$의 벡터 $x^{(i)}$입니다. `y` `(N,)`에는
#   레이블 0 또는 1이 들어 있습니다.
# - $\sigma(z) = 1 / (1 + e^{-z})$, 원소별로 적용합니다. 준비 셀의 `sigmoid`는 오버플로 없이 이를
#   계산하며, 호출해도 됩니다.
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


# %% role="setup" en_sha="4b244a96695e"
# 그래디언트 검사기(채점하지 않음): CS231n과 CS224N 과제에서처럼 중심 차분을 씁니다.


def numerical_gradient(f, x, h=1e-5):
    """x에서 스칼라 함수 f의 중심 차분. 그래디언트를 점검하는 데만 쓰고, 답으로 쓰지 마십시오.

    f: x 형태의 배열 -> float; x: 임의의 형태. x의 형태를 반환합니다:
    원소 k는 (f(x + h e_k) - f(x - h e_k)) / (2 h)입니다. x의 원소마다 f를 2번 계산합니다.
    """
    x = np.array(x, dtype=np.float64)  # 복사본: 아래에서 x를 제자리에서 바꿉니다
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
    """x에서 f의 해석적 그래디언트를 중심 차분과 비교하고, 상대 오차를 출력하고 반환합니다.

    원소 k의 오차는 |analytic_k - numeric_k| / max(1, |analytic_k|, |numeric_k|)입니다(CS224N의
    gradcheck와 같습니다). 맞는 그래디언트는 약 1e-9 이하, 틀린 그래디언트는 1e-3 이상을 줍니다.
    형태가 다르거나 가장 큰 오차가 `tolerance`보다 크면 AssertionError를 일으킵니다.
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


# %% role="setup" en_sha="7cf3bf73a02a"
# 작은 합성 개체명 데이터 세트(채점하지 않음): 5단어 윈도우이며, 중심 단어가 지명이면
# 레이블이 1입니다.

LOCATIONS = ("paris", "seoul", "london", "tokyo", "berlin", "cairo", "lima", "oslo", "rome", "busan", "madrid", "nairobi")
NAMES = ("alice", "minho", "jiwoo", "omar", "maria", "chen", "sara", "tom")
TIMES = ("may", "june", "march", "april", "winter", "summer")  # 이 단어들도 흔히 "in" 뒤에 옵니다
CUES = ("in", "to", "from", "near")
FILLERS = ("the", "a", "we", "she", "met", "lives", "stayed", "works", "arrived", "visited", "museum",
           "week", "city", "friends", "last", "and", "with", "early", "late", "was")


def make_ner_data(seed=0, n_windows=800, dim=8, test_fraction=0.25):
    """윈도우 분류기를 위한, 시드로 고정된 합성 데이터 세트.

    (words, E, train_windows, train_y, test_windows, test_y)를 반환합니다: 어휘(단어 V개의
    리스트), 모든 지명 단어가 한 방향을 공유하는 단어 벡터 E (V, dim), 그리고 윈도우(단어 인덱스의
    정수 배열 (N, 5))와 {0., 1.}의 레이블 (N,)을 무작위로 학습 세트와 테스트 세트로 나눈 것입니다.
    지명 앞에는 보통 "in"이 옵니다. 다른 중심 단어(이름, 시기, 흔한 단어) 앞에도 가끔 "in"이 오므로,
    단서 단어나 중심 단어 하나만으로는 모든 윈도우를 판별할 수 없습니다.
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


# %% [markdown] en_sha="eb5e5160e613"
# # A부: 윈도우 하나
#
# ## 과제
#
# 개체명 인식(named-entity recognition)은 텍스트의 단어에 레이블을 붙입니다. *Paris*는 지명이고
# *Alice*는 사람입니다. 강의의 가장 간단한 방법은 각 단어를 **문맥 속에서** 분류합니다. 단어와 그
# 양쪽의 $c$개 단어, 즉 $2c + 1$개 단어의 **윈도우**(window)를 잡고, 이진 분류기에게 중심 단어가
# 지명인지 묻습니다. "*museum in **Paris** last week*"($c = 2$)에서 답은 '예'이며, 중심 앞의 단어
# "in"이 좋은 단서입니다.
#
# 각 단어에는 $d$개의 수로 된 **단어 벡터**가 있으며, 이는 행렬 `E` `(V, d)`의 한 행입니다. 윈도우는
# 단어들의 벡터를 차례로 이어 붙여 긴 벡터 하나가 됩니다.
#
# $$x = \begin{pmatrix} x_{\text{museum}} \\ x_{\text{in}} \\ x_{\text{Paris}} \\ x_{\text{last}} \\ x_{\text{week}} \end{pmatrix}
#   \in \mathbb{R}^{m}, \quad m = (2c + 1)\, d .$$
#
# 그다음 시그모이드 은닉층 하나(ps3)와 점수가 이어집니다.
#
# $$z = Wx + b, \qquad h = \sigma(z), \qquad s = u^\top h = u \cdot h,$$
#
# 여기서 `W` `(n, m)`, `b` `(n,)`, `u` `(n,)`입니다. 점수가 높으면 "지명"을 뜻합니다. (B부에서는
# 시그모이드가 $s$를 확률로 바꿉니다.)
#
# ## `window_vector`: 단어를 찾아 이어 붙이기
#
# `E`의 행 `window[j]`는 $x$의 원소 $jd, \dots, jd + d - 1$로 갑니다. 팬시 인덱싱(fancy indexing)은
# 모든 단어를 한꺼번에 찾습니다. `E[window]`는 위치마다 한 행씩, 형태 `(2c + 1, d)`입니다. 이를 행
# 순서대로 평평하게 펴십시오.
#
# **공개 테스트의 풀이 예제:** `E`의 행은 $(1, 0), (0, 1), (2, -1), (0.5, 0.5)$이고
# 윈도우는 $(2, 0, 2)$입니다: $x = (2, -1,\ 1, 0,\ 2, -1)$. 단어 2가 두 번 나오므로 그 벡터도 두 번
# 나옵니다.
#
# **흔한 실수:** 열 순서로 펴는 것(`.flatten(order="F")`나 `E[window].T`);
# `(2c + 1, d)` 행렬을 반환하는 것.

# %% role="solution" function="window_vector" en_sha="daa13008d446"
def window_vector(E, window):
    """E (V, d) 단어 벡터, window (2c + 1,) 정수 단어 인덱스 -> x (m,), m = (2c + 1) d: 행 E[window[j]]를 차례로 이은 것."""
    ### BEGIN SOLUTION
    return E[window].reshape(-1)
    ### END SOLUTION


# %% role="visible" function="window_vector" en_sha="0e4e009b5571"
E = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0], [0.5, 0.5]])
check_answer("window_vector", window_vector(E, np.array([2, 0, 2])), [2, -1, 1, 0, 2, -1],
             mistakes={"mistake_window_by_columns": [2, 1, 2, -1, 0, -1]})
# 형태 ((2c + 1) d,)를 비공개 테스트가 쓰는 모든 크기에서 확인합니다: d = 1, 단어 하나짜리 어휘, 반복 단어,
# 그리고 윈도우보다 훨씬 큰 어휘.
rng = np.random.default_rng(0)
for V, d, window in ((4, 1, [2, 0, 2]), (1, 2, [0, 0, 0]), (6, 2, [3, 1, 3, 5, 3]), (300, 3, [7, 250, 7, 0, 299]),
                     (50, 4, [1, 0, 3, 1, 2, 0, 1])):
    check_shape(f"window_vector, V = {V}, d = {d}, {len(window)} words", window_vector(rng.normal(size=(V, d)), np.array(window)),
                (len(window) * d,))
visible_test_passed("window_vector")

# %% role="hidden" function="window_vector" en_sha="4f6b9c573f49"
# 비공개 테스트(1점): 1에서 300 단어의 어휘, 반복 단어가 있는 3에서 7 단어의 윈도우.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_vector")
### END HIDDEN TESTS

# %% [markdown] en_sha="ffaeb2df5ed8"
# ## `window_score`: $s = u \cdot \sigma(Wx + b)$
#
# $s$를 Python `float`로 반환하십시오.
#
# **여기서부터 쓰는 풀이 예제**($n = 2$, $m = 3$):
#
# $$x = \begin{pmatrix} 1 \\ 2 \\ -1 \end{pmatrix}, \quad
#   W = \begin{pmatrix} 1 & 0 & 1 \\ 1 & 1 & 3 \end{pmatrix}, \quad
#   b = \begin{pmatrix} 0 \\ \ln 3 \end{pmatrix}, \quad
#   u = \begin{pmatrix} 3 \\ -2 \end{pmatrix}.$$
#
# $Wx = (1 - 1,\ 1 + 2 - 3) = (0, 0)$이므로 $z = b = (0, \ln 3)$이고
# $h = (\sigma(0), \sigma(\ln 3)) = (1/2,\ 3/4)$입니다($\sigma(\ln 3) = 1/(1 + 1/3)$이므로). 점수는
# $s = 3 \cdot \tfrac12 - 2 \cdot \tfrac34 = 0$입니다. 공개 테스트는 $b = (0, 0)$도 사용하며, 이때
# $h = (1/2, 1/2)$이고 $s = 1/2$입니다.

# %% role="solution" function="window_score" en_sha="2220aaf7ebfe"
def window_score(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> s = u . sigmoid(W x + b), float."""
    ### BEGIN SOLUTION
    return float(u @ sigmoid(W @ x + b))
    ### END SOLUTION


# %% role="visible" function="window_score" en_sha="c31c4300c6c9"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
score = window_score(x, W, b, u)
assert isinstance(score, float), f"window_score: return a Python float, for example float(...), not a {type(score).__name__}"
check_answer("window_score", score, 0.0)
check_answer("window_score", window_score(x, W, np.zeros(2), u), 0.5)
# 형태 ()(수 하나)를 비공개 테스트가 쓰는 모든 크기에서 확인합니다: n = 1, 양방향의 n != m, 100을 넘는 n, 그리고 n = m.
rng = np.random.default_rng(1)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"window_score, n = {n}, m = {m}", window_score(x_r, W_r, b_r, u_r), ())
visible_test_passed("window_score")

# %% role="hidden" function="window_score" en_sha="0295827fee1a"
# 비공개 테스트(1점): n != m인 무작위 층(n은 1에서 120까지)과 정사각 층 하나.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_score")
### END HIDDEN TESTS

# %% [markdown] en_sha="29997d23756f"
# ## 점수를 조각으로 나누기: 연쇄 법칙
#
# 점수를 간단한 함수들의 사슬로 씁니다. 각 함수는 ps1-ps4에서 미분해 본 것입니다.
#
# | 단계 | 계산 | 입력 |
# |---|---|---|
# | 1 | $z = Wx + b$ | $x$ |
# | 2 | $h = \sigma(z)$ | $z$ |
# | 3 | $s = u^\top h$ | $h$ |
#
# 따라서 $x \to z \to h \to s$입니다.
#
# 이들의 야코비안은 다음과 같습니다. 분자 레이아웃(numerator layout)이므로 출력마다 행이 하나입니다.
#
# | 조각 | 야코비안 | 형태 | 출처 |
# |---|---|---|---|
# | $s = u^\top h$ | $\partial s / \partial h = u^\top$ | $1 \times n$ | 내적 |
# | $h = \sigma(z)$ | $\partial h / \partial z = \operatorname{diag}(\sigma'(z)) = \operatorname{diag}(h \odot (1 - h))$ | $n \times n$ | ps1 |
# | $z = Wx + b$ | $\partial z / \partial b = I$, $\ \partial z / \partial x = W$ | $n \times n$, $n \times m$ | ps3 |
# | $z = Wx + b$ | $\partial z_i / \partial W_{jk} = [i = j]\, x_k$ | $n \times n \times m$ | ps3 |
#
# 연쇄 법칙은 $s$에서 변수까지 거슬러 가는 경로를 따라 이들을 곱합니다. 편향에 대해서는
#
# $$\frac{\partial s}{\partial b} = \frac{\partial s}{\partial h}\,\frac{\partial h}{\partial z}\,\frac{\partial z}{\partial b}
#   = u^\top \operatorname{diag}\big(h \odot (1 - h)\big)\, I = \big(u \odot h \odot (1 - h)\big)^\top .$$
#
# 행벡터에 대각 행렬(diagonal matrix)을 곱하면 원소끼리 곱해집니다. 코드에서는 $n \times n$ 행렬이
# 전혀 필요하지 않습니다.
#
# ## 국소 오차 신호 $\delta$
#
# 앞의 두 인수 $\partial s / \partial h \cdot \partial h / \partial z = \partial s / \partial z$는
# 이 신경망의 **모든** 그래디언트에 나타납니다. $b$, $W$, $x$는 모두 $z$를 거쳐 $s$에 닿기 때문입니다.
# 강의에서는 이 공통 부분에 이름을 붙여 은닉층의 **국소 오차 신호**라고 부릅니다.
#
# $$\delta = \frac{\partial s}{\partial z} = u \odot h \odot (1 - h) \in \mathbb{R}^n .$$
#
# $\delta_i$는 유닛 $i$의 입력 $z_i$가 움직일 때 점수가 얼마나 움직이는지를 말해 줍니다. 일단
# $\delta$를 계산하면, 각 그래디언트는 $\delta$에 그 변수에 대한 $z$의 야코비안, 즉 서로 다른 단 한
# 조각을 곱한 것입니다.
#
# $$\frac{\partial s}{\partial b} = \delta^\top I, \qquad
#   \frac{\partial s}{\partial x} = \delta^\top W, \qquad
#   \frac{\partial s}{\partial W_{jk}} = \sum_i \delta_i\, \frac{\partial z_i}{\partial W_{jk}} = \delta_j\, x_k .$$
#
# 이 재사용이 역전파를 값싸게 만듭니다. $\delta$를 위해 한 번 한 계산을 그 아래의 모든 매개변수가
# 나눠 쓰며, 더 깊은 신경망에서는 한 층의 $\delta$가 다음 층 $\delta$의 출발점이 됩니다.
#
# ## `window_delta`: $\delta = u \odot h \odot (1 - h)$
#
# **공개 테스트의 풀이 예제:** $h = (1/2, 3/4)$이므로 $h \odot (1 - h) = (1/4, 3/16)$이고,
# $\delta = (3 \cdot \tfrac14,\ -2 \cdot \tfrac{3}{16}) = (3/4,\ -3/8)$입니다.
#
# **흔한 실수:** $u$를 빠뜨리는 것(그것은 $\partial s / \partial z$가 아니라 $\partial h / \partial z$입니다);
# $\sigma'$을 빠뜨리는 것(그것은 $\partial s / \partial h = u$입니다); $\sigma(z)(1 - z)$를 쓰는 것.
#
# 공개 테스트는 **그래디언트 검사기**도 실행합니다. $\delta$는 $z \mapsto u \cdot \sigma(z)$의
# 그래디언트이므로, `gradient_check`가 이를 그 함수의 중심 차분과 비교합니다. 아래의 모든
# 그래디언트에도 똑같이 해 보십시오.

# %% role="solution" function="window_delta" en_sha="2b51618088f7"
def window_delta(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> delta = ds/dz = u * h * (1 - h), h = sigmoid(W x + b), 형태 (n,)."""
    ### BEGIN SOLUTION
    h = sigmoid(W @ x + b)
    return u * h * (1.0 - h)
    ### END SOLUTION


# %% role="visible" function="window_delta" en_sha="b6a1a73d0156"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
h = np.array([1 / 2, 3 / 4])  # sigmoid(W x + b)
check_answer("window_delta", window_delta(x, W, b, u), [3 / 4, -3 / 8],
             mistakes={"mistake_delta_without_u": h * (1 - h), "mistake_delta_without_sigma_prime": u})
# 형태 (n,)를 비공개 테스트가 쓰는 모든 크기에서 확인합니다: n = 1, 양방향의 n != m, 100을 넘는 n, 그리고 n = m.
rng = np.random.default_rng(2)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"window_delta, n = {n}, m = {m}", window_delta(x_r, W_r, b_r, u_r), (n,))
rng = np.random.default_rng(2)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("window_delta", lambda z: u_r @ sigmoid(z), W_r @ x_r + b_r, window_delta(x_r, W_r, b_r, u_r))
visible_test_passed("window_delta")

# %% role="hidden" function="window_delta" en_sha="e10ecb53fb92"
# 비공개 테스트(2점): n != m인 무작위 층(n은 1에서 120까지)과 정사각 층 하나.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_delta")
### END HIDDEN TESTS

# %% [markdown] en_sha="6f1306875e90"
# ## `grad_window_b`: $\partial s / \partial b = \delta$
#
# $\partial z / \partial b = I$이므로 편향에 대한 그래디언트가 *곧* 국소 오차 신호입니다. 야코비안
# 형식에서는 행 $\delta^\top$($1 \times n$)이고, 형태 규약에서는 벡터 $\delta$, 즉 `b`의 형태인
# 형태 `(n,)`입니다. 여기와 아래에서 여러분의 `window_delta`를 호출해도 됩니다(각 함수는 따로
# 채점되므로, 그렇게 하면 그 함수의 실수 때문에 여기서도 점수를 잃게 됩니다).
#
# **공개 테스트의 풀이 예제:** $(3/4,\ -3/8)$.

# %% role="solution" function="grad_window_b" en_sha="30b3f385d1be"
def grad_window_b(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> ds/db = delta, 형태 (n,)."""
    ### BEGIN SOLUTION
    h = sigmoid(W @ x + b)
    return u * h * (1.0 - h)
    ### END SOLUTION


# %% role="visible" function="grad_window_b" en_sha="c80017e76ebe"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
h = np.array([1 / 2, 3 / 4])  # sigmoid(W x + b)
check_answer("grad_window_b", grad_window_b(x, W, b, u), [3 / 4, -3 / 8],
             mistakes={"mistake_delta_without_u": h * (1 - h), "mistake_delta_without_sigma_prime": u})
# 형태 (n,)를 비공개 테스트가 쓰는 모든 크기에서 확인합니다: n = 1, 양방향의 n != m, 100을 넘는 n, 그리고 n = m.
rng = np.random.default_rng(3)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"grad_window_b, n = {n}, m = {m}", grad_window_b(x_r, W_r, b_r, u_r), (n,))
rng = np.random.default_rng(3)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("grad_window_b", lambda b: window_score(x_r, W_r, b, u_r), b_r, grad_window_b(x_r, W_r, b_r, u_r))
visible_test_passed("grad_window_b")

# %% role="hidden" function="grad_window_b" en_sha="00548ee6dcc7"
# 비공개 테스트(1점): n != m인 무작위 층(n은 1에서 120까지)과 정사각 층 하나.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_b")
### END HIDDEN TESTS

# %% [markdown] en_sha="af9254d067f4"
# ## 야코비안 형식 대 형태 규약: $\partial s / \partial W$
#
# $s$는 수 하나이고 $W$의 원소는 $n \times m$개입니다. **야코비안**으로는(출력마다 행 하나, 입력마다
# 열 하나, ps3의 `(out, n, m)` 레이아웃) $\partial s / \partial W$는
# $1 \times n \times m$ 배열입니다. ps3의 `jacobian_dense_w`에 출력이 하나일 때 주는 것과 정확히 같습니다.
#
# 경사 하강법은 매개변수를 그 그래디언트로 원소마다 갱신합니다.
#
# $$W \leftarrow W - \alpha\, \frac{\partial s}{\partial W} .$$
#
# 이 뺄셈을 하려면 그래디언트가 **매개변수의 형태** `(n, m)`이어야 하고, 원소
# $[j, k] = \partial s / \partial W_{jk}$를 가져야 합니다. 이것이 **형태 규약**입니다: 그래디언트의 형태 =
# 매개변수의 형태. 수들은 야코비안 형식과 같고 배열만 다릅니다(길이 1인 맨 앞 축을 없앱니다). 흔히
# 쓰는, 그리고 강의에서도 쓰는 방법은 야코비안으로 유도한 뒤 결과를 형태 규약으로 반환하는 것입니다.
#
# $\delta$를 재사용하면 $\partial s / \partial W_{jk} = \delta_j x_k$입니다. 이를
# `(n, m)` 배열로 모으면 **외적**(outer product)이 됩니다.
#
# $$\frac{\partial s}{\partial W} = \delta\, x^\top \quad (n \times 1 \text{ times } 1 \times m),$$
#
# 즉 `np.outer(delta, x)`입니다. 행 $j$는 $\delta_j\, x^\top$입니다. 유닛 $j$의 가중치는 입력에
# 비례해 변하며, 그 크기는 유닛의 오차 신호로 조정됩니다. $W_{jk}$는 $z_j$에만 영향을 주므로 유닛에
# 대한 합이 남지 않습니다.
#
# **공개 테스트의 풀이 예제:** $\delta = (3/4, -3/8)$이고
# $x = (1, 2, -1)$일 때 $\delta\, x^\top$은
# $\begin{pmatrix} 3/4 & 3/2 & -3/4 \\ -3/8 & -3/4 & 3/8 \end{pmatrix}$입니다.
#
# **흔한 실수:** $x\, \delta^\top$(전치, 형태 `(m, n)`); 야코비안 형식의 맨 앞 축을 남겨 두는 것
# (형태 `(1, n, m)`).

# %% role="solution" function="grad_window_W" en_sha="4180f0a1426f"
def grad_window_W(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> ds/dW = delta x^T, [i, k] = delta_i x_k, 형태 (n, m)."""
    ### BEGIN SOLUTION
    h = sigmoid(W @ x + b)
    return np.outer(u * h * (1.0 - h), x)
    ### END SOLUTION


# %% role="visible" function="grad_window_W" en_sha="fef2bbd564b1"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
delta, h = np.array([3 / 4, -3 / 8]), np.array([1 / 2, 3 / 4])
expected = np.outer(delta, x)  # [[3/4, 3/2, -3/4], [-3/8, -3/4, 3/8]]
check_answer("grad_window_W", grad_window_W(x, W, b, u), expected,
             mistakes={"mistake_grad_W_transposed": np.outer(x, delta), "mistake_jacobian_form": expected[None],
                       "mistake_delta_without_u": np.outer(h * (1 - h), x), "mistake_delta_without_sigma_prime": np.outer(u, x)})
# 형태 (n, m)을 비공개 테스트가 쓰는 모든 크기에서 확인합니다: n = 1, 양방향의 n != m, 100을 넘는 n, 그리고 n = m.
rng = np.random.default_rng(4)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"grad_window_W, n = {n}, m = {m}", grad_window_W(x_r, W_r, b_r, u_r), (n, m))
rng = np.random.default_rng(4)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("grad_window_W", lambda W: window_score(x_r, W, b_r, u_r), W_r, grad_window_W(x_r, W_r, b_r, u_r))
visible_test_passed("grad_window_W")

# %% role="hidden" function="grad_window_W" en_sha="6158c9b47079"
# 비공개 테스트(2점): n != m인 무작위 층(n은 1에서 120까지)과 정사각 층 하나.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_W")
### END HIDDEN TESTS

# %% [markdown] en_sha="12d28272d96c"
# ## `grad_window_x`: $\partial s / \partial x = W^\top \delta$
#
# $\partial z / \partial x = W$를 거치는 사슬은 행 $\delta^\top W$($1 \times m$)를 줍니다. 원소
# $k$는 $\sum_i \delta_i W_{ik}$, 즉 모든 유닛의 오차 신호에 각 유닛이 입력 $k$를 얼마나 강하게
# 읽는지를 가중치로 곱해 더한 것입니다. 형태 규약에서는 벡터
#
# $$\frac{\partial s}{\partial x} = W^\top \delta, \text{ shape } (m,),$$
#
# 이며, 수들은 같습니다(`W.T @ delta`와 `delta @ W`는 같습니다). 이것이 아래층, 여기서는 단어
# 벡터로 *내려* 보내는 오차 신호입니다.
#
# **공개 테스트의 풀이 예제:**
# $W^\top \delta = \big(\tfrac34 - \tfrac38,\ -\tfrac38,\ \tfrac34 - \tfrac98\big) = (3/8,\ -3/8,\ -3/8)$.
# 테스트는 먼저 $W \delta$도 계산되어 구별할 수 있는 정사각 층을 시험합니다.
# $W = \begin{pmatrix} 1 & 1 \\ 3 & 3 \end{pmatrix}$, $x = (1, -1)$(이번에도 $Wx = 0$이므로 $\delta$가 같습니다),
# $W^\top \delta = (3/4 - 9/8,\ 3/4 - 9/8) = (-3/8,\ -3/8)$이고, $W \delta = (3/8,\ 9/8)$입니다.
#
# **흔한 실수:** $W \delta$($n \ne m$이면 형태조차 맞지 않습니다. `W @ delta`에는 길이 $m$인
# `delta`가 필요합니다); $\sigma'$을 잊고 $W^\top u$를 쓰는 것.

# %% role="solution" function="grad_window_x" en_sha="7345c2dd9fde"
def grad_window_x(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> ds/dx = W^T delta, 형태 (m,)."""
    ### BEGIN SOLUTION
    h = sigmoid(W @ x + b)
    return W.T @ (u * h * (1.0 - h))
    ### END SOLUTION


# %% role="visible" function="grad_window_x" en_sha="dc844fea2f2d"
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
delta, h = np.array([3 / 4, -3 / 8]), np.array([1 / 2, 3 / 4])
# 먼저 W delta도 계산되는 정사각 W(n = m = 2): W^T delta = (-3/8, -3/8), W delta = (3/8, 9/8).
W_square, x_square = np.array([[1.0, 1.0], [3.0, 3.0]]), np.array([1.0, -1.0])
check_answer("grad_window_x", grad_window_x(x_square, W_square, b, u), [-3 / 8, -3 / 8],
             mistakes={"mistake_grad_x_W_delta": W_square @ delta, "mistake_delta_without_u": W_square.T @ (h * (1 - h)),
                       "mistake_delta_without_sigma_prime": W_square.T @ u})
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
check_answer("grad_window_x", grad_window_x(x, W, b, u), [3 / 8, -3 / 8, -3 / 8],
             mistakes={"mistake_delta_without_u": W.T @ (h * (1 - h)), "mistake_delta_without_sigma_prime": W.T @ u})
# 형태 (m,)을 비공개 테스트가 쓰는 모든 크기에서 확인합니다: n = 1, 양방향의 n != m, 100을 넘는 n, 그리고 n = m.
rng = np.random.default_rng(5)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"grad_window_x, n = {n}, m = {m}", grad_window_x(x_r, W_r, b_r, u_r), (m,))
rng = np.random.default_rng(5)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("grad_window_x", lambda x: window_score(x, W_r, b_r, u_r), x_r, grad_window_x(x_r, W_r, b_r, u_r))
visible_test_passed("grad_window_x")

# %% role="hidden" function="grad_window_x" en_sha="4886ef92993d"
# 비공개 테스트(2점): n != m인 무작위 층(n은 1에서 120까지)과 정사각 층 하나.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_x")
### END HIDDEN TESTS

# %% [markdown] en_sha="bc758a9d2695"
# ## `grad_window_u`: $\partial s / \partial u = h$
#
# $s = u \cdot h$는 $u$에 대해 선형입니다: $\partial s / \partial u_i = h_i$. 여기에는 $\delta$가 없습니다.
# $u$는 은닉층 아래가 아니라 위에 있기 때문입니다.
#
# **공개 테스트의 풀이 예제:** $h = (1/2,\ 3/4)$.

# %% role="solution" function="grad_window_u" en_sha="b33fbf29b470"
def grad_window_u(x, W, b, u):
    """x (m,), W (n, m), b (n,), u (n,) -> ds/du = h = sigmoid(W x + b), 형태 (n,)."""
    ### BEGIN SOLUTION
    return sigmoid(W @ x + b)
    ### END SOLUTION


# %% role="visible" function="grad_window_u" en_sha="dbeb07e0f190"
x = np.array([1.0, 2.0, -1.0])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
check_answer("grad_window_u", grad_window_u(x, W, b, u), [1 / 2, 3 / 4])
# 형태 (n,)를 비공개 테스트가 쓰는 모든 크기에서 확인합니다: n = 1, 양방향의 n != m, 100을 넘는 n, 그리고 n = m.
rng = np.random.default_rng(6)
for n, m in ((1, 3), (3, 10), (5, 15), (2, 150), (120, 25), (3, 3)):
    x_r, W_r, b_r, u_r = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"grad_window_u, n = {n}, m = {m}", grad_window_u(x_r, W_r, b_r, u_r), (n,))
rng = np.random.default_rng(6)
x_r, W_r, b_r, u_r = rng.normal(size=10), rng.normal(size=(3, 10)), rng.normal(size=3), rng.normal(size=3)
gradient_check("grad_window_u", lambda u: window_score(x_r, W_r, b_r, u), u_r, grad_window_u(x_r, W_r, b_r, u_r))
visible_test_passed("grad_window_u")

# %% role="hidden" function="grad_window_u" en_sha="d248afce819c"
# 비공개 테스트(1점): n != m인 무작위 층(n은 1에서 120까지)과 정사각 층 하나.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_u")
### END HIDDEN TESTS

# %% [markdown] en_sha="7e8bb703d1a6"
# ## `grad_window_embeddings`: 단어 벡터에 대한 그래디언트
#
# 단어 벡터도 매개변수입니다. 학습은 지명을 더 쉽게 알아보도록 *Paris*의 벡터를 움직일 수 있습니다.
# 점수는 $x$를 통해서만 `E`에 의존하며, $x$의 블록 $j$(원소 $jd, \dots, jd + d - 1$)가 **곧**
# `E`의 행 `window[j]`입니다. 따라서 연쇄 법칙에 따라
#
# 1. $\partial s / \partial x = W^\top \delta$를 원소 $d$개씩 $2c + 1$개 블록으로, 윈도우의 위치마다
#    하나씩 나눕니다;
# 2. 블록 $j$는 `E`의 행 `window[j]`에 대한 그래디언트입니다. 0으로 채운 `(V, d)` 배열의 그 행에
#    이를 **더합니다**(형태 규약: `E`의 형태).
#
# 윈도우에 없는 단어의 행은 0으로 남습니다. 점수에 참여하지 않았기 때문입니다. 단어가 100 000개인
# 실제 어휘에서는 거의 모든 행이 그러하며, 라이브러리가 등장한 단어의 행만 갱신하는 이유가 이것입니다.
#
# **두 번 나오는 단어**("*the museum of the city*"): 이때 `E`의 행 `window[j]`는 $x$의 두
# 블록에 들어갑니다. 그 행이 바뀌면 두 블록이 모두 움직이고, 연쇄 법칙은 변수에서 $s$까지의 모든
# 경로에 대해 합하므로, 두 블록의 그래디언트는 **더해집니다**. 여기서는 numpy에 주의하십시오.
# 인덱스가 반복되면 `G[window] += blocks`는 두 번 더하지 *않습니다*(두 번째 쓰기가 첫 번째를
# 덮어씁니다). `+=`를 쓰는 반복문이나 `np.add.at(G, window, blocks)`는 두 번 더합니다.
#
# **공개 테스트의 풀이 예제**(`d = 1`, 반복 단어): `E`의 행은
# $(1), (2), (7)$이고 윈도우는 $(0, 1, 0)$이므로 $x = (1, 2, 1)$입니다.
# $W = \begin{pmatrix} 1 & 0 & -1 \\ 1 & 1 & -3 \end{pmatrix}$이면 $Wx = (0, 0)$이 되어 앞에서와 같은
# $z$, $h$, $\delta = (3/4, -3/8)$을 얻고(같은 $b$와 $u$),
# $\partial s / \partial x = W^\top \delta = (3/8,\ -3/8,\ 3/8)$입니다. 단어 0은 위치 0과 2에 있으므로
# 그 행은 $3/8 + 3/8 = 3/4$를 받습니다. 단어 1은 $-3/8$을 받고, 단어 2는 윈도우에 없으므로 0입니다.
# $\partial s / \partial E = \big((3/4),\ (-3/8),\ (0)\big)$이며 형태는 `(3, 1)`입니다.
#
# **흔한 실수:** 대입해서(`G[window] = ...`나 반복 인덱스에 `+=`) 반복 단어가 블록 하나만 갖게
# 되는 것; `(V, d)` 배열 대신 `(m,)`이나 `(2c + 1, d)` 블록을 반환하는 것.

# %% role="solution" function="grad_window_embeddings" en_sha="3e183101d4a8"
def grad_window_embeddings(E, window, W, b, u):
    """E (V, d), window (2c + 1,) int, W (n, m), b (n,), u (n,) -> ds/dE, 형태 (V, d).

    ds/dx의 블록 j(원소 j d ... (j + 1) d - 1)를 행 window[j]에 더합니다. 반복 단어의 블록은
    합쳐지고, 윈도우 밖 단어의 행은 0입니다.
    """
    ### BEGIN SOLUTION
    x = E[window].reshape(-1)
    h = sigmoid(W @ x + b)
    blocks = (W.T @ (u * h * (1.0 - h))).reshape(len(window), E.shape[1])
    grad = np.zeros(E.shape)
    np.add.at(grad, window, blocks)
    return grad
    ### END SOLUTION


# %% role="visible" function="grad_window_embeddings" en_sha="332565f0c0e4"
E = np.array([[1.0], [2.0], [7.0]])
W = np.array([[1.0, 0.0, -1.0], [1.0, 1.0, -3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
# ds/dx = (3/8, -3/8, 3/8): 위치마다 블록 하나. 단어 0은 위치 0과 2에 있습니다.
check_answer("grad_window_embeddings", grad_window_embeddings(E, np.array([0, 1, 0]), W, b, u), [[3 / 4], [-3 / 8], [0]],
             mistakes={"mistake_repeated_word_assigned": [[3 / 8], [-3 / 8], [0]],
                       "mistake_window_blocks": [[3 / 8], [-3 / 8], [3 / 8]]})
# 형태 (V, d)를 비공개 테스트가 쓰는 모든 크기에서 확인합니다: d = 1, 단어 하나짜리 어휘, 세 번 나오는 단어, V = 300.
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

# %% role="hidden" function="grad_window_embeddings" en_sha="ef708ddf1f3b"
# 비공개 테스트(3점): 한 단어가 2번이나 3번 나오는 윈도우, 1에서 300 단어의 어휘.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_window_embeddings")
### END HIDDEN TESTS

# %% [markdown] en_sha="286ce7d77cdf"
# # B부: 윈도우의 미니배치
#
# 학습에서는 많은 윈도우를 한꺼번에 봅니다. 윈도우들의 벡터를 `X` `(N, m)`의 행으로 쌓으면,
# 모든 윈도우의 은닉층을 한꺼번에 다음과 같이 씁니다.
#
# $$H = \sigma(X W^\top + b) \ \ (N, n), \qquad s = H u \ \ (N,):$$
#
# $H$의 행 $i$는 $h^{(i)}$이고, $s_i$는 윈도우 $i$의 점수입니다. (`X @ W.T`는 모든 행에 대해
# $W x^{(i)}$를 계산하고, `+ b`는 편향을 행을 따라 브로드캐스팅합니다.)
#
# 점수는 중심 단어가 지명일 확률 $p = \sigma(s)$가 되고, 손실은 ps4의 **이진 교차 엔트로피**(binary
# cross-entropy)를 배치에 대해 평균한 것입니다.
#
# $$J = -\frac{1}{N} \sum_{i=0}^{N-1} \Big[\, y_i \ln p_i + (1 - y_i) \ln (1 - p_i) \Big], \qquad p = \sigma(s).$$
#
# ## `window_batch_loss`
#
# $J$를 Python `float`로 반환하십시오. *수치 계산(선택):* $\ln \sigma(s) = -\ln(1 + e^{-s})$이고
# $\ln(1 - \sigma(s)) = -\ln(1 + e^{s})$이므로 손실은
# $\frac1N \sum_i \big[\ln(1 + e^{s_i}) - y_i s_i\big]$와 같으며, `np.logaddexp(0, s)`는 $p$를 0이나
# 1로 반올림하지 않고 이를 계산합니다. 테스트에는 직접 공식으로도 충분히 정확합니다.
#
# **공개 테스트의 풀이 예제:** 윈도우 두 개, A부의 $x$와 $-2x$이며, 둘 다 레이블이 1이고,
# A부의 $W$, $b$와 $u = (3, -2)$를 씁니다. $W(-2x) = 0$이기도 하므로 두 윈도우 모두
# $h = (1/2, 3/4)$, $s = 0$, $p = 1/2$이고, $J = -\tfrac12 (\ln \tfrac12 + \ln \tfrac12) = \ln 2$입니다.

# %% role="solution" function="window_batch_loss" en_sha="d17fea8c984c"
def window_batch_loss(X, y, W, b, u):
    """X (N, m), y (N,) {0, 1}의 레이블, W (n, m), b (n,), u (n,) -> J = -mean(y ln p + (1 - y) ln(1 - p)), float.

    p = sigmoid(s), s = sigmoid(X W^T + b) u.
    """
    ### BEGIN SOLUTION
    s = sigmoid(X @ W.T + b) @ u
    return float(np.mean(np.logaddexp(0.0, s) - y * s))
    ### END SOLUTION


# %% role="visible" function="window_batch_loss" en_sha="6f428c87b5c7"
X = np.array([[1.0, 2.0, -1.0], [-2.0, -4.0, 2.0]])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
loss = window_batch_loss(X, np.array([1.0, 1.0]), W, b, u)
assert isinstance(loss, float), f"window_batch_loss: return a Python float, for example float(...), not a {type(loss).__name__}"
check_answer("window_batch_loss", loss, np.log(2.0))
# 비공개 테스트가 쓰는 모든 크기에서 수 하나인지 확인합니다: 윈도우 하나인 N = 1부터 N = 200까지.
rng = np.random.default_rng(8)
for N, m, n in ((1, 5, 2), (4, 10, 3), (9, 15, 4), (200, 25, 6)):
    X_r, y_r = rng.normal(size=(N, m)), rng.integers(0, 2, size=N).astype(float)
    W_r, b_r, u_r = rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=n)
    check_shape(f"window_batch_loss, N = {N}, m = {m}, n = {n}", window_batch_loss(X_r, y_r, W_r, b_r, u_r), ())
visible_test_passed("window_batch_loss")

# %% role="hidden" function="window_batch_loss" en_sha="4a7289e13536"
# 비공개 테스트(1점): 두 레이블이 모두 있는 N = 1에서 200개 윈도우의 배치, n != m인 무작위 층.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_batch_loss")
### END HIDDEN TESTS

# %% [markdown] en_sha="94a77c1e3c36"
# ## `window_batch_grads`: $J$의 세 그래디언트
#
# 이제 사슬은 $J$에서 시작해 점수를 거칩니다:
# $\ W, b, u \to H \to s \to J$. 첫 조각은 ps4에서 구했습니다. 시그모이드를 거친 BCE의 점수에 대한
# 그래디언트는
#
# $$g = \frac{\partial J}{\partial s} = \frac{1}{N}\big(\sigma(s) - y\big), \text{ shape } (N,):$$
#
# 즉 예측 빼기 레이블에, 평균의 $1/N$을 곱한 것입니다. 윈도우 $i$의 점수 $s_i$는 $x^{(i)}$에 대한
# A부의 점수이므로 $\partial s_i / \partial W$, $\partial s_i / \partial b$, $\partial s_i / \partial u$는
# 그 윈도우에 대한 A부의 그래디언트이며, 연쇄 법칙은 윈도우들에 대해 합합니다.
#
# $$\frac{\partial J}{\partial u} = \sum_i g_i\, h^{(i)} = H^\top g, \qquad
#   \frac{\partial J}{\partial b} = \sum_i g_i\, \delta^{(i)}, \qquad
#   \frac{\partial J}{\partial W} = \sum_i g_i\, \delta^{(i)} x^{(i)\top},$$
#
# 여기서 $\delta^{(i)} = u \odot h^{(i)} \odot (1 - h^{(i)})$는 윈도우 $i$의 국소 오차 신호입니다.
# 벡터화하면, 윈도우마다 한 행씩인 손실의 국소 오차 신호는
# $\Delta = (g\ \text{as a column}) \odot u \odot H \odot (1 - H)$(형태 `(N, n)`)이고,
#
# $$\frac{\partial J}{\partial W} = \Delta^\top X \ \ (n, m), \qquad \frac{\partial J}{\partial b} = \text{column sums of } \Delta \ \ (n,), \qquad
#   \frac{\partial J}{\partial u} = H^\top g \ \ (n,).$$
#
# 각각 자기 매개변수의 형태를 가집니다. 튜플 `(dW, db, du)`를 이 순서대로 반환하십시오.
#
# **공개 테스트의 풀이 예제**(`window_batch_loss`의 배치, 두 레이블 모두 1):
# $g = \tfrac12(\tfrac12 - 1)(1, 1) = (-1/4, -1/4)$. 두 윈도우 모두 A부의 $\delta = (3/4, -3/8)$을 가지므로
# $\Delta$의 행은 $-\tfrac14 \delta = (-3/16,\ 3/32)$입니다.
# $\partial J / \partial b = 2 \cdot (-3/16,\ 3/32) = (-3/8,\ 3/16)$;
# $\partial J / \partial u = -\tfrac14 (h + h) = (-1/4,\ -3/8)$;
# $\partial J / \partial W = \Delta^\top X = (-3/16,\ 3/32)^\top (x - 2x)^\top$이며, 그 행은
# $(3/16,\ 3/8,\ -3/16)$과 $(-3/32,\ -3/16,\ 3/32)$입니다.
#
# **흔한 실수:** $1/N$을 잊는 것(평균이 아니라 합의 그래디언트); $\sigma(s) - y$의 부호를 뒤집는
# 것; 합 대신 윈도우별 그래디언트(형태 `(N, n)`이나 `(N, n, m)`)를 반환하는 것; 튜플의 순서를 바꾸는 것.

# %% role="solution" function="window_batch_grads" en_sha="e1ac150ec33d"
def window_batch_grads(X, y, W, b, u):
    """X (N, m), y (N,) {0, 1}의 레이블, W (n, m), b (n,), u (n,) -> (dJ/dW (n, m), dJ/db (n,), dJ/du (n,)).

    J는 window_batch_loss입니다. dJ/ds = (sigmoid(s) - y) / N.
    """
    ### BEGIN SOLUTION
    H = sigmoid(X @ W.T + b)
    g = (sigmoid(H @ u) - y) / X.shape[0]
    Delta = g[:, None] * u * H * (1.0 - H)
    return Delta.T @ X, Delta.sum(axis=0), H.T @ g
    ### END SOLUTION


# %% role="visible" function="window_batch_grads" en_sha="2c92d0471b8f"
X = np.array([[1.0, 2.0, -1.0], [-2.0, -4.0, 2.0]])
W = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
b = np.array([0.0, np.log(3.0)])
u = np.array([3.0, -2.0])
dW = np.array([[3 / 16, 3 / 8, -3 / 16], [-3 / 32, -3 / 16, 3 / 32]])
db, du = np.array([-3 / 8, 3 / 16]), np.array([-1 / 4, -3 / 8])
# 윈도우마다의 그래디언트: dJ_i/ds_i = sigmoid(0) - 1 = -1/2이므로 그 delta는 -delta/2이고 du는 -h/2입니다.
delta, h = np.array([3 / 4, -3 / 8]), np.array([1 / 2, 3 / 4])
per_window = (np.array([np.outer(-delta / 2, x_i) for x_i in X]), np.array([-delta / 2] * 2), np.array([-h / 2] * 2))
check_answer("window_batch_grads", window_batch_grads(X, np.array([1.0, 1.0]), W, b, u), (dW, db, du),
             parts=("dJ/dW", "dJ/db", "dJ/du"), fields={"N": 2},
             mistakes={"mistake_batch_sum_not_mean": (2 * dW, 2 * db, 2 * du), "mistake_batch_sign": (-dW, -db, -du),
                       "mistake_batch_per_example": per_window})
# 형태 (n, m), (n,), (n,)을 비공개 테스트가 쓰는 모든 크기에서 확인합니다: 윈도우 하나인 N = 1부터 N = 200까지.
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

# %% role="hidden" function="window_batch_grads" en_sha="ff5c04c332cb"
# 비공개 테스트(3점, 그래디언트마다 1점): 두 레이블이 모두 있는 N = 1에서 200개 윈도우의 배치, n != m.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("window_batch_grads")
### END HIDDEN TESTS

# %% [markdown] en_sha="23f9b7022985"
# # C부: 학습
#
# ## `train_window_classifier`: 전체 배치 경사 하강법
#
# 경사 하강법(gradient descent)은 한 단계를 되풀이합니다. 현재 매개변수에서 학습 세트 전체에 대한
# 손실의 그래디언트를 계산한 뒤, 모든 매개변수를 그 그래디언트의 반대 방향으로 조금 움직입니다.
#
# $$W \leftarrow W - \alpha\, \frac{\partial J}{\partial W}, \qquad
#   b \leftarrow b - \alpha\, \frac{\partial J}{\partial b}, \qquad
#   u \leftarrow u - \alpha\, \frac{\partial J}{\partial u},$$
#
# 여기서 학습률 $\alpha$ = `lr`입니다. 이 줄들이 올바른 numpy 코드가 되는 것은 형태 규약 덕분입니다.
# 두 가지 세부 사항이 중요하며, 채점기는 이를 정확히 확인합니다.
#
# - **세 그래디언트는 모두 같은 매개변수에서 나옵니다.** 현재 `(W, b, u)`에서 `window_batch_grads`를
#   한 번 호출해 `dW, db, du`를 계산하고, *그다음에* 갱신하십시오. `W`를 먼저 갱신한 뒤 새 `W`에서
#   `b`의 그래디언트를 계산하는 것은 다른(그리고 표준이 아닌) 알고리즘입니다.
# - **내려가십시오**: 그래디언트를 빼십시오. 더하면 손실을 거슬러 올라갑니다.
#
# 모두의 실행이 같도록 시작점을 고정합니다(`m = X.shape[1]`일 때).
#
# ```python
# rng = np.random.default_rng(seed)
# W = rng.normal(0.0, 0.1, size=(n_hidden, m))
# b = np.zeros(n_hidden)
# u = rng.normal(0.0, 0.1, size=n_hidden)
# ```
#
# 이 순서대로 뽑아야 합니다(순서가 다르면 다른 수가 나옵니다). 작은 무작위 가중치는 은닉 유닛 사이의
# 대칭을 깹니다. 가중치가 0이면 모든 유닛이 똑같이 남습니다. 그다음 정확히 `epochs`번의 단계를
# 밟고(각 단계가 학습 세트 전체를 보므로 에포크마다 한 단계) 튜플 `(W, b, u)`를 반환하십시오.
#
# **공개 테스트**는 시작점(`epochs=0`), 두 에포크가 B부의 공식으로 밟은 두 단계인지, 그리고 손실이
# 줄어드는지를 확인합니다. (단계를 작성하는 자연스러운 방법은 여러분의 `window_batch_grads`를 호출하는
# 것이며, 참조 해답도 같은 계산을 합니다.)
#
# **흔한 실수:** 다음 매개변수의 그래디언트를 계산하기 전에 한 매개변수를 갱신하는 것; 그래디언트를
# 더하는 것; `W`보다 `u`를 먼저 뽑는 것; 단계를 하나 더 하거나 덜 하는 것.

# %% role="solution" function="train_window_classifier" en_sha="e7f91ab70ae0"
def train_window_classifier(X, y, n_hidden, lr, epochs, seed):
    """X (N, m), y (N,) {0, 1}의 레이블, n_hidden, epochs, seed: 정수, lr: float -> 학습된 (W (n_hidden, m), b, u).

    계약에 정해진, 시드로 뽑은 (W, b, u)에서 시작해 전체 배치 경사 하강법을 `epochs` 단계 밟습니다.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1]))
    b = np.zeros(n_hidden)
    u = rng.normal(0.0, 0.1, size=n_hidden)
    for _ in range(epochs):
        # window_batch_grads의 그래디언트들이며, 모두 현재의 (W, b, u)에서 계산합니다.
        H = sigmoid(X @ W.T + b)
        g = (sigmoid(H @ u) - y) / X.shape[0]
        Delta = g[:, None] * u * H * (1.0 - H)
        W, b, u = W - lr * (Delta.T @ X), b - lr * Delta.sum(axis=0), u - lr * (H.T @ g)
    return W, b, u
    ### END SOLUTION


# %% role="visible" function="train_window_classifier" en_sha="c5578dcc342b"
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
    """(W, b, u)에서의 B부 그래디언트를 그대로 풀어 쓴 것."""
    H = sigmoid(X_r @ W.T + b)
    g = (sigmoid(H @ u) - y_r) / len(y_r)
    Delta = g[:, None] * u * H * (1 - H)
    return Delta.T @ X_r, Delta.sum(axis=0), H.T @ g


def one_step(W, b, u, lr):
    """경사 하강법 한 단계: 현재 (W, b, u)에서 세 그래디언트를 모두 구한 뒤 갱신합니다."""
    dW, db, du = gradients(W, b, u)
    return W - lr * dW, b - lr * db, u - lr * du


def one_after_another(W, b, u, lr):
    """흔한 실수: W를 먼저 갱신하고, 새 W에서 b의 그래디언트를 구하고, 그다음 u의 그래디언트를 구합니다."""
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
# 형태 (n_hidden, m), (n_hidden,), (n_hidden,)을 비공개 테스트가 쓰는 모든 크기에서 확인합니다: 윈도우 하나인 N = 1부터 N = 120까지.
for N, m, n_hidden in ((1, 3, 2), (8, 6, 3), (40, 10, 4), (120, 15, 8)):
    X_s = rng.normal(size=(N, m))
    trained_s = train_window_classifier(X_s, (X_s[:, 0] > 0).astype(float), n_hidden, 0.5, 2, 1)
    assert isinstance(trained_s, tuple) and len(trained_s) == 3, "train_window_classifier: return the triple (W, b, u)"
    for label, param, shape in zip(("W", "b", "u"), trained_s, ((n_hidden, m), (n_hidden,), (n_hidden,))):
        check_shape(f"train_window_classifier {label}, N = {N}, m = {m}, n_hidden = {n_hidden}", param, shape)
visible_test_passed("train_window_classifier")

# %% role="hidden" function="train_window_classifier" en_sha="87122e5c25aa"
# 비공개 테스트(3점, 매개변수마다 1점): 작은 데이터 세트, N = 1에서 120, 여러 시드, 학습률, 에포크 수.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("train_window_classifier")
### END HIDDEN TESTS

# %% [markdown] en_sha="208ae6e87c28"
# ## 합성 개체명 데이터로 학습하기
#
# 준비 셀의 `make_ner_data`는 8차원 단어 벡터를 가진 50단어 어휘를 만듭니다. 이 벡터들에서 지명 단어
# 열두 개는 한 방향을 공유합니다. 그리고 중심 단어가 절반의 경우 지명인 5단어 윈도우 800개를 만들며,
# 그 4분의 1은 테스트 세트로 떼어 둡니다.
#
# 아래 셀은 학습 윈도우로 여러분의 분류기를 학습시키고, 여러분의 `window_batch_grads`로 같은 단계를
# 다시 밟아 에포크마다 손실을 기록하며(그리고 다시 밟은 결과가 `train_window_classifier`가 끝난
# 곳에서 끝나는지 확인하며), 손실 곡선을 그리고, 테스트 윈도우에 대한 정확도를 잽니다.
# $p = \sigma(s) > 1/2$일 때, 즉 $s > 0$일 때 윈도우를 지명으로 예측합니다. 참조 해답은 1초도 훨씬 안
# 걸려 90%가 넘는 테스트 정확도에 이릅니다.
#
# 다른 학습률, 은닉 유닛 수, 에포크 수로 해 보십시오(이 셀은 채점하지 않습니다). `lr=20`이면 어떻게
# 됩니까? `n_hidden=1`이면요?

# %% en_sha="b1ff1caa6d14"
import matplotlib.pyplot as plt

N_HIDDEN, LR, EPOCHS, SEED = 8, 2.0, 300, 0
words, E_ner, train_windows, train_y, test_windows, test_y = make_ner_data(seed=1)
try:
    X_train = np.stack([window_vector(E_ner, w) for w in train_windows])
    X_test = np.stack([window_vector(E_ner, w) for w in test_windows])
    W, b, u = train_window_classifier(X_train, train_y, N_HIDDEN, LR, EPOCHS, SEED)

    # 에포크마다의 손실: 같은 시작점에서 같은 단계를 다시 밟습니다.
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

# %% [markdown] en_sha="c853b040aab6"
# ## 요약
#
# | 양 | 공식 | 형태 |
# |---|---|---|
# | 국소 오차 신호 $\delta = \partial s / \partial z$ | $u \odot h \odot (1 - h)$ | `(n,)` |
# | $\partial s / \partial b$ | $\delta$ | `(n,)` |
# | $\partial s / \partial W$ | $\delta\, x^\top$ (야코비안 형식: $1 \times n \times m$) | `(n, m)` |
# | $\partial s / \partial x$ | $W^\top \delta$ | `(m,)` |
# | $\partial s / \partial u$ | $h$ | `(n,)` |
# | $\partial s / \partial E$ | 윈도우 단어들의 행에 더한 $\partial s / \partial x$의 블록 | `(V, d)` |
# | $\partial J / \partial s$, 미니배치 BCE | $(\sigma(s) - y) / N$ | `(N,)` |
# | $\partial J / \partial W,\ \partial J / \partial b,\ \partial J / \partial u$ | $\Delta^\top X$, $\Delta$의 열 합, $H^\top g$ | `(n, m)`, `(n,)`, `(n,)` |
#
# 역전파는 $\delta$처럼 공유되는 조각을 한 번 계산해 재사용하도록 짜 맞춘 연쇄 법칙이며, 형태 규약은
# 그 결과를 경사 하강법에 넘겨주는 방식입니다.
