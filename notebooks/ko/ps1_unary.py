# %% [markdown] en_sha="51a509e72826"
# # ps1_unary: 단항 원소별 연산의 야코비안
#
# *역전파를 위한 야코비안(Jacobians for backpropagation)* 과정의 첫 번째 과제입니다.
# 역전파(backpropagation)는 야코비안(Jacobian) 행렬들을 차례로 곱하며, 신경망은 많은 연산을
# 한 원소씩 적용합니다. 시그모이드 같은 활성화 함수(activation function)는 벡터의 각 원소에
# 따로따로 작용합니다. 이 노트북은 그런 연산의 야코비안이 언제나 **대각 행렬**(diagonal matrix)임을
# 보이고, 이런 야코비안 다섯 개를 numpy로 작성하게 합니다.
#
# 1. `jacobian_identity(x)`: 항등 사상 $\vec f(\vec x) = \vec x$;
# 2. `jacobian_log_exp(x)`: $f_i(\vec x) = \ln(x_i) + e^{x_i}$;
# 3. `jacobian_sigmoid(z)`: 시그모이드(sigmoid) 활성화 함수;
# 4. `jacobian_tanh(z)`: tanh 활성화 함수;
# 5. `jacobian_relu(z)`: ReLU 활성화 함수.
#
# 각 함수는 야코비안 행렬 전체를 numpy 배열로 반환합니다. 아래의 1부에서는 대각 행렬을 복습하고,
# 2부에서는 원소별 연산(element-wise operation)의 야코비안이 왜 대각 행렬인지 설명합니다. 그다음에
# 다섯 개의 연습 문제가 이어지며, 각 문제에는 유도 과정이 먼저 나옵니다.

