# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] lang="en"
# # House prices: MSE, and one mistyped price
#
# **The question.** A linear model predicts a house's price from its floor area. Trained with
# mean squared error (MSE), how well does it recover the price per square metre? And when one
# price in the data is mistyped, how far does the fitted line move under MSE, under mean
# absolute error (L1) and under the Huber loss?
#
# Everything below runs on a CPU in a few seconds, with fixed seeds: your numbers will be the
# ones printed here.

# %% [markdown] lang="zh"
# # 房价预测：均方误差，以及一个录错的价格
#
# **要回答的问题。** 用一个线性模型，根据建筑面积预测房价。用均方误差（MSE）训练时，它能否学出每平方米的价格？如果数据里有一个价格录错了，分别用均方误差、平均绝对误差（L1）和 Huber 损失训练，拟合出的直线会被拉偏多远？
#
# 下面的代码在 CPU 上几秒钟就能跑完，随机种子固定，你运行得到的数字会与这里显示的完全相同。

# %%
import matplotlib.pyplot as plt
import torch
from IPython.display import display

import lossref

torch.set_num_threads(1)  # one thread: the same numbers on every machine
# %config InlineBackend.figure_formats = ["svg"]
plt.rcParams.update(
    {
        "font.family": [
            "DejaVu Sans",
            "Noto Sans CJK SC",
        ],  # Noto draws the Chinese labels
        "svg.hashsalt": "lossref",  # the same figure gives the same SVG
        "figure.facecolor": "none",
        "axes.facecolor": "none",
        "text.color": "#808080",
        "axes.labelcolor": "#808080",
        "axes.edgecolor": "#808080",
        "xtick.color": "#808080",
        "ytick.color": "#808080",
        "legend.frameon": False,
    }
)


def show(figure, alt):
    """Display a figure with a text alternative (for readers who cannot see it), and close it."""
    display(figure, metadata={"image/svg+xml": {"alt": alt}})
    plt.close(figure)


# %% tags=["parameters"]
LANG = "en"

# %%
TEXT = {
    "en": {
        "area": "floor area (m²)",
        "price": "price (thousands)",
        "houses": "houses",
        "step": "training step",
        "loss": "loss (log scale)",
        "clean": "MSE, before the typo",
        "typo": "the mistyped price",
        "alt_fit": "Left: the houses' prices against floor area, and the line fitted with MSE. "
        "Right: the MSE loss at each training step.",
        "alt_typo": "Left: the houses, the mistyped price at 150 m², the lines fitted with MSE, "
        "Huber and L1, and dotted, the MSE line before the typo. Right: each loss at each "
        "training step.",
    },
    "zh": {
        "area": "建筑面积（平方米）",
        "price": "价格（千元）",
        "houses": "房屋",
        "step": "训练步数",
        "loss": "损失（对数坐标）",
        "clean": "均方误差，录错之前",
        "typo": "录错的价格",
        "alt_fit": "左图：各套房屋的价格与建筑面积，以及用均方误差拟合出的直线。右图：每个训练步的均方误差损失。",
        "alt_typo": "左图：各套房屋、150 平方米处录错的价格、用均方误差、Huber 损失和 L1 拟合出的直线，"
        "以及（点线）录错之前均方误差的直线。右图：每种损失在每个训练步的值。",
    },
}[LANG]
COLOURS = {"MSE": "#3b7dd8", "Huber": "#e0803a", "L1": "#33a474"}

# %% [markdown] lang="en"
# ## The data
#
# Thirty houses between 40 and 160 m². Their prices follow a straight line, 30 thousand plus
# 2.8 thousand per m², with noise of 25 thousand: the model's job is to find that line from the
# data alone.

# %% [markdown] lang="zh"
# ## 数据
#
# 30 套面积在 40 到 160 平方米之间的房屋。房价大致落在一条直线上：30 千元加上每平方米 2.8 千元，再叠加标准差为 25 千元的噪声。模型要做的，就是只凭这些数据把这条直线找出来。

# %%
TRUE_SLOPE, TRUE_BASE, NOISE = 2.8, 30.0, 25.0
generator = torch.Generator().manual_seed(0)
area = 40 + 120 * torch.rand(30, generator=generator)
price = (
    TRUE_BASE
    + TRUE_SLOPE * area
    + NOISE * torch.randn(30, generator=generator)
)
print(f"{len(area)} houses, {area.min():.0f} to {area.max():.0f} m²")
print(f"prices from {price.min():.0f} to {price.max():.0f} thousand")

# %% [markdown] lang="en"
# ## Training with MSE
#
# The model is `price = slope · (area − 100) + base`: `slope` is the price per m² and `base`
# the price of a 100 m² house. Training measures area in hundreds of m² from 100 m² and
# price in hundreds of thousands, so that both parameters are about 1 and one learning rate
# suits them. Each step uses all houses (full-batch); Adam's step size shrinks to zero along a
# cosine over the 200 steps, so the parameters settle.
#
# `fit` takes the loss as an argument: the same function trains with every loss below.

