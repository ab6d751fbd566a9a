# %% [markdown] en_sha="4cde4404e71f"
# # ps4_losses: 미니배치 위의 손실 함수와 그 그래디언트
#
# ## 이 과제에서 다루는 내용
#
# 학습은 수 하나, 즉 미니배치(mini-batch)의 손실을 최소화합니다. 이 과제에서는 신경망의 예측 위에
# 손실 함수(loss function)를 올리고, ps1부터 ps3까지와 같은 야코비안(Jacobian) 도구로 그것을
# 미분합니다.
#
# - 배치의 손실을 **예제별 손실의 평균**으로 보고, 예제마다 예측이 하나일 때 그런 손실을 이루는 두
#   야코비안 $\partial J / \partial J_0 = (1/N, \dots, 1/N)$과 대각 행렬(diagonal matrix)
#   $\partial J_0 / \partial \hat y$를 다룹니다(마지막의 소프트맥스처럼 예제마다 로짓이 $K$개이면,
#   두 번째 야코비안은 대신 블록 대각 행렬이 됩니다: 예제마다 $1 \times K$ 블록 하나);
# - 회귀를 위한 **평균 제곱 오차**(mean squared error, MSE)와 그 그래디언트(gradient)
#   $-(2/N)(y - \hat y)$;
# - 0/1 목표값을 위한 **이진 교차 엔트로피**(binary cross-entropy, BCE): 예제별 야코비안, 그래디언트,
#   그리고 시그모이드를 거쳐 연쇄시키면 얻는 훨씬 간단한 그래디언트
#   $(\sigma(z) - y)/N$;
# - $K$개 클래스에 대한 **소프트맥스 + 교차 엔트로피**(softmax + cross-entropy): 로짓에 대한 그
#   그래디언트는 $-(Y - \hat Y)/N$입니다.
#
# ## 채점 방식
#
# 각 함수는 비공개 테스트(hidden test) 셀 하나로 따로 채점되며, 배점은 다음과 같습니다(총 13점).
#
# | 함수 | 점수 | 함수 | 점수 |
# |---|---|---|---|
# | `mse_loss` | 1 | `grad_bce` | 2 |
# | `grad_mse` | 2 | `grad_bce_logits` | 2 |
# | `bce_loss` | 1 | `grad_softmax_ce_logits` | 3 |
# | `jacobian_bce_per_example` | 2 | | |
#
# - 비공개 테스트는 여러 크기의 무작위 입력으로 여러분의 함수를 호출합니다. 예제 하나짜리 배치
#   ($N = 1$), 작은 배치, 수백 개짜리 배치이며, 소프트맥스에서는 $N \ne K$입니다(그래서 전치된 답은
#   형태가 틀리게 됩니다). 0과 1에 아주 가까운 확신에 찬 예측과 큰 로짓도 포함합니다.
# - 여러분의 답은 참조 해답과 비교됩니다. 먼저 타입과 형태를, 그다음 모든 원소를 비교합니다(상대
#   허용 오차 $10^{-10}$). 함수는 모든 비공개 테스트 사례가 일치해야 점수를 받습니다.
# - 각 비공개 테스트 셀 아래의 피드백은 여러분의 점수, 무엇이 틀렸는지(잘못된 형태, 예를 들어
#   `(N,)`이어야 할 곳에 `(1, N)` 행이나 `(N, N)` 행렬; 전치된 답; 0이 아닌 비대각 원소; 뒤집힌 부호;
#   평균의 $1/N$이나 제곱 오차의 2 같은 빠진 상수 인수), 그리고 처음 실패한 입력을 보여 줍니다. 작은
#   입력은 numpy 코드로 출력됩니다. 그것을 여러분의 셀에 붙여 넣고 함수를 호출하면 실패를 직접 볼 수
#   있습니다. 큰 입력은 형태로 설명되니, 그 형태의 무작위 입력으로 함수를 시험해 보십시오. (함께
#   출력되는 시드로 담당 교수자가 모든 비공개 입력을 다시 뽑을 수 있습니다.)
# - 여러분이 작성한 함수를 호출해도 됩니다(예를 들어 `grad_bce` 안에서 `jacobian_bce_per_example`).
#   그중 하나가 자기 비공개 테스트에서 실패하면, 그 함수를 호출하는 모든 함수의 피드백이 먼저 그
#   사실을 알려 줍니다. 그 함수부터 고치십시오.
# - 답은 해석적인 공식이어야 합니다. 수치 미분(유한 차분)은 점수를 받지 못하며, 어차피 허용 오차를
#   맞출 만큼 정확하지도 않습니다.
#
# ## 제출 전에 스스로 점검하는 방법
#
# - 모든 해답 셀 아래에는 **공개 테스트**(visible test)가 있으니 실행하십시오. 먼저 손으로 검증할 수
#   있는 작은 풀이 예제로 값을 확인하고, 그다음 비공개 테스트가 쓰는 모든 크기의 무작위 입력으로
#   타입(numpy 배열, 손실이라면 수 하나)과 형태를 확인합니다. 크기는 예제 하나짜리 배치
#   ($N = 1$), 작은 배치, 수백 개짜리 배치입니다. 통과하면 `... 공개 테스트 통과`를 출력하고,
#   실패하면 무엇이 다른지 알려 주고 흔한 실수를 알아보면 그 이름을 짚어 주는 `AssertionError`를
#   일으킵니다. 공개 테스트를 통과해도 만점이 보장되지는 않지만(비공개 테스트는 다른 값을
#   사용합니다), 공개 테스트가 실패하면 비공개 테스트도 실패합니다.
# - JupyterLab에서 nbgrader의 **Validate** 버튼은 채점기처럼 노트북 전체를 처음부터 실행하고, 실패한
#   셀을 모두 보고합니다.
#   공개 테스트가 실패해도 *Run All*은 멈추지 않습니다. 각 연습 문제가 자기 결과를 보여 줍니다.
#
# ## 규약 (과정의 계약: 채점기는 정확히 이것을 확인합니다)
#
# - 모든 입력과 출력은 `float64` numpy 배열이며, 두 손실 함수는 Python `float`를 반환합니다.
#   $\mathbb{R}^n$의 벡터는 형태 `(n,)`, 즉 평평한(1차원) 배열이며 `(n, 1)`이나 `(1, n)`이 아닙니다.
# - $f: \mathbb{R}^n \to \mathbb{R}^m$의 야코비안은 형태 `(m, n)`이며,
#   `J[i, j]` $= \partial f_i / \partial x_j$입니다. 이를 분자 레이아웃(numerator layout)이라고
#   하며, 출력마다 행이 하나입니다.
# - 형태 `(n, m)`인 행렬 `W`에 대한 벡터 출력의 야코비안은 형태 `(out, n, m)`이며, 원소
#   `[i, j, k]` $= \partial\, \mathrm{out}_i / \partial W[j, k]$입니다
#   (`jax.jacfwd`와 `torch.autograd.functional.jacobian`이 반환하는 것과 같습니다).
# - 형태 `(N,)`인 벡터 `y_hat`에 대한 스칼라 손실의 그래디언트는, 강의에서는 $1 \times N$ 행으로
#   쓰지만 여기서는 형태 `(N,)`으로 반환합니다. 마찬가지로 형태 `(N, K)`인 로짓 `L`에 대한
#   그래디언트는 형태 `(N, K)`입니다.
# - 미니배치 `X`는 형태 `(N, d)`이며, 행 `i`가 예제 $x^{(i)}$입니다. 여기서 `y`(목표값)와
#   `y_hat`(예측)은 형태 `(N,)`이며, 원소 `i`는 예제 `i`의 것입니다. BCE에서 목표값은 0 또는 1이고
#   예측은 0과 1 사이(양 끝 제외)에 있습니다. `Y`는 원-핫(one-hot)이며 형태 `(N, K)`입니다(행 `i`에는
#   예제 `i`의 클래스 열에 1이 하나만 있습니다).
# - $\sigma(z) = 1 / (1 + e^{-z})$, 원소별로 적용합니다. $\ln$은 자연로그(`np.log`)입니다.
# - 인덱스는 numpy처럼 0부터 시작합니다. 배치의 예제는 $i = 0, \dots, N - 1$이고,
#   $y^{(i)}$는 `y[i]`입니다.
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