# %% [markdown] en_sha="b50a0cb1e3e2"
# ## 이 노트북의 채점 방식
#
# 각 함수에는 **비공개 테스트**(hidden tests)가 있으며, 배점은 다음과 같습니다.
#
# | 함수 | 점수 |
# |---|---|
# | `jacobian_identity` | 1 |
# | `jacobian_log_exp` | 2 |
# | `jacobian_sigmoid` | 2 |
# | `jacobian_tanh` | 2 |
# | `jacobian_relu` | 2 |
# | **합계** | **9** |
#
# - 비공개 테스트는 여러 크기의 무작위 입력으로 여러분의 함수를 호출합니다. $n = 1$, 작은 크기
#   ($n = 3$과 $n = 6$), 수백 개($n = 200$)이며, 몇 가지 경계값(활성화 함수에는 큰 $|z|$, 로그에는
#   $0$에 가까운 $x$, ReLU에는 정확히 $z = 0$)도 포함합니다. 이 노트북의 야코비안은 모두 정사각
#   ($n \times n$)이므로 정사각이 아닌 경우는 여기에 없습니다. 그런 경우는 ps3에서 나옵니다. 각 답은
#   참조 해답과 원소 하나하나 비교되며, 유효숫자 약 10자리까지(상대 허용 오차 $10^{-10}$) 맞아야
#   합니다.
# - 함수는 모든 비공개 테스트 사례에서 맞아야 점수를 받습니다.
# - 어떤 사례가 실패하면, 비공개 테스트 셀 아래의 피드백이 무엇이 먼저 잘못되었는지, 어떤
#   입력에서였는지 알려 줍니다. 함수가 오류를 일으켰는지, 잘못된 타입을 반환했는지, 잘못된 형태를
#   반환했는지(예를 들어 $n \times n$ 행렬 대신 대각 성분을 벡터로 반환), NaN이나 inf를 반환했는지,
#   값이 틀렸는지를 알려 줍니다. 가능하면 흔한 실수의 이름(전치된 행렬, 0이 아닌 비대각 원소, 뒤집힌
#   부호, 빠진 상수 인수)을 짚어 줍니다. 작은 입력은 numpy 코드로 출력됩니다.
#   그것을 여러분의 셀에 붙여 넣고 함수를 호출하면 실패를 직접 볼 수 있습니다. 큰 입력은 크기로
#   설명됩니다. (함께 출력되는 시드로 담당 교수자가 모든 비공개 입력을 다시 뽑을 수 있습니다.)
# - **답은 해석적이어야 합니다.** 각 야코비안은 여러분이 유도한 공식으로 계산하십시오. 수치
#   미분(유한 차분)으로 구한 답은 점수를 받지 못하며, 과정의 참조 해답을 읽어 온 답도 마찬가지입니다.
#
# ## 제출 전에 스스로 점검하는 방법
#
# - 각 함수 아래에는 **공개 테스트**(visible test) 셀이 있습니다. 함수를 작성한 뒤 실행하십시오.
#   통과하면 `... 공개 테스트 통과`를 출력하고, 그렇지 않으면 무엇을 고쳐야 하는지 알려 주는
#   `AssertionError`와 함께 멈춥니다(numpy 배열이 아님, 잘못된 형태, 틀린 원소의 위치, 그리고 아래의
#   "흔한 실수" 중 하나를 알아보면 그 실수). 공개 테스트는 손으로 풀 수 있는 예제 하나를 확인한 뒤,
#   비공개 테스트가 쓰는 모든 크기($n = 1$, 3, 6, 200)에서 타입과 형태를 확인합니다. 통과했다면 좋은
#   신호지만 보장은 아닙니다. 비공개 테스트는 훨씬 많은 입력을 사용합니다.
# - 그다음 셀은 여러분의 사본에서는 주석 하나만 담고 있습니다. 노트북을 채점할 때 그 자리에 비공개
#   테스트가 삽입됩니다.
# - 제출하기 전에 새 커널에서 노트북 전체를 실행하십시오. nbgrader가 JupyterLab에 추가하는
#   **Validate** 버튼(노트북 도구 모음과 Assignments 패널에 있음)은 커널을 다시 시작하고 모든 셀을
#   실행한 뒤 실패한 셀을 보고합니다. *Kernel > Restart Kernel and Run All Cells* 메뉴도 보고 없이
#   같은 일을 합니다.
#   공개 테스트가 실패해도 *Run All*은 멈추지 않습니다. 각 연습 문제가 자기 결과를 보여 줍니다.
#
# ## 규약 (과정의 계약)
#
# - 모든 입력과 출력은 float64 numpy 배열입니다. $\mathbb{R}^n$의 벡터는 형태 `(n,)`, 즉 평평한(1차원)
#   배열이며 `(n, 1)`이나 `(1, n)`이 아닙니다. 강의에서는 벡터를 열로 그리지만, numpy에서는 1차원
#   배열입니다.
# - 벡터를 받는 벡터 함수 $\vec f: \mathbb{R}^n \to \mathbb{R}^m$의 야코비안은 형태 `(m, n)`이며,
#   `J[i, j]` $= \partial f_i / \partial x_j$입니다. 이를 분자 레이아웃(numerator layout)이라고 합니다. 행 $i$는 출력
#   $f_i$에, 열 $j$는 입력 $x_j$에 해당합니다.
# - 인덱스는 numpy처럼 0부터 시작합니다. $\vec x \in \mathbb{R}^n$의 원소는 $x_0, \dots, x_{n-1}$이고,
#   행렬의 첫 행은 행 0입니다.
# - `sigmoid(z) = 1 / (1 + exp(-z))`.
# - 답은 해석적이어야 합니다. 수치 미분이나 과정의 참조 해답을 읽어 온 답은 점수를 받지 못합니다.
#
# ## 제출 방법
#
# - 각 함수 안의 `raise NotImplementedError(...)` 줄을 지우고 그 자리에 코드를 작성하십시오. 함수
#   이름과 인수는 그대로 두십시오.
# - 이 노트북의 이름을 바꾸지 말고, 주어진 셀을 지우거나 복사하거나 다시 입력하지 마십시오. 채점기는
#   각 테스트를 그것이 주어진 셀로 찾습니다. 연습용으로 여러분의 셀을 추가하는 것은 괜찮습니다.
# - 노트북을 저장한 뒤(*File > Save* 또는 Ctrl+S), JupyterLab의 **Assignments** 패널에서 이 과제
#   옆의 **Submit**을 누르거나, 담당 교수자가 안내하는 방식으로 이 `.ipynb` 파일을 제출하십시오.

# %% [markdown] en_sha="d12b4e86b23d"
# ## 준비
#
# 다음 셀을 먼저 실행하십시오. 이 셀은 numpy를 가져오고 다음을 정의합니다.
#
# - `sigmoid(z)`: 시그모이드 $1 / (1 + e^{-z})$를 원소마다 적용하는 함수로, 여러분의 해답에서
#   호출해도 됩니다.
# - `check_answer(name, got, expected)`: 공개 테스트가 사용하는 함수로, 여러분의 함수가 반환한 값
#   (`got`)을 손으로 구한 값(`expected`)과 비교합니다. 먼저 형태를, 그다음 모든 원소를 확인합니다.
# - `check_shape(name, got, expected_shape)`: 타입과 형태만 확인합니다. 그리고
#   `check_diagonal(name, got, n)`은 대각선 밖이 0인 $n \times n$ 배열인지 확인합니다.
# - `visible_test_passed(name)`: 각 공개 테스트의 마지막 줄로, 그 위의 모든 확인을 통과하면
#   `... 공개 테스트 통과`를 출력합니다.
#
# 이 도우미 함수들의 코드를 읽을 필요는 없습니다. 무엇을 고쳐야 하는지는 메시지가 알려 줍니다.

