# %% [markdown] en_sha="5499f248e26f"
# # ps2_binary: 이항 원소별 연산의 야코비안
#
# ps1에서는 모든 연산의 입력 벡터가 하나였습니다. 신경망의 많은 단계는 벡터 **두 개**를 원소끼리
# 결합합니다. 잔차 연결(residual connection)은 두 벡터를 더하고, 손실 함수(loss function)는
# 예측에서 목표값을 빼며, (LSTM에서처럼) 게이트는 두 벡터를 원소끼리 곱합니다. 이 노트북에서는 이런
# *이항 원소별 연산*(binary element-wise operation)의 야코비안(Jacobian)을 구합니다. 입력이 두 개인
# 연산에는 입력마다 하나씩, 야코비안이 두 개 있으며, 둘 다 대각 행렬(diagonal matrix)이 됩니다.
#
# $\vec u, \vec v \in \mathbb{R}^n$에 대해 다음 세 함수를 작성합니다.
#
# 1. `jacobians_add(u, v)`: $\vec w = \vec u + \vec v$;
# 2. `jacobians_sub(u, v)`: $\vec w = \vec u - \vec v$;
# 3. `jacobians_hadamard(u, v)`: $\vec w = \vec u \odot \vec v$, 즉 원소별 곱
#    $w_i = u_i v_i$.
#
# 각 함수는 **쌍** $\left( \frac{\partial \vec w}{\partial \vec u}, \frac{\partial \vec w}{\partial \vec v} \right)$을
# $n \times n$ numpy 배열 두 개의 튜플로, 이 순서대로 반환합니다.

# %% [markdown] en_sha="250dd8856fc6"
# ## 이 노트북의 채점 방식
#
# 각 함수에는 **비공개 테스트**(hidden tests)가 있으며, 배점은 다음과 같습니다.
#
# | 함수 | 점수 |
# |---|---|
# | `jacobians_add` | 2 ($\partial \vec w / \partial \vec u$에 1점, $\partial \vec w / \partial \vec v$에 1점) |
# | `jacobians_sub` | 2 ($\partial \vec w / \partial \vec u$에 1점, $\partial \vec w / \partial \vec v$에 1점) |
# | `jacobians_hadamard` | 2 ($\partial \vec w / \partial \vec u$에 1점, $\partial \vec w / \partial \vec v$에 1점) |
# | **합계** | **6** |
#
# - 비공개 테스트는 여러 크기의 무작위 벡터 $\vec u, \vec v$로 여러분의 함수를 호출합니다. $n = 1$,
#   작은 크기($n = 3$과 $n = 6$), 수백 개($n = 200$)이며, 0과 음수 원소가 들어 있는 경우도 하나
#   포함합니다. 이 노트북의 야코비안은 모두 정사각($n \times n$)이므로 정사각이 아닌 경우는 여기에
#   없습니다. 각 답은 참조 해답과 원소 하나하나 비교되며, 유효숫자 약 10자리까지(상대 허용 오차
#   $10^{-10}$) 맞아야 합니다.
# - 쌍을 이루는 두 행렬은 따로 채점합니다. 각 행렬은 함수 배점의 절반이며, 모든 비공개 테스트
#   사례에서 맞아야 그 점수를 받습니다. 쌍을 반환해야 할 곳에 행렬 하나만 반환하면 점수가 없습니다.
# - 어떤 사례가 실패하면, 비공개 테스트 셀 아래의 피드백이 무엇이 먼저 잘못되었는지, 어떤
#   입력에서였는지 알려 줍니다. 함수가 오류를 일으켰는지, 잘못된 타입을 반환했는지(예를 들어 쌍 대신 행렬
#   하나), 잘못된 형태를 반환했는지(예를 들어 $n \times n$ 행렬 대신 대각 성분을 벡터로 반환), NaN이나
#   inf를 반환했는지, 값이 틀렸는지를 알려 줍니다. 가능하면 흔한 실수의 이름(전치된 행렬, 0이 아닌
#   비대각 원소, 뒤집힌 부호, 빠진 상수 인수)을 짚어 줍니다. 작은 입력은 numpy 코드로 출력됩니다.
#   그것을 여러분의 셀에 붙여 넣고 함수를 호출하면 실패를 직접 볼 수 있습니다. 큰 입력은 크기로
#   설명됩니다. (함께 출력되는 시드로 담당 교수자가 모든 비공개 입력을 다시 뽑을 수 있습니다.)
# - **답은 해석적이어야 합니다.** 각 야코비안은 여러분이 유도한 공식으로 계산하십시오. 수치
#   미분(유한 차분)으로 구한 답은 점수를 받지 못하며, 과정의 참조 해답을 읽어 온 답도 마찬가지입니다.
#
# ## 제출 전에 스스로 점검하는 방법
#
# - 각 함수 아래에는 **공개 테스트**(visible test) 셀이 있습니다. 함수를 작성한 뒤 실행하십시오.
#   통과하면 `... 공개 테스트 통과`를 출력하고, 그렇지 않으면 무엇을 고쳐야 하는지 알려 주는
#   `AssertionError`와 함께 멈춥니다(쌍이 아님, 잘못된 형태, 틀린 원소의 위치, 그리고 실수를 알아보면
#   힌트도 줍니다). 공개 테스트는 손으로 풀 수 있는 예제 하나를 확인한 뒤, 비공개 테스트가 쓰는 모든
#   크기($n = 1$, 3, 6, 200)에서 타입과 형태를 확인합니다. 통과했다면 좋은 신호지만 보장은 아닙니다.
#   비공개 테스트는 훨씬 많은 입력을 사용합니다.
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
#   $f_i$에, 열 $j$는 입력 $x_j$에 해당합니다. 여기서는 두 야코비안 모두 $n \times n$입니다.
#   `dw_du[i, j]` $= \partial w_i / \partial u_j$이고 `dw_dv[i, j]` $= \partial w_i / \partial v_j$입니다.
# - 인덱스는 numpy처럼 0부터 시작합니다. $\vec u \in \mathbb{R}^n$의 원소는 $u_0, \dots, u_{n-1}$이고,
#   행렬의 원소 $(0, 0)$은 맨 왼쪽 위 원소입니다.
# - 각 함수는 쌍 `(dw_du, dw_dv)`를 이 순서대로 반환합니다.
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