# %% [markdown] en_sha="65ec81e19b6f"
# # 미니배치의 손실
#
# 배치에는 목표값 $y^{(i)}$와 예측 $\hat y^{(i)}$를 가진 예제 $N$개가 있으며, 이들은 형태 `(N,)`인
# 벡터 `y`와 `y_hat`에 저장됩니다. 손실 함수 $\mathcal{L}$은 예제 하나에 점수를 매깁니다.
# **예제별 손실**은 벡터를 이루고, 배치 손실 $J$는 그 평균입니다.
#
# $$J_0 = \begin{pmatrix} J_0^{(0)} \\ \vdots \\ J_0^{(N-1)} \end{pmatrix}
#       = \begin{pmatrix} \mathcal{L}(y^{(0)}, \hat y^{(0)}) \\ \vdots \\ \mathcal{L}(y^{(N-1)}, \hat y^{(N-1)}) \end{pmatrix},
#   \qquad J = \frac{1}{N} \sum_{i=0}^{N-1} J_0^{(i)} .$$
#
# 미분은 경로 $\hat y \to J_0 \to J$를 따라가며, 화살표마다 야코비안이 하나씩 있습니다.
#
# - $J$는 스칼라이고 $J_0$는 벡터이므로 $\partial J / \partial J_0$는 $1 \times N$ 행이며, 모든
#   원소가 $1/N$입니다: $\ \dfrac{\partial J}{\partial J_0} = \left(\tfrac{1}{N}, \dots, \tfrac{1}{N}\right)$.
# - 예제 $i$의 손실은 자기 예측에만 의존하므로 $\partial J_0 / \partial \hat y$
#   ($N \times N$)는 **대각 행렬**이며, 대각선에는
#   $\ell_i = \partial \mathcal{L}(y^{(i)}, \hat y^{(i)}) / \partial \hat y^{(i)}$가 있습니다.
# - 연쇄 법칙(chain rule)은 이 둘을 곱합니다. 행에 대각 행렬을 곱하면 각 원소의 크기가 조정됩니다.
#
# $$\frac{\partial J}{\partial \hat y} = \frac{\partial J}{\partial J_0}\,\frac{\partial J_0}{\partial \hat y}
#   = \left(\tfrac{1}{N}, \dots, \tfrac{1}{N}\right) \operatorname{diag}(\ell_0, \dots, \ell_{N-1})
#   = \frac{1}{N}\,(\ell_0, \dots, \ell_{N-1}).$$
#
# 그러므로 이 과제의 모든 배치 그래디언트는 같은 방법으로 구합니다. 예제 **하나**의 손실을
# **자기** 예측에 대해(소프트맥스라면 자기 행의 로짓 $K$개에 대해) 미분한 뒤 $N$으로 나눕니다. 결과는 야코비안 형식에서는 $1 \times N$ 행이며,
# numpy 코드는 이를 `y_hat`의 형태 `(N,)`으로 반환합니다(ps3의 *형태 규약*(shape convention):
# 그래디언트는 변수의 형태를 가집니다).
#
# $1/N$은 평균을 취하는 데서 나옵니다. 합으로 쓴 손실에는 $1/N$이 없으며, 그래서 이것을 잊는 것이
# 이 과제에서 가장 흔한 실수입니다.