# %% role="setup" include="shared/self_check.py" en_sha="6f11581db2b4"
import numpy as np

# %% [markdown] en_sha="ae925b5dd3a7"
# ## 1부: 대각 행렬
#
# 정사각 행렬 $M \in \mathbb{R}^{n \times n}$에는 **주대각선**(main diagonal)이 있습니다. 행 번호와
# 열 번호가 같은 원소 $m_{00}, m_{11}, \dots, m_{n-1,n-1}$입니다. 나머지 원소가 모두 0일 때, 즉
# $i \ne j$이면 언제나 $m_{ij} = 0$일 때 그 행렬을 **대각 행렬**이라고 합니다. 대각 행렬은 대각선 위의 $n$개
# 수만으로 완전히 정해지므로 다음과 같은 짧은 표기를 씁니다.
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
# 대각 원소들이 벡터 $\vec d$를 이룰 때는 $\operatorname{diag}(\vec d)$라고 씁니다.
#
# **연산해도 대각 행렬로 남습니다.** $A = \operatorname{diag}(a_0, \dots, a_{n-1})$과
# $B = \operatorname{diag}(b_0, \dots, b_{n-1})$에 대해 $2 \times 2$ 경우를 손으로 계산해 보면, 대각
# 원소끼리만 만난다는 것을 알 수 있습니다.
#
# - 합: $A + B = \operatorname{diag}(a_0 + b_0, \dots, a_{n-1} + b_{n-1})$;
# - 곱: $A B = \operatorname{diag}(a_0 b_0, \dots, a_{n-1} b_{n-1})$, 따라서 $A B = B A$;
# - 역행렬(모든 $a_i \ne 0$일 때): $A^{-1} = \operatorname{diag}(1/a_0, \dots, 1/a_{n-1})$. 왜냐하면
#   $\operatorname{diag}(a_0, \dots, a_{n-1})\,\operatorname{diag}(1/a_0, \dots, 1/a_{n-1}) = \operatorname{diag}(1, \dots, 1)$이기 때문입니다.
#
# *손으로 확인해 보기:* $\operatorname{diag}(2, 3) + \operatorname{diag}(1, -1) = \operatorname{diag}(3, 2)$,
# $\operatorname{diag}(2, 3)\,\operatorname{diag}(1, -1) = \operatorname{diag}(2, -3)$,
# $\operatorname{diag}(2, 4)^{-1} = \operatorname{diag}(0.5, 0.25)$.
#
# **대각 행렬과 벡터의 곱**은 역전파에서 가장 유용한 성질입니다. 각 원소의 크기만 바꿉니다.
# $\operatorname{diag}(\vec d)\,\vec g = (d_0 g_0, \dots, d_{n-1} g_{n-1}) = \vec d \odot \vec g$,
# 즉 원소별 곱(아다마르 곱, Hadamard product)입니다. 예를 들어
# $\operatorname{diag}(2, 3)\,(10, 1)^T = (20, 3)^T$입니다.
#
# **항등 행렬**(identity matrix) $I$는 대각선이 모두 1인 대각 행렬
# $I = \operatorname{diag}(1, 1, \dots, 1)$입니다. 원소는 $\alpha = \beta$이면 $i_{\alpha\beta} = 1$,
# 그렇지 않으면 $0$입니다. 항등 행렬을 곱해도 아무것도 바뀌지 않습니다. 모든 $n \times n$ 행렬 $M$에
# 대해 $M I = I M = M$이며, 역행렬을 $M M^{-1} = I$로 정의하는 것도 이 때문입니다.
#
# **numpy에서는:**
#
# ```python
# np.diag(np.array([2.0, 3.0]))   # 벡터를 넣으면 행렬 diag(2, 3)이 나옵니다: [[2., 0.], [0., 3.]]
# np.diag(np.array([[2.0, 0.0],
#                   [0.0, 3.0]]))  # 주의: 행렬을 넣으면 그 대각 성분이 나옵니다: [2., 3.]
# np.eye(3)                        # 3 x 3 항등 행렬
# ```
#
# `np.diag`는 양방향으로 동작합니다. 벡터를 주면 대각 행렬을 만들고, 행렬을 주면 대각 성분을
# 꺼냅니다. 이 과정에서는 첫 번째 방향을 사용합니다.