# %% [markdown] en_sha="36cdcbc97acf"
# ## 준비
#
# 다음 셀을 먼저 실행하십시오. 이 셀은 numpy를 가져오고 공개 테스트가 사용하는 도우미 함수를
# 정의합니다.
#
# - `check_answer(name, got, expected)`는 여러분의 함수가 반환한 값(`got`)을 손으로 구한 값
#   (`expected`)과 비교합니다. 쌍이라면 행렬 두 개를 올바른 순서로 반환했는지 확인한 뒤, 각 행렬의
#   형태와 모든 원소를 확인합니다.
# - `check_shape(name, got, expected_shape)`는 타입과 형태만 확인하고,
#   `check_diagonal(name, got, n)`은 대각선 밖이 0인 $n \times n$ 배열인지 확인합니다.
# - `visible_test_passed(name)`는 각 공개 테스트를 끝맺습니다. 그 위의 모든 확인을 통과하면
#   `... 공개 테스트 통과`를 출력합니다.
#
# (이 셀은 `sigmoid(z)`도 정의하지만, 이 노트북에서는 필요하지 않습니다.) 이 도우미 함수들의 코드를
# 읽을 필요는 없습니다. 무엇을 고쳐야 하는지는 메시지가 알려 줍니다.

# %% role="setup" include="shared/self_check.py" en_sha="6f11581db2b4"
import numpy as np

