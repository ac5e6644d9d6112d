import torch

import lossref

torch.manual_seed(0)
levels = torch.tensor([0.1, 0.5, 0.9])


def sample(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """y = 2x + noise whose spread grows with x."""
    x = torch.rand(n, 1)
    y = 2 * x[:, 0] + (0.2 + x[:, 0]) * torch.randn(n)
    return x, y


x, y = sample(2000)
model = torch.nn.Linear(1, 3)  # one output per level
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
for _ in range(500):
    optimizer.zero_grad()
    lossref.quantile_loss(model(x), y, levels).backward()
    optimizer.step()

x_new, y_new = sample(10000)  # fresh data
with torch.no_grad():
    low, middle, high = model(x_new).unbind(dim=1)
    edges = model(torch.tensor([[0.1], [0.9]]))
    width = edges[:, 2] - edges[:, 0]  # q0.9 − q0.1
for tau, q in zip(levels.tolist(), (low, middle, high), strict=True):
    print(f"share of y below the {tau:g} prediction: {(y_new < q).float().mean():.3f}")
print(f"share inside [q0.1, q0.9]: {((y_new >= low) & (y_new <= high)).float().mean():.3f}")
print(f"interval width at x = 0.1: {width[0]:.2f}, at x = 0.9: {width[1]:.2f}")