# %% [markdown] en_sha="9aa5f6cdfdd4"
# ## 2부: 단항 원소별 연산
#
# 함수 $\vec f: \mathbb{R}^n \to \mathbb{R}^n$에서 출력 $i$가 입력 $i$에만 의존할 때, 이 함수를
# **단항 원소별 연산**(unary element-wise operation)이라고 합니다.
#
# $$
# f_i(\vec x) = f_i(x_i), \qquad
# \vec f(\vec x) = \begin{pmatrix} f_0(\vec x) \\ f_1(\vec x) \\ \vdots \\ f_{n-1}(\vec x) \end{pmatrix}
# = \begin{pmatrix} f_0(x_0) \\ f_1(x_1) \\ \vdots \\ f_{n-1}(x_{n-1}) \end{pmatrix}.
# $$
#
# 입력 벡터가 하나이므로 "단항"이라고 부릅니다(입력이 두 개인 경우는 ps2에서 다룹니다). numpy는
# 이런 함수를 대신 적용해 줍니다. `np.exp(x)`, `np.log(x)`, `np.tanh(x)`는 모두 원소마다 동작합니다.
#
# **야코비안이 대각 행렬인 이유.** 야코비안의 행 $i$는 출력 하나 $f_i$를 입력 벡터 전체에 대해
# 미분한 그래디언트(gradient)입니다.
#
# $$
# \frac{\partial f_i}{\partial \vec x} = \left( \frac{\partial f_i}{\partial x_0} \;\; \frac{\partial f_i}{\partial x_1} \;\; \cdots \;\; \frac{\partial f_i}{\partial x_{n-1}} \right).
# $$
#
# $f_i$는 $x_i$에만 의존하므로, 다른 입력 $x_j$ ($j \ne i$)를 움직여도 $f_i$는 변하지 않습니다.
# 즉 $\partial f_i / \partial x_j = 0$입니다. 행 $i$에서 0이 아닐 수 있는 원소는 열 $i$의 원소
# 하나뿐입니다. 행들을 쌓으면 다음과 같습니다.
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
# 모든 원소에 같은 스칼라 함수 $g$를 쓰면(활성화 함수가 그렇듯이) 이것은
# $\operatorname{diag}(g'(x_0), \dots, g'(x_{n-1}))$입니다. 즉 도함수 $g'$을 각 원소에 적용해
# 대각선에 놓은 행렬입니다.
#
# **아래 모든 연습 문제의 풀이 순서:** (1) 스칼라 도함수 $g'$을 손으로 구합니다. (2) numpy로 도함수
# 벡터 `d = g'(x)`를 계산합니다(형태 `(n,)`). (3) `np.diag(d)`를 반환합니다(형태 `(n, n)`).
#
# 역전파에서 원소별 연산이 값싼 것은 바로 이 대각 구조 덕분입니다. 그래디언트에
# $\operatorname{diag}(\vec d)$를 곱하는 것은 $\vec d$와의 원소별 곱일 뿐입니다(1부).
# 라이브러리는 이 행렬을 만들지 않지만, 여기서는 구조를 보기 위해 직접 만들어 봅니다.

# %% [markdown] en_sha="d5baa834fdb0"
# ## 연습 문제 1: 항등 사상 (1점)
#
# $f_i(\vec x) = x_i$, 즉 $\vec f(\vec x) = \vec x$라고 합시다. 야코비안의 행 0은
#
# $$
# \frac{\partial f_0}{\partial \vec x}
# = \left( \frac{\partial x_0}{\partial x_0} \;\; \frac{\partial x_0}{\partial x_1} \;\; \cdots \;\; \frac{\partial x_0}{\partial x_{n-1}} \right)
# = (1 \;\; 0 \;\; \cdots \;\; 0),
# $$
#
# 이고, 행 1은 $(0 \;\; 1 \;\; \cdots \;\; 0)$이며, 행 $i$는 열 $i$에만 $1$이 하나 있습니다. 따라서
#
# $$
# \frac{\partial \vec f}{\partial \vec x} = \operatorname{diag}(1, 1, \dots, 1) = I .
# $$
#
# 답은 $\vec x$의 값이 아니라 길이 $n$에만 의존합니다.
# *예:* $\vec x = (5, -1)$이면 $n = 2$이고 야코비안은 $\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}$입니다.
#
# **흔한 실수:** `np.ones_like(x)`는 행렬이 아니라 대각 성분을 담은 벡터(형태 `(n,)`)입니다.
# `np.ones((n, n))`은 대각선 밖에도 1이 있습니다.

# %% role="solution" function="jacobian_identity" en_sha="55f9d36615d2"
def jacobian_identity(x):
    """f(x) = x의 야코비안.

    x: 형태 (n,). 항등 행렬 I(형태 (n, n))를 반환합니다.
    """
    ### BEGIN SOLUTION
    return np.eye(x.shape[0])
    ### END SOLUTION


# %% role="visible" function="jacobian_identity" en_sha="478b4368a355"
# 풀이 예: x = (5, -1)은 원소가 n = 2개이므로 야코비안은 2 x 2 항등 행렬입니다.
check_answer("jacobian_identity", jacobian_identity(np.array([5.0, -1.0])), [[1.0, 0.0], [0.0, 1.0]])
# n = 1이면 1 x 1 행렬입니다. 이어서 비공개 테스트가 쓰는 모든 크기에서, 각각 n x n이고 대각선 밖은 0입니다.
check_answer("jacobian_identity, n = 1", jacobian_identity(np.array([0.3])), [[1.0]])
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_identity, n = {n}", jacobian_identity(np.linspace(-1.0, 1.0, n)), n)
visible_test_passed("jacobian_identity")