# %% [markdown] en_sha="fbc29b911c3a"
# ## ps1 복습
#
# - $\operatorname{diag}(d_0, \dots, d_{n-1})$은 주대각선에 $d_0, \dots, d_{n-1}$이 있고 나머지는 모두 0인
#   $n \times n$ 행렬이며, $I = \operatorname{diag}(1, \dots, 1)$입니다.
#   numpy에서는 `np.diag(d)`가 벡터 `d`로부터 이 행렬을 만들고, `np.eye(n)`이 $I$입니다.
# - 대각 행렬을 곱하면 각 원소의 크기가 바뀝니다.
#   $\operatorname{diag}(\vec d)\,\vec g = \vec d \odot \vec g$.
# - 단항 원소별 연산 $f_i(\vec x) = f_i(x_i)$의 야코비안은 대각 행렬
#   $\operatorname{diag}\left( \frac{\partial f_0}{\partial x_0}, \dots, \frac{\partial f_{n-1}}{\partial x_{n-1}} \right)$입니다.
#   다른 입력 $x_j$, $j \ne i$가 움직여도 출력 $i$는 움직이지 않기 때문입니다.
#
# ## 이항 원소별 연산
#
# 두 벡터 $\vec u, \vec v \in \mathbb{R}^n$의 함수에서 출력 $i$가 두 입력의 $i$번째 원소에만 의존할
# 때, 이 함수를 **이항 원소별 연산**이라고 합니다.
#
# $$
# w_i = f_i(\vec u, \vec v) = f_i(u_i, v_i), \qquad
# \vec w = \begin{pmatrix} f_0(u_0, v_0) \\ f_1(u_1, v_1) \\ \vdots \\ f_{n-1}(u_{n-1}, v_{n-1}) \end{pmatrix}.
# $$
#
# 입력이 두 개이므로 야코비안도 입력마다 하나씩 두 개이며, 각각 $n \times n$입니다.
# $\frac{\partial \vec w}{\partial \vec u}$를 구할 때는 $\vec v$를 상수로 두고 $\vec u$에 대해
# 미분하고, $\frac{\partial \vec w}{\partial \vec v}$는 그 반대로 합니다.
# $\frac{\partial \vec w}{\partial \vec u}$의 행 $i$는 $w_i$를 $\vec u$에 대해 미분한 그래디언트(gradient)입니다.
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
# $w_i$에는 $u_i$만 들어 있고 $\vec u$의 다른 원소는 들어 있지 않으므로, $j \ne i$인
# $\frac{\partial w_i}{\partial u_j}$는 ps1과 똑같이 모두 0입니다. $\vec v$에 대해서도 마찬가지입니다.
# 그러므로 **두 야코비안 모두 대각 행렬입니다.**
#
# $$
# \frac{\partial \vec w}{\partial \vec u} = \operatorname{diag}\left( \frac{\partial w_0}{\partial u_0}, \dots, \frac{\partial w_{n-1}}{\partial u_{n-1}} \right),
# \qquad
# \frac{\partial \vec w}{\partial \vec v} = \operatorname{diag}\left( \frac{\partial w_0}{\partial v_0}, \dots, \frac{\partial w_{n-1}}{\partial v_{n-1}} \right).
# $$
#
# **역전파(backpropagation)에 둘 다 필요한 이유.** 손실 $L$이 $\vec w$에 의존하면, 연쇄 법칙(chain rule)은 그
# 그래디언트를 각 입력으로 따로 되돌려 보냅니다.
# $\frac{\partial L}{\partial \vec u} = \frac{\partial L}{\partial \vec w} \frac{\partial \vec w}{\partial \vec u}$,
# $\frac{\partial L}{\partial \vec v} = \frac{\partial L}{\partial \vec w} \frac{\partial \vec w}{\partial \vec v}$.
# 두 야코비안이 모두 대각 행렬이므로, 각 곱은 들어오는 그래디언트의 원소별 크기 조정입니다. 아래에서
# 연산마다 확인하게 됩니다.
#
# **Python에서 쌍 반환하기.** `return dw_du, dw_dv`는 튜플 `(dw_du, dw_dv)`를 반환합니다. 순서가
# 중요합니다. 첫 번째 인수 `u`에 대한 야코비안이 먼저 옵니다.
#
# **이 노트북의 흔한 실수:**
#
# - 쌍 대신 행렬 하나를 반환하는 것(이러면 점수를 전혀 받지 못합니다);
# - $n \times n$ 행렬 대신 대각 성분을 벡터(형태 `(n,)`)로 반환하는 것(각각 `np.diag`로 감싸십시오);
# - $-I$의 부호: `-np.eye(n)`라고 쓰십시오. `np.eye(n) - 1`은 다른 행렬입니다(대각선은 0이고, 나머지는
#   모두 $-1$);
# - 곱의 미분법에서 $\operatorname{diag}(\vec u)$와 $\operatorname{diag}(\vec v)$를 서로 바꾸는 것;
# - 항등 행렬(identity matrix) `np.eye(n)`을 써야 할 곳에 `np.ones((n, n))`을 쓰는 것.