# %% [markdown] en_sha="530951290bdc"
# ## `mse_loss`: 평균 제곱 오차
#
# 회귀에서 예제 하나의 손실은 제곱 오차이고, 배치 손실은 그 평균입니다.
#
# $$J_0^{(i)} = \big(y^{(i)} - \hat y^{(i)}\big)^2, \qquad
#   J = \frac{1}{N} \sum_{i=0}^{N-1} \big(y^{(i)} - \hat y^{(i)}\big)^2 .$$
#
# `J`를 Python `float`로 반환하십시오. `np.mean(...)`은 수 하나를 주고, 이를 `float(...)`로 감싸면
# Python float가 됩니다. (벡터 전체에 `float(...)`를 적용하면 `TypeError`가 나니, 먼저 평균을
# 취하십시오.)
#
# **공개 테스트의 풀이 예제:** $y = (1, 0, 2, 3)$, $\hat y = (0, 0, 4, 3)$: 오차는
# $(1, 0, -2, 0)$, 그 제곱은 $(1, 0, 4, 0)$이고 $J = 5/4$입니다.
#
# **흔한 실수:** 평균 대신 합($N$배 너무 큼); 평균 대신 예제별 손실의 벡터 $J_0$를 반환하는 것.

# %% role="solution" function="mse_loss" en_sha="bbc2b7b36e59"
def mse_loss(y, y_hat):
    """배치의 평균 제곱 오차. y, y_hat: (N,) -> J = mean((y - y_hat)^2), float."""
    ### BEGIN SOLUTION
    squared_errors = (y - y_hat) ** 2
    return float(squared_errors.mean())
    ### END SOLUTION


# %% role="visible" function="mse_loss" en_sha="c79f6ba17983"
# 풀이 예제: 오차 (1, 0, -2, 0), 제곱 (1, 0, 4, 0), 평균 5/4, Python float.
y = np.array([1.0, 0.0, 2.0, 3.0])
y_hat = np.array([0.0, 0.0, 4.0, 3.0])
check_answer("mse_loss", mse_loss(y, y_hat), 5 / 4)
# 비공개 테스트가 쓰는 모든 배치 크기에서 float 하나: N = 1, 작은 N, 수백 개.
rng = np.random.default_rng(0)
for N in (1, 4, 9, 300):
    check_shape(f"mse_loss, N = {N}", mse_loss(rng.normal(size=N), rng.normal(size=N)), ())
visible_test_passed("mse_loss")

# %% role="hidden" function="mse_loss" en_sha="d51b82de7066"
# 비공개 테스트(1점): N = 1, 작은 N, 수백 개의 N에서 무작위 y와 y_hat.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("mse_loss")
### END HIDDEN TESTS

# %% [markdown] en_sha="5bd260488c73"
# ## `grad_mse`: $\partial J / \partial \hat y = -\frac{2}{N}(y - \hat y)$
#
# 예제 하나: $\mathcal{L} = (y - \hat y)^2$이고, 연쇄 법칙에 따라
# $\partial \mathcal{L} / \partial \hat y = 2(y - \hat y) \cdot \partial (y - \hat y) / \partial \hat y = -2(y - \hat y)$입니다.
# 마이너스 부호는 $-\hat y$의 도함수입니다. 따라서
#
# $$\frac{\partial J_0}{\partial \hat y} = \operatorname{diag}\big(-2(y^{(0)} - \hat y^{(0)}), \dots, -2(y^{(N-1)} - \hat y^{(N-1)})\big),
#   \qquad
#   \frac{\partial J}{\partial \hat y} = -\frac{2}{N}\,(y - \hat y), \text{ shape } (N,).$$
#
# **왜 중요한가.** 선형 모델 $\hat y = Xw + b$($X$의 행마다 예측 하나)에서 예측은 뒤에 시그모이드가
# 없는 ps3의 활성화 이전 값 $z = Xw + b$입니다. ps3에서
# $\partial z / \partial w = X$와 $\partial z / \partial b = \mathbf{1}$을 보였으므로, 여기서는
# $\partial \hat y / \partial w = X$이고 $\partial \hat y / \partial b = \mathbf{1}$이며,
#
# $$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial \hat y}\, X = -\frac{2}{N} \sum_{i} \big(y^{(i)} - \hat y^{(i)}\big)\, x^{(i)},
#   \qquad
#   \frac{\partial J}{\partial b} = -\frac{2}{N} \sum_{i} \big(y^{(i)} - \hat y^{(i)}\big):$$
#
# numpy로는 `grad @ X`와 `grad.sum()`이며, 여기서 `grad`는 `grad_mse`가 반환한 값입니다.
#
# **공개 테스트의 풀이 예제**(위와 같은 $y$, $\hat y$, $N = 4$):
# $-\tfrac{2}{4}(1, 0, -2, 0) = (-1/2,\ 0,\ 1,\ 0)$.
#
# **흔한 실수:** 뒤집힌 부호($\tfrac{2}{N}(y - \hat y)$); 2를 잊는 것; $1/N$을
# 잊는 것; 평평한 `(N,)` 배열 대신 `(1, N)` 행.