# %% role="hidden" function="jacobian_identity" en_sha="0440db877d09"
# 노트북을 채점할 때 jacobian_identity의 비공개 테스트가 여기서 실행됩니다(1점).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_identity")
### END HIDDEN TESTS

# %% [markdown] en_sha="02a76a11f7f7"
# ## 연습 문제 2: $\ln x + e^x$ (2점)
#
# $x_i > 0$에서 정의되는 $f_i(\vec x) = \ln(x_i) + e^{x_i}$를 생각합시다.
#
# $$
# \vec f(\vec x) = \begin{pmatrix} \ln(x_0) + e^{x_0} \\ \ln(x_1) + e^{x_1} \\ \vdots \\ \ln(x_{n-1}) + e^{x_{n-1}} \end{pmatrix}.
# $$
#
# 각 $f_i$는 $x_i$만 사용하므로 이것은 단항 원소별 연산입니다. $f_i$를 $x_j$에 대해 미분하면
#
# $$
# \frac{\partial f_i}{\partial x_j} =
# \begin{cases} \dfrac{1}{x_i} + e^{x_i}, & i = j, \\[4pt] 0, & i \ne j, \end{cases}
# \qquad\text{so}\qquad
# \frac{\partial \vec f}{\partial \vec x} = \operatorname{diag}\left( \frac{1}{x_0} + e^{x_0}, \dots, \frac{1}{x_{n-1}} + e^{x_{n-1}} \right).
# $$
#
# *예:* $\vec x = (1, 2)$이면 대각 성분은 $1/1 + e^1 = 1 + e \approx 3.71828$과
# $1/2 + e^2 \approx 7.88906$이므로 야코비안은 $\begin{pmatrix} 1 + e & 0 \\ 0 & 0.5 + e^2 \end{pmatrix}$입니다.
#
# **흔한 실수:** 대각선에 도함수 대신 함수 자체 $\ln(x_i) + e^{x_i}$를 놓는 것; $1/x_i$ 항을 빠뜨리는
# 것; 숫자 하나만 받는 `math.log`나 `math.exp`를 쓰는 것(배열 전체에 `np.exp`를 쓰십시오.
# `1.0 / x`는 원소마다 나눕니다).

# %% role="solution" function="jacobian_log_exp" en_sha="400d49372aad"
def jacobian_log_exp(x):
    """x > 0에서 f_i(x) = ln(x_i) + exp(x_i)의 야코비안.

    x: 형태 (n,), 모든 원소가 양수. diag(1/x + exp(x))(형태 (n, n))를 반환합니다.
    """
    ### BEGIN SOLUTION
    return np.diag(1.0 / x + np.exp(x))
    ### END SOLUTION


# %% role="visible" function="jacobian_log_exp" en_sha="6573d7e7b2d3"
# 풀이 예: x = (1, 2)이면 diag(1 + e, 1/2 + e^2), 약 diag(3.71828, 7.88906)입니다.
check_answer("jacobian_log_exp", jacobian_log_exp(np.array([1.0, 2.0])), [[1.0 + np.e, 0.0], [0.0, 0.5 + np.e**2]],
             mistakes={"mistake_function_not_derivative": np.diag([np.e, np.log(2.0) + np.e**2]),
                       "mistake_log_term_missing": np.diag([np.e, np.e**2])})
# 비공개 테스트가 쓰는 모든 크기에서: n x n 행렬이고, 대각선 밖은 0입니다.
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_log_exp, n = {n}", jacobian_log_exp(np.linspace(0.5, 2.5, n)), n)
visible_test_passed("jacobian_log_exp")

# %% role="hidden" function="jacobian_log_exp" en_sha="60e5e56c48c0"
# 노트북을 채점할 때 jacobian_log_exp의 비공개 테스트가 여기서 실행됩니다(2점).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_log_exp")
### END HIDDEN TESTS

# %% [markdown] en_sha="882f2558343d"
# ## 활성화 함수는 단항 원소별 연산입니다
#
# 완전 연결 층(dense layer)은 $\vec z = W \vec x + \vec b$를 계산한 뒤 활성화
# $\vec a = \vec g(\vec z)$를 계산합니다. 여기서 같은 스칼라 함수 $g$가 모든 원소에 적용됩니다.
# $a_i = g(z_i)$. 따라서 아래 모든 활성화 함수의 야코비안은
#
# $$
# \frac{\partial \vec a}{\partial \vec z} = \operatorname{diag}\left( \frac{\partial a_0}{\partial z_0}, \dots, \frac{\partial a_{n-1}}{\partial z_{n-1}} \right)
# = \operatorname{diag}\big( g'(z_0), \dots, g'(z_{n-1}) \big).
# $$
#
# 활성화 함수마다 달라지는 것은 스칼라 도함수 $g'$뿐입니다. 시그모이드와 tanh에서는 $g'$을 출력
# $a = g(z)$로 쓰는 것이 가장 깔끔합니다. 신경망이 순전파(forward pass)에서 이미 계산해 둔 값이기
# 때문입니다.