# %% [markdown] en_sha="4314967d21c1"
# ## 연습 문제 1: $\vec w = \vec u + \vec v$ (2점)
#
# 여기서 $w_i = u_i + v_i$입니다. $\vec v$를 고정하면 $\frac{\partial w_i}{\partial u_j}$는
# $j = i$일 때 $1$이고 그렇지 않으면 $0$입니다. $\vec u$를 고정하면 $v_j$에 대해서도 마찬가지입니다.
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
# 다르게 보면, $\vec w = I \vec u + I \vec v$는 각 입력에 대해 선형이고, $\vec x \mapsto A \vec x$의
# 야코비안은 $A$입니다.
#
# *예:* $\vec u = (1, 2, 3)$, $\vec v = (4, 5, 6)$이면 $\vec w = (5, 7, 9)$입니다. $u_1$을 $2$에서
# $2.1$로 올리면 $\vec w$는 $(5, 7.1, 9)$가 됩니다. 즉 $w_1$만, 같은 $0.1$만큼 움직입니다. 대신
# $v_1$을 올려도 마찬가지입니다. $\vec u$와 $\vec v$의 값이 무엇이든 두 야코비안은 모두
# $3 \times 3$ 항등 행렬입니다.
#
# 역전파에서 $\frac{\partial L}{\partial \vec w} I = \frac{\partial L}{\partial \vec w}$입니다.
# 덧셈은 들어오는 그래디언트를 두 입력 모두에 그대로 전달합니다.

# %% role="solution" function="jacobians_add" en_sha="cc91d3e3939f"
def jacobians_add(u, v):
    """w = u + v의 야코비안들.

    u, v: 형태 (n,). 쌍 (dw/du, dw/dv) = (I, I)를 반환하며, 각각 형태 (n, n)입니다.
    """
    ### BEGIN SOLUTION
    n = u.shape[0]
    return np.eye(n), np.eye(n)
    ### END SOLUTION


# %% role="visible" function="jacobians_add" en_sha="34f84c5331ed"
# 풀이 예: u = (1, 2, 3), v = (4, 5, 6)이면 (I, I)이며, I는 3 x 3 항등 행렬입니다.
I3 = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
check_answer("jacobians_add", jacobians_add(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])), (I3, I3))
# n = 1이면 1 x 1 행렬 두 개입니다. 이어서 비공개 테스트가 쓰는 모든 크기에서: n x n 행렬 두 개이고, 대각선 밖은 0입니다.
check_answer("jacobians_add, n = 1", jacobians_add(np.array([2.0]), np.array([-7.0])), ([[1.0]], [[1.0]]))
for n in (1, 3, 6, 200):
    dw_du, dw_dv = jacobians_add(np.linspace(-1.0, 1.0, n), np.linspace(2.0, 3.0, n))
    check_diagonal(f"jacobians_add dw/du, n = {n}", dw_du, n)
    check_diagonal(f"jacobians_add dw/dv, n = {n}", dw_dv, n)
visible_test_passed("jacobians_add")

# %% role="hidden" function="jacobians_add" en_sha="35a3793ecb1b"
# 노트북을 채점할 때 jacobians_add의 비공개 테스트가 여기서 실행됩니다(2점: dw/du에 1점, dw/dv에 1점).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobians_add")
### END HIDDEN TESTS

# %% [markdown] en_sha="9751a66160c4"
# ## 연습 문제 2: $\vec w = \vec u - \vec v$ (2점)
#
# 여기서 $w_i = u_i - v_i$입니다. $\vec u$에 대해서는 합과 달라지는 것이 없습니다.
# $\frac{\partial w_i}{\partial u_i} = 1$. $\vec v$에 대해서는 마이너스 부호가 남습니다.
# $\frac{\partial w_i}{\partial v_i} = -1$이고, 비대각 원소는 앞에서와 같이 모두 $0$입니다.
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
# 같은 말로, $\vec w = I \vec u + (-I) \vec v$입니다.
#
# *예:* $\vec u = (1, 2, 3)$, $\vec v = (4, 5, 6)$이면 $\vec w = (-3, -3, -3)$입니다. $v_0$을 $4$에서
# $4.1$로 올리면 $w_0$은 $-3.1$로 내려가 $-0.1$만큼 변하므로,
# $\frac{\partial \vec w}{\partial \vec v}$의 $(0, 0)$ 원소는 $-1$입니다. 쌍은 $(I, -I)$입니다.
#
# 역전파에서 들어오는 그래디언트는 $\vec u$에는 그대로, $\vec v$에는 부호가 뒤집혀 전달됩니다.