# %% role="solution" function="grad_mse" en_sha="9bfeb21b928c"
def grad_mse(y, y_hat):
    """평균 제곱 오차의 그래디언트. y, y_hat: (N,) -> dJ/dy_hat = -(2/N)(y - y_hat), 형태 (N,)."""
    ### BEGIN SOLUTION
    N = y.shape[0]
    return -(2.0 / N) * (y - y_hat)
    ### END SOLUTION


# %% role="visible" function="grad_mse" en_sha="a486ed72627a"
# 풀이 예제: -(2/4)(1, 0, -2, 0) = (-1/2, 0, 1, 0).
y = np.array([1.0, 0.0, 2.0, 3.0])
y_hat = np.array([0.0, 0.0, 4.0, 3.0])
check_answer("grad_mse", grad_mse(y, y_hat), [-1 / 2, 0, 1, 0])
# 비공개 테스트가 쓰는 모든 배치 크기에서 형태 (N,), 예제 하나짜리 배치(N = 1)도 포함.
rng = np.random.default_rng(1)
for N in (1, 4, 9, 300):
    check_shape(f"grad_mse, N = {N}", grad_mse(rng.normal(size=N), rng.normal(size=N)), (N,))
visible_test_passed("grad_mse")

# %% role="hidden" function="grad_mse" en_sha="7ca0d7d48c32"
# 비공개 테스트(2점): N = 1, 작은 N, 수백 개의 N에서 무작위 y와 y_hat.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_mse")
### END HIDDEN TESTS

# %% [markdown] en_sha="e2396015383e"
# ## `bce_loss`: 이진 교차 엔트로피
#
# 0/1 목표값에서는 예측 $\hat y^{(i)} \in (0, 1)$을 $y^{(i)} = 1$일 확률로 읽으며, 예제 하나의 손실은
# 참 레이블에 준 확률의 로그에 마이너스를 붙인 값입니다.
#
# $$J_0^{(i)} = -\Big[\, y^{(i)} \ln \hat y^{(i)} + \big(1 - y^{(i)}\big) \ln\big(1 - \hat y^{(i)}\big) \Big],
#   \qquad J = \frac{1}{N} \sum_{i=0}^{N-1} J_0^{(i)} .$$
#
# $y^{(i)}$는 0 또는 1이므로 두 항 중 하나만 살아 있습니다. 양성 예제에서는 $-\ln \hat y^{(i)}$,
# 음성 예제에서는 $-\ln(1 - \hat y^{(i)})$입니다. `J`를 Python `float`로 반환하십시오.
#
# *수치 계산(선택).* $\hat y$가 아주 작을 때 `np.log1p(-y_hat)`는 `np.log(1 - y_hat)`보다
# $\ln(1 - \hat y)$를 더 정확하게 계산합니다. 여기서는 둘 다 충분히 정확합니다. 예측을 잘라내지
# (clip) 마십시오. 테스트는 $(0, 1)$ 안의 값을 사용하며, 잘라내면 손실이 바뀝니다.
#
# **공개 테스트의 풀이 예제:** $y = (1, 0, 1, 0)$, $\hat y = (0.5, 0.5, 0.8, 0.2)$. 예제별 손실은
# $\ln 2, \ln 2, -\ln 0.8, -\ln 0.8$, 즉 $\ln 2, \ln 2, \ln 1.25, \ln 1.25$이고,
# 그 평균은 $\tfrac{1}{4}\big(2 \ln 2 + 2 \ln 1.25\big) = \tfrac{1}{2} \ln 2.5$입니다.
#
# **흔한 실수:** 맨 앞의 마이너스 부호를 잊는 것(음수 손실); 평균 대신 합; 자연로그 대신
# `np.log10`.

# %% role="solution" function="bce_loss" en_sha="88aaf0abe449"
def bce_loss(y, y_hat):
    """배치의 이진 교차 엔트로피.

    y: (N,) {0, 1}의 목표값, y_hat: (N,) (0, 1)의 예측
    -> J = -mean(y ln y_hat + (1 - y) ln(1 - y_hat)), float.
    """
    ### BEGIN SOLUTION
    per_example = -(y * np.log(y_hat) + (1.0 - y) * np.log1p(-y_hat))
    return float(per_example.mean())
    ### END SOLUTION


# %% role="visible" function="bce_loss" en_sha="69adb93f3c7e"
# 풀이 예제: ln 2, ln 2, ln 1.25, ln 1.25의 평균은 (1/2) ln 2.5이며, Python float입니다.
y = np.array([1.0, 0.0, 1.0, 0.0])
y_hat = np.array([0.5, 0.5, 0.8, 0.2])
check_answer("bce_loss", bce_loss(y, y_hat), np.log(2.5) / 2, mistakes={"mistake_log10": np.log10(2.5) / 2})
# 비공개 테스트가 쓰는 모든 배치 크기에서 float 하나: N = 1, 작은 N, 수백 개.
rng = np.random.default_rng(2)
for N in (1, 4, 9, 300):
    check_shape(f"bce_loss, N = {N}", bce_loss(rng.integers(0, 2, size=N).astype(float), rng.uniform(0.02, 0.98, size=N)), ())
visible_test_passed("bce_loss")

# %% role="hidden" function="bce_loss" en_sha="69ede7334a26"
# 비공개 테스트(1점): 0/1 목표값, 1e-6과 1 - 1e-6을 포함한 (0, 1)의 예측; N = 1, 작은 N, 수백 개.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("bce_loss")
### END HIDDEN TESTS