# %% [markdown] en_sha="3a5481f085d4"
# ## 연습 문제 3: 시그모이드 (2점)
#
# 시그모이드는 $\sigma(z) = \dfrac{1}{1 + e^{-z}} = (1 + e^{-z})^{-1}$입니다. 연쇄 법칙(chain rule)에
# 따라
#
# $$
# \sigma'(z) = -(1 + e^{-z})^{-2} \cdot (-e^{-z}) = \frac{e^{-z}}{(1 + e^{-z})^2}
# = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}} .
# $$
#
# 첫 번째 인수는 $\sigma(z)$입니다. 두 번째 인수는 분자에 1을 더하고 빼면
# $\dfrac{e^{-z}}{1 + e^{-z}} = \dfrac{(1 + e^{-z}) - 1}{1 + e^{-z}} = 1 - \sigma(z)$입니다.
# $a = \sigma(z)$로 쓰면
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
# *예:* $\vec z = (0, \ln 3)$이면 $\sigma(0) = 1/2$, $\sigma(\ln 3) = 1/(1 + 1/3) = 3/4$이므로
# 대각 성분은 $\tfrac12 \cdot \tfrac12 = 0.25$와 $\tfrac34 \cdot \tfrac14 = 0.1875$입니다.
# 기울기는 $z = 0$에서 가장 커서 $1/4$이고, $|z|$가 크면 $0$으로 다가갑니다(시그모이드가
# *포화*(saturate)하며, 이는 기울기 소실(vanishing gradients)의 한 원인입니다).
#
# **흔한 실수:** `z * (1 - z)`를 계산하는 것(먼저 준비 셀의 `sigmoid`로 시그모이드를 적용하십시오:
# `a = sigmoid(z)`); `np.diag(a * (1 - a))` 대신 벡터 `a * (1 - a)`를 반환하는 것. 비공개 테스트에는
# $z = \pm 30$도 포함됩니다. 준비 셀의 `sigmoid`와 교과서식 `1 / (1 + np.exp(-z))` 모두 오버플로 없이
# 이 값을 처리합니다.