# %% role="solution" function="jacobians_sub" en_sha="a5d62e5b0e61"
def jacobians_sub(u, v):
    """w = u - v의 야코비안들.

    u, v: 형태 (n,). 쌍 (dw/du, dw/dv) = (I, -I)를 반환하며, 각각 형태 (n, n)입니다.
    """
    ### BEGIN SOLUTION
    n = u.shape[0]
    return np.eye(n), -np.eye(n)
    ### END SOLUTION


# %% role="visible" function="jacobians_sub" en_sha="4a7dd6d3b739"
# 풀이 예: u = (1, 2, 3), v = (4, 5, 6)이면 (I, -I)이며, I는 3 x 3 항등 행렬입니다.
I3 = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
minus_I3 = [[-1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, -1.0]]
check_answer("jacobians_sub", jacobians_sub(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])), (I3, minus_I3))
# n = 1이면 1 x 1 행렬 두 개입니다. 이어서 비공개 테스트가 쓰는 모든 크기에서: n x n 행렬 두 개이고, 대각선 밖은 0입니다.
check_answer("jacobians_sub, n = 1", jacobians_sub(np.array([2.0]), np.array([-7.0])), ([[1.0]], [[-1.0]]))
for n in (1, 3, 6, 200):
    dw_du, dw_dv = jacobians_sub(np.linspace(-1.0, 1.0, n), np.linspace(2.0, 3.0, n))
    check_diagonal(f"jacobians_sub dw/du, n = {n}", dw_du, n)
    check_diagonal(f"jacobians_sub dw/dv, n = {n}", dw_dv, n)
visible_test_passed("jacobians_sub")

# %% role="hidden" function="jacobians_sub" en_sha="801a8ce2a8af"
# 노트북을 채점할 때 jacobians_sub의 비공개 테스트가 여기서 실행됩니다(2점: dw/du에 1점, dw/dv에 1점).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobians_sub")
### END HIDDEN TESTS

# %% [markdown] en_sha="29f3ec224f17"
# ## 연습 문제 3: $\vec w = \vec u \odot \vec v$ (2점)
#
# 아다마르 곱(Hadamard product), 즉 원소별 곱은 같은 위치의 원소끼리 곱합니다: $w_i = u_i v_i$.
# $\vec v$를 고정하면 $u_i v_i$는 $u_i$에 상수 $v_i$를 곱한 것이므로
# $\frac{\partial w_i}{\partial u_i} = v_i$이고, $\vec u$를 고정하면
# $\frac{\partial w_i}{\partial v_i} = u_i$입니다. 비대각 원소는 이번에도 $0$입니다.
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
# 서로 바뀌는 것에 주의하십시오. $\vec u$에 대한 야코비안에는 $\vec v$의 원소가 들어가고, 반대도
# 마찬가지입니다. 이는 ps1에서 본 대각 행렬과 벡터의 곱 규칙에서 나옵니다.
# $\vec w = \vec u \odot \vec v = \operatorname{diag}(\vec v)\,\vec u = \operatorname{diag}(\vec u)\,\vec v$이므로,
# 이 식은 행렬 $\operatorname{diag}(\vec v)$로 $\vec u$에 대해 선형이고, 행렬
# $\operatorname{diag}(\vec u)$로 $\vec v$에 대해 선형입니다.
#
# *예:* $\vec u = (1, 2, 3)$, $\vec v = (4, 5, 6)$이면 $\vec w = (4, 10, 18)$입니다. $u_1$을 $2$에서
# $2.1$로 올리면 $w_1 = 2.1 \cdot 5 = 10.5$로 $0.5 = v_1 \cdot 0.1$만큼 커지고 다른 원소는 그대로이므로,
# $\frac{\partial \vec w}{\partial \vec u}$의 $(1, 1)$ 원소는 $v_1 = 5$입니다.
# 쌍은 $\big(\operatorname{diag}(4, 5, 6), \operatorname{diag}(1, 2, 3)\big)$입니다.
#
# 역전파에서 $\vec u$로 가는 그래디언트는 원소마다 $\vec v$만큼, $\vec v$로 가는 그래디언트는
# $\vec u$만큼 크기가 조정됩니다. 각 입력의 그래디언트는 *다른* 입력만큼 조정되는 것입니다.