# %% [markdown] en_sha="bf334885c2c7"
# ## `jacobian_bce_per_example`: $\partial J_0 / \partial \hat y$는 대각 행렬입니다
#
# 예제 하나의 손실을 자기 예측에 대해 미분합니다(위첨자는 생략합니다).
#
# $$\frac{\partial \mathcal{L}}{\partial \hat y} = -\frac{y}{\hat y} + \frac{1 - y}{1 - \hat y}
#   = \frac{-y(1 - \hat y) + (1 - y)\hat y}{\hat y (1 - \hat y)}
#   = \frac{\hat y - y}{\hat y (1 - \hat y)} .$$
#
# (가운데의 $+$는 두 마이너스 부호에서 나옵니다. 하나는 손실 앞의 부호이고, 다른 하나는 두 번째
# 로그 안에 있는 $1 - \hat y$의 도함수 $-1$입니다.) 예제 $i$의 손실은 다른 예측에 의존하지
# 않으므로, 벡터 $J_0$의 야코비안은 대각 행렬입니다.
#
# $$\frac{\partial J_0}{\partial \hat y} = \operatorname{diag}\!\left(\frac{\hat y - y}{\hat y\,(1 - \hat y)}\right),
#   \text{ shape } (N, N),$$
#
# 여기서 나눗셈은 원소마다 합니다. 이것은 예제별 손실의 야코비안이므로 $1/N$이 **없습니다**. 아직
# 평균을 취하지 않았기 때문입니다.
#
# **공개 테스트의 풀이 예제**(`bce_loss`와 같은 $y$, $\hat y$): 대각 성분은
# $\big(\tfrac{-0.5}{0.25}, \tfrac{0.5}{0.25}, \tfrac{-0.2}{0.16}, \tfrac{0.2}{0.16}\big) = (-2,\ 2,\ -1.25,\ 1.25)$입니다.
#
# **흔한 실수:** 대각 성분의 벡터(형태 `(N,)`)를 반환하는 것; $N$으로 나누는 것;
# 부호를 $(y - \hat y)/(\ldots)$로 뒤집는 것.

# %% role="solution" function="jacobian_bce_per_example" en_sha="8bc7aeb44b53"
def jacobian_bce_per_example(y, y_hat):
    """y_hat에 대한 예제별 BCE 손실 J0의 야코비안.

    y: (N,) {0, 1}의 목표값, y_hat: (N,) (0, 1)의 예측
    -> diag((y_hat - y) / (y_hat (1 - y_hat))), 형태 (N, N).
    """
    ### BEGIN SOLUTION
    slopes = (y_hat - y) / (y_hat * (1.0 - y_hat))
    return np.diag(slopes)
    ### END SOLUTION


# %% role="visible" function="jacobian_bce_per_example" en_sha="d51b2691e238"
# 풀이 예제: 대각 성분 (-2, 2, -1.25, 1.25), 1/N 없음.
y = np.array([1.0, 0.0, 1.0, 0.0])
y_hat = np.array([0.5, 0.5, 0.8, 0.2])
check_answer("jacobian_bce_per_example", jacobian_bce_per_example(y, y_hat), np.diag([-2, 2, -1.25, 1.25]))
# 비공개 테스트가 쓰는 모든 배치 크기에서 형태 (N, N), 예제 하나짜리 배치(N = 1)도 포함.
rng = np.random.default_rng(3)
for N in (1, 4, 9, 300):
    y, y_hat = rng.integers(0, 2, size=N).astype(float), rng.uniform(0.02, 0.98, size=N)
    check_shape(f"jacobian_bce_per_example, N = {N}", jacobian_bce_per_example(y, y_hat), (N, N))
visible_test_passed("jacobian_bce_per_example")

# %% role="hidden" function="jacobian_bce_per_example" en_sha="518dd2526e97"
# 비공개 테스트(2점): 0/1 목표값, 1e-6과 1 - 1e-6을 포함한 (0, 1)의 예측; N = 1, 작은 N, 수백 개.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_bce_per_example")
### END HIDDEN TESTS

# %% [markdown] en_sha="5ff300b259b0"
# ## `grad_bce`: 배치 손실의 그래디언트
#
# 행 $\partial J / \partial J_0 = (1/N, \dots, 1/N)$을 위의 대각 야코비안과 연쇄시킵니다.
#
# $$\frac{\partial J}{\partial \hat y} = \frac{1}{N}\,\frac{\hat y - y}{\hat y\,(1 - \hat y)}, \text{ shape } (N,).$$
#
# 분모를 보십시오. 모델이 확신에 차서 틀리면(양성 예제에서 $\hat y$가 0에 가깝거나, 음성 예제에서
# 1에 가까우면) $\hat y (1 - \hat y)$가 아주 작아지고 그래디언트는 매우 커집니다.
# 비공개 테스트에는 $10^{-6}$과 $1 - 10^{-6}$인 예측이 포함됩니다. 이 공식으로 처리할 수 있지만,
# 다음 함수에서는 이 나눗셈이 아예 사라지는 것을 보게 됩니다.
#
# **공개 테스트의 풀이 예제:** 앞 예제의 대각 성분을 $N = 4$로 나눈 값:
# $(-0.5,\ 0.5,\ -0.3125,\ 0.3125)$.
#
# **흔한 실수:** $1/N$을 잊는 것; `(N,)` 대신 `(N, N)` 행렬; `(1, N)` 행. 이 행은 행
# $(1/N, \dots, 1/N)$에 대각 행렬을 곱하는 식을 그대로 코드로 옮기면 나옵니다
# (`np.full((1, N), 1 / N) @ J0`). `.ravel()`이나 `.reshape(-1)`로 펴고, `np.squeeze`는 쓰지
# 마십시오. 예제 하나짜리 배치($N = 1$)에서 squeeze는 배치 축까지 없애 형태 `()`인 수 하나를
# 반환하며, 그러면 그 크기의 비공개 테스트에서 실패합니다.