# %% [markdown] lang="zh"
# ## 用均方误差训练
#
# 模型是 `price = slope · (area − 100) + base`：`slope` 是每平方米的价格，`base` 是一套 100 平方米房屋的价格。训练时面积以“距 100 平方米多少个百平方米”计，价格以十万元计，这样两个参数都在 1 左右，一个学习率就能同时适用。每一步都用全部房屋计算损失（全批量）；Adam 的步长在 200 步内按余弦曲线降到零，参数最终会稳定下来。
#
# `fit` 把损失函数当作参数传入：下文所有损失函数都用这同一个函数训练。


# %%
def fit(area, price, loss_function, steps=200):
    """Fit price = slope·(area − 100) + base; return slope, base and the loss per step."""
    x = (area - 100) / 100  # hundreds of m² from 100 m²
    y = price / 100  # hundreds of thousands
    parameters = torch.zeros(2, requires_grad=True)
    optimizer = torch.optim.Adam([parameters], lr=0.1)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, steps)
    curve = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_function(
            parameters[0] * x + parameters[1], y
        )  # forward, loss
        loss.backward()  # gradients
        optimizer.step()  # update
        schedule.step()
        curve.append(loss.item())
    slope, base = parameters[0].item(), 100 * parameters[1].item()
    return slope, base, curve


def predict(fitted, area):
    slope, base, _ = fitted
    return base + slope * (area - 100)


clean_mse = fit(area, price, lossref.mse_loss)
print(
    f"MSE: slope {clean_mse[0]:.3f} thousand per m² (the data were made with {TRUE_SLOPE})"
)
print(f"     a 100 m² house: {clean_mse[1]:.1f} thousand")
print(
    f"     loss {clean_mse[2][0]:.3f} at the first step, {clean_mse[2][-1]:.4f} at the last"
)

# %%
line = torch.tensor([35.0, 165.0])
figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
left.scatter(area, price, s=14, color="#808080", label=TEXT["houses"])
left.plot(line, predict(clean_mse, line), color=COLOURS["MSE"], label="MSE")
left.set(xlabel=TEXT["area"], ylabel=TEXT["price"])
left.legend()
right.plot(clean_mse[2], color=COLOURS["MSE"])
right.set(xlabel=TEXT["step"], ylabel=TEXT["loss"], yscale="log")
figure.tight_layout()
show(figure, TEXT["alt_fit"])

# %% [markdown] lang="en"
# The loss falls by two orders of magnitude and then flattens: what is left is the noise in the
# prices, which no straight line can explain.
#
# ## One mistyped price
#
# Now a 150 m² house is added whose price, about 450 thousand, was entered as 45: a missing
# zero. The same model is trained again on the 31 houses, once with each loss:
#
# * **MSE**, the mean of squared errors: the typo's error, about 4 (hundred thousand), counts
#   as 16;
# * **L1**, the mean of absolute errors: it counts as 4;
# * **Huber** with `delta=1` (100 thousand): squared below δ, linear beyond, so it counts
#   about as in L1.
#
# Each loss is also fitted to the clean 30 houses, so that we see how far the typo moves its
# own line.

# %% [markdown] lang="zh"
# 损失先下降了两个数量级，然后趋于平稳：剩下的是房价里的噪声，任何一条直线都无法解释它。
#
# ## 一个录错的价格
#
# 现在加入一套 150 平方米的房屋，它的价格约 450 千元，却被录成了 45：少打了一个零。用同一个模型在这 31 套房屋上重新训练，每种损失函数各训练一次：
#
# * **均方误差（MSE）**，误差平方的平均：这个录错的价格误差约为 4（十万元），计入损失时是 16；
# * **平均绝对误差（L1）**，误差绝对值的平均：计入的是 4；
# * **Huber 损失**，取 `delta=1`（即十万元）：误差小于 δ 时取平方，超过 δ 后线性增长，因此它对这个异常值的处理与 L1 相近。
#
# 每种损失函数也都在原来 30 套干净的数据上训练一次，这样就能看出录错的价格把各自的直线拉偏了多远。

# %%
LOSSES = {
    "MSE": lossref.mse_loss,
    "Huber": lambda input, target: lossref.huber_loss(
        input, target, delta=1.0
    ),
    "L1": lossref.l1_loss,
}
TYPO_AREA, TYPO_PRICE = 150.0, 45.0
area_typo = torch.cat([area, torch.tensor([TYPO_AREA])])
price_typo = torch.cat([price, torch.tensor([TYPO_PRICE])])