# %% role="solution" function="jacobians_hadamard" en_sha="08eb5f8c257a"
def jacobians_hadamard(u, v):
    """w = u * v(원소별 곱, w_i = u_i v_i)의 야코비안들.

    u, v: 형태 (n,). 쌍 (dw/du, dw/dv) = (diag(v), diag(u))를 반환하며, 각각 형태 (n, n)입니다.
    """
    ### BEGIN SOLUTION
    return np.diag(v), np.diag(u)
    ### END SOLUTION


# %% role="visible" function="jacobians_hadamard" en_sha="c932b07039f1"
# 풀이 예: u = (1, 2, 3), v = (4, 5, 6)이면 (diag(4, 5, 6), diag(1, 2, 3))입니다.
check_answer(
    "jacobians_hadamard",
    jacobians_hadamard(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])),
    ([[4.0, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 0.0, 6.0]], [[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 3.0]]),
)
# 0과 음수: u = (0, -1.5), v = (3, 0)이면 (diag(3, 0), diag(0, -1.5))입니다.
check_answer(
    "jacobians_hadamard, zeros",
    jacobians_hadamard(np.array([0.0, -1.5]), np.array([3.0, 0.0])),
    ([[3.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, -1.5]]),
)
# n = 1이면 1 x 1 행렬 두 개입니다. 이어서 비공개 테스트가 쓰는 모든 크기에서: n x n 행렬 두 개이고, 대각선 밖은 0입니다.
check_answer("jacobians_hadamard, n = 1", jacobians_hadamard(np.array([2.0]), np.array([-7.0])), ([[-7.0]], [[2.0]]))
for n in (1, 3, 6, 200):
    dw_du, dw_dv = jacobians_hadamard(np.linspace(-1.0, 1.0, n), np.linspace(2.0, 3.0, n))
    check_diagonal(f"jacobians_hadamard dw/du, n = {n}", dw_du, n)
    check_diagonal(f"jacobians_hadamard dw/dv, n = {n}", dw_dv, n)
visible_test_passed("jacobians_hadamard")

# %% role="hidden" function="jacobians_hadamard" en_sha="f009b9c8bce9"
# 노트북을 채점할 때 jacobians_hadamard의 비공개 테스트가 여기서 실행됩니다(2점: dw/du에 1점, dw/dv에 1점).
### BEGIN HIDDEN TESTS
from grader.hidden import grade_hidden
grade_hidden("jacobians_hadamard")
### END HIDDEN TESTS

# %% [markdown] en_sha="32de27f58af1"
# ## 요약
#
# | $\vec w$ | $w_i$ | $\partial \vec w / \partial \vec u$ | $\partial \vec w / \partial \vec v$ |
# |---|---|---|---|
# | $\vec u + \vec v$ | $u_i + v_i$ | $I$ | $I$ |
# | $\vec u - \vec v$ | $u_i - v_i$ | $I$ | $-I$ |
# | $\vec u \odot \vec v$ | $u_i v_i$ | $\operatorname{diag}(\vec v)$ | $\operatorname{diag}(\vec u)$ |
#
# 이항 원소별 연산에는 입력마다 대각 야코비안이 하나씩 있습니다. 각 야코비안의 대각선에는 $w_i$를
# 그 입력의 $i$번째 원소로 편미분한 값이 놓입니다. 다음 과제 ps3에서는 ps1과 ps2를 시그모이드 완전
# 연결 층(dense layer)에 합치며, 거기서 정사각이 아닌 야코비안이 나타납니다.
#
# ### 직접 해 보기 (선택, 채점하지 않음)
#
# 여러분이 새로 만든 셀에서 해 보십시오(추가한 셀은 채점하지 않습니다).
#
# - 원소별 나눗셈 $w_i = u_i / v_i$(모든 $v_i \ne 0$)의 쌍을 유도해 보십시오.
#   $\big(\operatorname{diag}(1 / \vec v), \operatorname{diag}(-\vec u / \vec v^{\,2})\big)$가 나와야
#   합니다. 위의 예처럼 원소를 하나씩 살짝 움직여 $\vec u = (1, 2)$, $\vec v = (4, 5)$에서 확인해
#   보십시오.
# - "상류 그래디언트(upstream gradient)" `g = np.random.randn(n)`를 잡고,
#   `jacobians_hadamard(u, v)`의 첫 번째 결과로 계산한 `g @ dw_du`가 `g * v`와 같은지 확인해 보십시오.
#   곱을 거치는 역전파는 그래디언트를 다른 입력만큼 조정할 뿐입니다.