# %% role="solution" function="grad_bce" en_sha="b2d352c3de09"
def grad_bce(y, y_hat):
    """y_hat에 대한 평균 BCE의 그래디언트.

    y: (N,) {0, 1}의 목표값, y_hat: (N,) (0, 1)의 예측
    -> dJ/dy_hat = (1/N) (y_hat - y) / (y_hat (1 - y_hat)), 형태 (N,).
    """
    ### BEGIN SOLUTION
    N = y.shape[0]
    return (y_hat - y) / (y_hat * (1.0 - y_hat)) / N
    ### END SOLUTION


# %% role="visible" function="grad_bce" en_sha="d013ba98d2be"
# 풀이 예제: 앞 예제의 대각 성분을 N = 4로 나눈 값.
y = np.array([1.0, 0.0, 1.0, 0.0])
y_hat = np.array([0.5, 0.5, 0.8, 0.2])
check_answer("grad_bce", grad_bce(y, y_hat), [-0.5, 0.5, -0.3125, 0.3125])
# 비공개 테스트가 쓰는 모든 배치 크기에서 형태 (N,), 예제 하나짜리 배치(N = 1)도 포함.
rng = np.random.default_rng(4)
for N in (1, 4, 9, 300):
    y, y_hat = rng.integers(0, 2, size=N).astype(float), rng.uniform(0.02, 0.98, size=N)
    check_shape(f"grad_bce, N = {N}", grad_bce(y, y_hat), (N,))
visible_test_passed("grad_bce")

# %% role="hidden" function="grad_bce" en_sha="1a6c249f2e16"
# 비공개 테스트(2점): 0/1 목표값, 1e-6과 1 - 1e-6을 포함한 (0, 1)의 예측; N = 1, 작은 N, 수백 개.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_bce")
### END HIDDEN TESTS

# %% [markdown] en_sha="ff554431023b"
# ## `grad_bce_logits`: 시그모이드를 거친 BCE는 $(\sigma(z) - y)/N$을 줍니다
#
# 이진 분류기는 보통 *로짓*(logit) $z^{(i)}$(임의의 실수)를 만들고, 시그모이드
# $\hat y = \sigma(z)$를 원소별로 적용해 확률로 바꿉니다. 이 고리를 사슬
# $z \to \hat y \to J_0 \to J$에 추가합니다. ps1에서 본 시그모이드의 야코비안은
# $\partial \hat y / \partial z = \operatorname{diag}\big(\hat y \odot (1 - \hat y)\big)$이므로
#
# $$\frac{\partial J}{\partial z} = \frac{\partial J}{\partial \hat y}\,\frac{\partial \hat y}{\partial z}
#   = \frac{1}{N}\,\frac{\hat y - y}{\hat y\,(1 - \hat y)} \odot \hat y\,(1 - \hat y)
#   = \frac{1}{N}\,\big(\sigma(z) - y\big), \text{ shape } (N,).$$
#
# 골치 아픈 분모가 정확히 약분됩니다. 그래디언트는 그냥 "예측 빼기 목표값"의 평균이며, 모델이 아무리
# 확신에 차 있어도 $-1/N$과 $1/N$ 사이에 머뭅니다. 라이브러리가 "로짓을 받는(with logits)" 손실(예를
# 들어 `torch.nn.BCEWithLogitsLoss`)을 제공하는 이유이자, 이 그래디언트를 `grad_bce`를 호출해서가
# 아니라 $z$에서 직접 계산해야 하는 이유입니다.
#
# *수치 계산(선택).* $z$가 아주 큰 음수이면 교과서식 $1/(1 + e^{-z})$ 안의 `np.exp(-z)`가
# `inf`로 오버플로합니다(`RuntimeWarning`이 나지만 결과 0은 여전히 맞습니다). 준비 셀의 `sigmoid`는
# $z < 0$일 때 같은 값의 식 $e^{z}/(1 + e^{z})$를 계산해 이를 피합니다. 비공개 테스트는 $\pm 25$까지의
# 로짓을 사용하며, 거기서는 둘 다 동작합니다.
#
# **공개 테스트의 풀이 예제:** $y = (1, 0, 1, 0)$, $z = (0, 0, \ln 4, -\ln 4)$이므로
# $\sigma(z) = (0.5, 0.5, 0.8, 0.2)$(BCE 예제의 예측)이고
# $\partial J / \partial z = \tfrac{1}{4}(-0.5, 0.5, -0.2, 0.2) = (-0.125,\ 0.125,\ -0.05,\ 0.05)$입니다.
# 이 예제로 연쇄 법칙을 확인해 보십시오. `grad_bce`는 $(-0.5, 0.5, -0.3125, 0.3125)$를 주었고, 여기에
# $\hat y (1 - \hat y) = (0.25, 0.25, 0.16, 0.16)$를 곱하면 같은 수가 나옵니다.
#
# **흔한 실수:** 부호를 뒤집는 것($y - \sigma(z)$); $1/N$을 잊는 것; $\sigma(z)$가 들어갈 자리에
# $z$를 쓰는 것.