before = {name: fit(area, price, loss) for name, loss in LOSSES.items()}
after = {
    name: fit(area_typo, price_typo, loss) for name, loss in LOSSES.items()
}
moved = {
    name: predict(after[name], TYPO_AREA) - predict(before[name], TYPO_AREA)
    for name in LOSSES
}
for name in LOSSES:
    print(
        f"{name:>5}: slope {before[name][0]:.2f} -> {after[name][0]:.2f} thousand per m²; "
        f"at {TYPO_AREA:.0f} m² the line moved {moved[name]:+.1f} thousand"
    )

# %%
figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
left.scatter(area, price, s=14, color="#808080", label=TEXT["houses"])
left.scatter(
    [TYPO_AREA],
    [TYPO_PRICE],
    s=40,
    marker="x",
    color="#d0507a",
    label=TEXT["typo"],
)
left.plot(
    line,
    predict(clean_mse, line),
    color="#808080",
    linestyle=":",
    label=TEXT["clean"],
)
for name, fitted in after.items():
    left.plot(line, predict(fitted, line), color=COLOURS[name], label=name)
    right.plot(fitted[2], color=COLOURS[name], label=name)
left.set(xlabel=TEXT["area"], ylabel=TEXT["price"])
left.legend(fontsize=8)
right.set(xlabel=TEXT["step"], ylabel=TEXT["loss"], yscale="log")
right.legend(fontsize=8)
figure.tight_layout()
show(figure, TEXT["alt_typo"])

# %% [markdown] lang="en"
# On the left, the MSE line tilts towards the typo, Huber's less, L1's hardly at all. On the
# right, each loss is measured in its own units, so compare the shapes of the curves, not their
# heights: all three settle within the 200 steps.
#
# ## Findings
#
# The numbers the conclusion states, rounded, with the claims they support checked.

# %% [markdown] lang="zh"
# 左图中，均方误差的直线明显向录错的点倾斜，Huber 损失的倾斜较小，L1 几乎不动。右图中，三种损失各用各的量纲，高低不可比，只看曲线形状：三者都在 200 步之内收敛。
#
# ## 结果汇总
#
# 结论中引用的数字（已四舍五入），以及对结论本身的检查。

# %% tags=["findings"]
findings = {
    "houses": len(area),
    "true_slope": TRUE_SLOPE,
    "slope_mse_clean": round(clean_mse[0], 2),
    "typo_area": TYPO_AREA,
    **{f"moved_{name.lower()}": round(abs(moved[name]), 1) for name in LOSSES},
    **{f"slope_{name.lower()}": round(after[name][0], 2) for name in LOSSES},
    "mse_over_l1": round(moved["MSE"] / moved["L1"]),
}
# The claims of the conclusion:
assert (
    abs(findings["slope_mse_clean"] - TRUE_SLOPE) < 0.1
)  # MSE recovers the slope
assert (
    clean_mse[2][0] / clean_mse[2][-1] > 100
)  # "falls by two orders of magnitude"
assert all(
    abs(f[2][-1] - f[2][-20]) < 1e-4 * f[2][-1] for f in after.values()
)  # settled
assert findings["moved_l1"] < findings["moved_huber"] < findings["moved_mse"]
findings

# %% [markdown] lang="en" findings=["houses", "slope_mse_clean", "true_slope", "typo_area", "moved_mse", "slope_mse", "moved_huber", "slope_huber", "moved_l1", "slope_l1", "mse_over_l1"]
# ## What the experiment showed
#
# * On 30 clean houses, MSE found a slope of 2.85 thousand per m², close to the 2.8 the data
#   were made with.
# * One mistyped price at 150 m² moved the MSE line there by 45.6 thousand and flattened its
#   slope to 2.23. Huber's line moved 12.5 thousand (slope 2.68), L1's only 2.9 (slope 2.87):
#   MSE moved about 16 times as far as L1.
# * Why: MSE's gradient grows with the error, so the one large error pulls hardest. Huber and
#   L1 cap the pull of each point, so one bad point cannot drag the line.
#   When a few targets may be wrong, use a robust loss, or find and fix the bad data.

# %% [markdown] lang="zh" findings=["houses", "slope_mse_clean", "true_slope", "typo_area", "moved_mse", "slope_mse", "moved_huber", "slope_huber", "moved_l1", "slope_l1", "mse_over_l1"]
# ## 实验结论
#
# * 在 30 套干净的房屋数据上，均方误差学到的斜率是每平方米 2.85 千元，与生成数据时用的 2.8 很接近。
# * 只是 150 平方米处一个录错的价格，就让均方误差的直线在该处下移了 45.6 千元，斜率降到 2.23。Huber 损失的直线只移动了 12.5 千元（斜率 2.68），L1 仅移动 2.9 千元（斜率 2.87）：均方误差的偏移约是 L1 的 16 倍。
# * 原因在于梯度：均方误差的梯度随误差增大而增大，误差最大的那个点拉得最狠；Huber 损失和 L1 给每个点的拉力都设了上限，一个坏点拖不动整条直线。如果部分目标值可能有误，应选用稳健的损失函数，或者找出并修正这些坏数据。