# %% role="solution" function="jacobian_sigmoid" en_sha="4945a6c4b357"
def jacobian_sigmoid(z):
    """원소마다 적용한 a = sigmoid(z)의 야코비안.

    z: 형태 (n,). diag(a (1 - a))(형태 (n, n))를 반환합니다.
    """
    ### BEGIN SOLUTION
    a = sigmoid(z)
    return np.diag(a * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_sigmoid" en_sha="d3a78b807896"
# 풀이 예: z = (0, ln 3)이면 a = (1/2, 3/4)이므로 대각 성분은 (1/4, 3/16) = (0.25, 0.1875)입니다.
check_answer("jacobian_sigmoid", jacobian_sigmoid(np.array([0.0, np.log(3.0)])), [[0.25, 0.0], [0.0, 0.1875]],
             mistakes={"mistake_sigmoid_not_applied": np.diag([0.0, np.log(3.0) * (1 - np.log(3.0))])})
# n = 1이면 1 x 1 행렬입니다. 이어서 비공개 테스트가 쓰는 모든 크기에서, 각각 n x n이고 대각선 밖은 0입니다.
check_answer("jacobian_sigmoid, n = 1", jacobian_sigmoid(np.array([0.0])), [[0.25]])
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_sigmoid, n = {n}", jacobian_sigmoid(np.linspace(-4.0, 4.0, n)), n)
visible_test_passed("jacobian_sigmoid")

# %% role="hidden" function="jacobian_sigmoid" en_sha="701573a32799"
# 노트북을 채점할 때 jacobian_sigmoid의 비공개 테스트가 여기서 실행됩니다(2점).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_sigmoid")
### END HIDDEN TESTS

# %% [markdown] en_sha="d751c2bbad75"
# ## 연습 문제 4: tanh (2점)
#
# 쌍곡탄젠트는 $\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$입니다. 몫의 미분법에
# $(e^{z} - e^{-z})' = e^{z} + e^{-z}$와 $(e^{z} + e^{-z})' = e^{z} - e^{-z}$를 쓰면
#
# $$
# \tanh'(z) = \frac{(e^{z} + e^{-z})^2 - (e^{z} - e^{-z})^2}{(e^{z} + e^{-z})^2}
# = 1 - \tanh^2(z) .
# $$
#
# $a = \tanh(z)$로 쓰면 $1 - a^2 = (1 + a)(1 - a)$이므로
#
# $$
# \frac{\partial \vec a}{\partial \vec z} = \operatorname{diag}\big( (1 + a_0)(1 - a_0), \dots, (1 + a_{n-1})(1 - a_{n-1}) \big)
# = \operatorname{diag}\big( (1 + \vec a) \odot (1 - \vec a) \big).
# $$
#
# *예:* $\tanh(0) = 0$이므로 기울기는 $1$입니다. $z = \ln 2$이면 $e^{z} = 2$, $e^{-z} = 1/2$이므로
# $a = (2 - 0.5)/(2 + 0.5) = 0.6$이고 기울기는 $(1.6)(0.4) = 0.64$입니다. $z = -\ln 2$이면
# $a = -0.6$이고 기울기는 같은 $0.64$입니다. $\vec z = (0, \ln 2, -\ln 2)$에 대한 야코비안은
# $\operatorname{diag}(1, 0.64, 0.64)$입니다.
#
# **흔한 실수:** $1 - a^2$ 대신 $1 - a$를 쓰는 것; $1 + a^2$를 쓰는 것; 공식을 쓰기 전에 `np.tanh`를
# 적용하지 않는 것. `1 / np.cosh(z)**2`는 수학적으로 같지만, `np.cosh`는 $|z|$가 크면 오버플로합니다.
# $a$로 쓴 형태를 사용하십시오.

# %% role="solution" function="jacobian_tanh" en_sha="284e70201406"
def jacobian_tanh(z):
    """원소마다 적용한 a = tanh(z)의 야코비안.

    z: 형태 (n,). diag((1 + a)(1 - a))(형태 (n, n))를 반환합니다.
    """
    ### BEGIN SOLUTION
    a = np.tanh(z)
    return np.diag((1.0 + a) * (1.0 - a))
    ### END SOLUTION


# %% role="visible" function="jacobian_tanh" en_sha="bf329cb580f6"
# 풀이 예: z = (0, ln 2, -ln 2)이면 a = (0, 0.6, -0.6)이므로 대각 성분은 (1, 0.64, 0.64)입니다.
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
# n = 1이면 1 x 1 행렬입니다. 이어서 비공개 테스트가 쓰는 모든 크기에서, 각각 n x n이고 대각선 밖은 0입니다.
check_answer("jacobian_tanh, n = 1", jacobian_tanh(np.array([0.0])), [[1.0]])
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_tanh, n = {n}", jacobian_tanh(np.linspace(-2.0, 2.0, n)), n)
visible_test_passed("jacobian_tanh")

# %% role="hidden" function="jacobian_tanh" en_sha="22a7920bcc75"
# 노트북을 채점할 때 jacobian_tanh의 비공개 테스트가 여기서 실행됩니다(2점).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_tanh")
### END HIDDEN TESTS

# %% [markdown] en_sha="63d20fcb4cc7"
# ## 연습 문제 5: ReLU (2점)
#
# 정류 선형 유닛(rectified linear unit)은 $\operatorname{ReLU}(z) = \max(0, z)$입니다. 양수 $z$에서는
# 항등 함수이고, 음수 $z$에서는 0입니다. 따라서 기울기는 $z > 0$에서 $1$, $z < 0$에서 $0$입니다.
# $z = 0$에서는 그래프가 꺾여 엄밀한 의미의 도함수가 없으므로, 소프트웨어가 그 점의 값을 정합니다.
# 강의에서는 지시 함수 $\mathbb{1}[z \ge 0]$($0$에서 기울기 $1$)을 쓰고, 많은 라이브러리는 $0$을
# 씁니다. **정확히 $z_i = 0$인 곳에서는 $0$과 $1$ 모두 정답으로 인정합니다.** 이 규약에 따르면
#
# $$
# \frac{\partial a_i}{\partial z_j} =
# \begin{cases} 1, & i = j \text{ and } z_i \ge 0, \\ 0, & i \ne j \text{ or } z_i < 0, \end{cases}
# \qquad
# \frac{\partial \vec a}{\partial \vec z} = \operatorname{diag}\big( \mathbb{1}[z_0 \ge 0], \dots, \mathbb{1}[z_{n-1} \ge 0] \big).
# $$
#
# *예:* $\vec z = (-2, 3, 0.5, -0.1)$이면 $\operatorname{diag}(0, 1, 1, 0)$입니다. $z_i$의 부호가
# 결정하며, 크기는 상관없습니다.
#
# numpy에서 `z >= 0`은 불리언 배열입니다. 대각선에 놓기 전에 `.astype(np.float64)`나
# `np.where(z >= 0, 1.0, 0.0)`로 실수로 바꾸십시오.
#
# **흔한 실수:** `np.maximum(0, z)`는 기울기가 아니라 ReLU 자체입니다; `np.sign(z)`는 음수 원소에
# $-1$을 줍니다; 비교를 거꾸로 하는 것(`z < 0`).

# %% role="solution" function="jacobian_relu" en_sha="b037dbcecd19"
def jacobian_relu(z):
    """원소마다 적용한 a = max(0, z)의 야코비안.

    z: 형태 (n,). diag(z >= 0이면 1, 아니면 0)(형태 (n, n))를 반환합니다
    (정확히 z_i = 0인 곳에서는 0과 1 모두 인정합니다).
    """
    ### BEGIN SOLUTION
    return np.diag((z >= 0).astype(np.float64))
    ### END SOLUTION


# %% role="visible" function="jacobian_relu" en_sha="c3925bb3b0ef"
# 풀이 예: z = (-2, 3, 0.5, -0.1)이면 diag(0, 1, 1, 0)입니다.
check_answer("jacobian_relu", jacobian_relu(np.array([-2.0, 3.0, 0.5, -0.1])), np.diag([0.0, 1.0, 1.0, 0.0]),
             mistakes={"mistake_relu_itself": np.diag([0.0, 3.0, 0.5, 0.0]),
                       "mistake_relu_sign": np.diag([-1.0, 1.0, 1.0, -1.0]),
                       "mistake_relu_reversed": np.diag([1.0, 0.0, 0.0, 1.0])})
# 정확히 z = 0에서는 0과 1 모두 인정하지만, 형태는 여전히 1 x 1이어야 합니다.
J = jacobian_relu(np.array([0.0]))
check_shape("jacobian_relu, z = 0", J, (1, 1))
assert np.asarray(J)[0, 0] in (0.0, 1.0), MESSAGES["relu_at_zero"].format(name="jacobian_relu", got=np.asarray(J)[0, 0])
# 비공개 테스트가 쓰는 모든 크기에서: n x n 행렬이고, 대각선 밖은 0입니다.
for n in (1, 3, 6, 200):
    check_diagonal(f"jacobian_relu, n = {n}", jacobian_relu(np.linspace(-1.0, 1.5, n)), n)
visible_test_passed("jacobian_relu")

# %% role="hidden" function="jacobian_relu" en_sha="44284112ad75"
# 노트북을 채점할 때 jacobian_relu의 비공개 테스트가 여기서 실행됩니다(2점).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobian_relu")
### END HIDDEN TESTS

# %% [markdown] en_sha="e9f4187633e1"
# ## 요약
#
# | 연산 | $a_i$ | $\partial \vec a / \partial \vec z$ |
# |---|---|---|
# | 항등 사상 | $x_i$ | $I$ |
# | $\ln x + e^x$ | $\ln(x_i) + e^{x_i}$ | $\operatorname{diag}(1/\vec x + e^{\vec x})$ |
# | 시그모이드 | $\sigma(z_i)$ | $\operatorname{diag}\big(\vec a \odot (1 - \vec a)\big)$ |
# | tanh | $\tanh(z_i)$ | $\operatorname{diag}\big((1 + \vec a) \odot (1 - \vec a)\big)$ |
# | ReLU | $\max(0, z_i)$ | $\operatorname{diag}\big(\mathbb{1}[\vec z \ge 0]\big)$ |
#
# 모든 단항 원소별 연산의 야코비안은 대각 행렬이며, 그 대각선에는 각 원소에서의 스칼라 도함수가
# 놓입니다. 다음 과제 ps2에서는 $\vec u + \vec v$와 $\vec u \odot \vec v$처럼 입력 벡터가 두 개인
# 연산을 다룹니다.
#
# ### 직접 해 보기 (선택, 채점하지 않음)
#
# 여러분이 새로 만든 셀에서 해 보십시오(추가한 셀은 채점하지 않습니다).
#
# - 여러분의 `jacobian_tanh(z)`를 유한 차분 추정값과 비교해 보십시오. `e_j = np.eye(n)[j]`,
#   `h = 1e-6`일 때 열 $j$는 대략 `(np.tanh(z + h * e_j) - np.tanh(z - h * e_j)) / (2 * h)`입니다.
#   둘은 16자리가 아니라 8자리 정도까지만 일치합니다. 이 과정이 해석적인 야코비안을 요구하는 이유
#   중 하나입니다.
# - "상류 그래디언트(upstream gradient)" `g = np.random.randn(n)`를 잡고
#   `jacobian_sigmoid(z) @ g`가 `a * (1 - a) * g`와 같은지 확인해 보십시오. 대각 행렬을 곱하는 것은
#   원소별 곱이며, 라이브러리는 이렇게 행렬을 만들지 않고도 활성화 함수를 거쳐 역전파합니다.