# %% role="solution" function="grad_bce_logits" en_sha="ec789f6ca8ed"
def grad_bce_logits(y, z):
    """로짓 z에 대한 평균 BCE의 그래디언트. 여기서 y_hat = sigmoid(z)입니다.

    y: (N,) {0, 1}의 목표값, z: (N,) 로짓 -> dJ/dz = (1/N)(sigmoid(z) - y), 형태 (N,).
    """
    ### BEGIN SOLUTION
    N = y.shape[0]
    return (sigmoid(z) - y) / N
    ### END SOLUTION


# %% role="visible" function="grad_bce_logits" en_sha="79d7e1ec395c"
# 풀이 예제: (1/4)(sigmoid(z) - y) = (-0.125, 0.125, -0.05, 0.05).
y = np.array([1.0, 0.0, 1.0, 0.0])
z = np.array([0.0, 0.0, np.log(4.0), -np.log(4.0)])
check_answer("grad_bce_logits", grad_bce_logits(y, z), [-0.125, 0.125, -0.05, 0.05],
             mistakes={"mistake_logits_for_probabilities": (z - y) / 4})
# 비공개 테스트가 쓰는 모든 배치 크기에서 형태 (N,), 예제 하나짜리 배치(N = 1)도 포함.
rng = np.random.default_rng(5)
for N in (1, 4, 9, 300):
    check_shape(f"grad_bce_logits, N = {N}", grad_bce_logits(rng.integers(0, 2, size=N).astype(float), rng.normal(size=N)), (N,))
visible_test_passed("grad_bce_logits")

# %% role="hidden" function="grad_bce_logits" en_sha="1441fe459163"
# 비공개 테스트(2점): 0/1 목표값, 무작위 로짓과 +-25인 로짓; N = 1, 작은 N, 수백 개.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_bce_logits")
### END HIDDEN TESTS

# %% [markdown] en_sha="da267ef2da54"
# ## `grad_softmax_ce_logits`: 소프트맥스 + 교차 엔트로피는 $-(Y - \hat Y)/N$을 줍니다
#
# 클래스가 $K$개이면 신경망은 예제마다 로짓 $K$개를 만들며, 이것이 `L`(형태 `(N, K)`)의 행입니다.
# 소프트맥스는 각 행을 확률로 바꾸고, 교차 엔트로피는 참 클래스에 준 확률의 로그에 마이너스를 붙여
# 배치에 대해 평균한 값입니다.
#
# $$\hat Y_{ik} = \frac{e^{L_{ik}}}{\sum_{c=0}^{K-1} e^{L_{ic}}}, \qquad
#   J = -\frac{1}{N} \sum_{i=0}^{N-1} \sum_{k=0}^{K-1} Y_{ik} \ln \hat Y_{ik},$$
#
# 여기서 `Y`는 원-핫(one-hot)이므로(행 $i$에는 예제 $i$의 클래스 위치에 1이 하나만 있습니다), 안쪽
# 합에는 참 클래스만 기여합니다.
#
# **소프트맥스는 원소별 연산(element-wise operation)이 아닙니다.** 한 행의 모든 확률은 (분모의 합을 통해) 그 행의 모든
# 로짓에 의존합니다. 예제 하나에 대해(인덱스 $i$는 생략합니다)
#
# $$\frac{\partial \hat Y_k}{\partial L_j} = \hat Y_k\,\big([\,k = j\,] - \hat Y_j\big),
#   \qquad\text{i.e. the } K \times K \text{ Jacobian } \operatorname{diag}(\hat Y) - \hat Y \hat Y^\top,$$
#
# 이며, 이것은 대각 행렬이 아닙니다. 하지만 서로 다른 예제끼리는 영향을 주고받지 않습니다. 예제
# $i$의 로짓은 $\hat Y$의 행 $i$에만 영향을 줍니다.
#
# **연쇄 법칙, 로짓 하나씩.** $J$로부터 $\ \partial J / \partial \hat Y_{ik} = -\frac{1}{N}\, Y_{ik} / \hat Y_{ik}$입니다.
# $L_{ij}$가 영향을 주는 행 $i$의 확률 $K$개에 대해 더하면
#
# $$\frac{\partial J}{\partial L_{ij}} = \sum_{k=0}^{K-1} \frac{\partial J}{\partial \hat Y_{ik}}\,\frac{\partial \hat Y_{ik}}{\partial L_{ij}}
#   = -\frac{1}{N} \sum_{k} \frac{Y_{ik}}{\hat Y_{ik}}\, \hat Y_{ik}\big([\,k = j\,] - \hat Y_{ij}\big)
#   = -\frac{1}{N}\Big(Y_{ij} - \hat Y_{ij} \sum_{k} Y_{ik}\Big)
#   = -\frac{1}{N}\big(Y_{ij} - \hat Y_{ij}\big),$$
#
# 원-핫 행의 합은 1이기 때문입니다. 배치 전체로는 $\ \partial J / \partial L = -\frac{1}{N}(Y - \hat Y)$이며,
# 형태는 `L`의 형태인 `(N, K)`입니다. 이것은 `grad_bce_logits`의 $K$-클래스 판입니다. 예측 확률 빼기
# 목표값을 $N$으로 나눈 것입니다. 이 그래디언트의 각 행의 합은 0입니다.
#
# *수치 계산.* 약 709보다 큰 로짓에 `np.exp`를 적용하면 오버플로합니다. 한 행의 모든 로짓에 같은
# 수를 더해도 그 행의 소프트맥스는 변하지 않으므로, 먼저 각 행의 최댓값을 빼십시오(행 최댓값이 행을
# 따라 브로드캐스팅되도록 `axis=1, keepdims=True`를 쓰십시오). 비공개 테스트에서는 선택 사항이지만
# (로짓이 크지 않습니다), 언제나 이렇게 작성해야 합니다.
#
# **공개 테스트의 풀이 예제:** $N = 2$, $K = 3$, 로짓 행은 $(0, 0, 0)$과 $(\ln 2, 0, 0)$이므로
# $\hat Y$의 행은 $(1/3, 1/3, 1/3)$과 $(1/2, 1/4, 1/4)$입니다($e^{\ln 2} = 2$이고 $2 + 1 + 1 = 4$이므로).
# 참 클래스는 0과 2입니다. 그러면 $-\tfrac{1}{2}(Y - \hat Y)$의 행은 $(-1/3,\ 1/6,\ 1/6)$과
# $(1/4,\ 1/8,\ -3/8)$입니다.
#
# **흔한 실수:** 잘못된 축으로 소프트맥스를 취하는 것(각 행을 따라서가 아니라 열 방향, `axis=0`):
# 그러면 그래디언트의 행 합이 0이 되지 않습니다; 행 합을 열로 유지하지 않는 것(`keepdims=True`):
# 그러면 $N \ne K$일 때는 나눗셈이 numpy의 "operands could not be broadcast together"로 실패하고,
# $N = K$일 때는 엉뚱한 합으로 나눕니다; $1/N$을 잊는 것; 부호를 뒤집는 것($\frac{1}{N}(Y - \hat Y)$).

# %% role="solution" function="grad_softmax_ce_logits" en_sha="c8a8d435edf5"
def grad_softmax_ce_logits(Y, L):
    """로짓에 대한 평균 소프트맥스 교차 엔트로피의 그래디언트.

    Y: (N, K) 원-핫 목표값, L: (N, K) 로짓, Y_hat = 행별 softmax(L)
    -> dJ/dL = -(1/N)(Y - Y_hat), 형태 (N, K).
    """
    ### BEGIN SOLUTION
    N = Y.shape[0]
    # 로짓 한 행을 평행이동해도 소프트맥스는 그대로이고, exp의 오버플로를 막아 줍니다.
    exps = np.exp(L - L.max(axis=1, keepdims=True))
    Y_hat = exps / exps.sum(axis=1, keepdims=True)
    return -(Y - Y_hat) / N
    ### END SOLUTION


# %% role="visible" function="grad_softmax_ce_logits" en_sha="ac73072e247b"
# 풀이 예제: 행 (-1/3, 1/6, 1/6)과 (1/4, 1/8, -3/8). 각 행의 합은 0입니다.
Y = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
L = np.array([[0.0, 0.0, 0.0], [np.log(2.0), 0.0, 0.0]])
# 소프트맥스를 행을 따라서가 아니라 열 방향(axis=0)으로 취하면 다음 행들이 나옵니다:
softmax_over_columns = [[-1 / 3, 1 / 4, 1 / 4], [1 / 3, 1 / 4, -1 / 4]]
check_answer("grad_softmax_ce_logits", grad_softmax_ce_logits(Y, L), [[-1 / 3, 1 / 6, 1 / 6], [1 / 4, 1 / 8, -3 / 8]],
             mistakes={"mistake_softmax_wrong_axis": softmax_over_columns})
# 비공개 테스트가 쓰는 모든 크기에서 형태 (N, K): N = 1, 양방향의 N != K, K = 10인 N = 300.
rng = np.random.default_rng(6)
for N, K in ((1, 2), (4, 3), (3, 5), (300, 10)):
    Y = np.eye(K)[rng.integers(0, K, size=N)]
    check_shape(f"grad_softmax_ce_logits, N = {N}, K = {K}", grad_softmax_ce_logits(Y, rng.normal(size=(N, K))), (N, K))
visible_test_passed("grad_softmax_ce_logits")

# %% role="hidden" function="grad_softmax_ce_logits" en_sha="f4744a619807"
# 비공개 테스트(3점): N = 1, N != K, K = 10인 N = 300에서 원-핫 Y와 무작위 로짓 L.
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("grad_softmax_ce_logits")
### END HIDDEN TESTS

# %% [markdown] en_sha="53f31f404d27"
# ## 요약
#
# | 양 | 공식 | 형태 |
# |---|---|---|
# | $\partial J / \partial J_0$ (예제별 손실의 평균) | $(1/N, \dots, 1/N)$ | $1 \times N$ |
# | $\partial J / \partial \hat y$, MSE | $-\frac{2}{N}(y - \hat y)$ | `(N,)` |
# | $\partial J_0 / \partial \hat y$, BCE | $\operatorname{diag}\big((\hat y - y) / (\hat y (1 - \hat y))\big)$ | `(N, N)` |
# | $\partial J / \partial \hat y$, BCE | $\frac{1}{N}(\hat y - y) / (\hat y (1 - \hat y))$ | `(N,)` |
# | $\partial J / \partial z$, 시그모이드 + BCE | $\frac{1}{N}(\sigma(z) - y)$ | `(N,)` |
# | $\partial J / \partial L$, 소프트맥스 + CE | $-\frac{1}{N}(Y - \hat Y)$ | `(N, K)` |
#
# 모든 경우에 다음을 따르십시오. 예제 하나의 손실을 미분하고, 야코비안의 0들을 염두에 두고(예제끼리는
# 영향을 주고받지 않습니다), 평균을 위해 $N$으로 나누고, 그래디언트를 변수의 형태로 반환합니다.
