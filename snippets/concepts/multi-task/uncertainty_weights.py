import torch

import lossref


class UncertaintyWeighting(torch.nn.Module):
    """L = Σ exp(−sᵢ)·Lᵢ + sᵢ with a learnable sᵢ = log σᵢ² per task (Kendall et al., 2018)."""

    def __init__(self, num_tasks: int) -> None:
        super().__init__()
        self.log_vars = torch.nn.Parameter(torch.zeros(num_tasks))  # s = 0: every weight 1

    def forward(self, *task_losses: torch.Tensor) -> torch.Tensor:
        losses = torch.stack(task_losses)
        return (torch.exp(-self.log_vars) * losses + self.log_vars).sum()


torch.manual_seed(0)
x = torch.randn(1024, 8)
price = 10 * x[:, :4].sum(dim=1, keepdim=True) + 3 * torch.randn(1024, 1)
kind = x[:, 4:7].argmax(dim=1)
noisy = torch.rand(1024) < 0.2
kind = torch.where(noisy, torch.randint(0, 3, (1024,)), kind)

trunk = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU())
price_head, kind_head = torch.nn.Linear(16, 1), torch.nn.Linear(16, 3)
weighting = UncertaintyWeighting(num_tasks=2)
model = torch.nn.ModuleList([trunk, price_head, kind_head, weighting])
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)  # the weights learn with the rest

for step in range(1, 2001):
    features = trunk(x)
    price_loss = lossref.mse_loss(price_head(features), price)
    kind_loss = lossref.cross_entropy(kind_head(features), kind)
    loss = weighting(price_loss, kind_loss)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step in (1, 100, 500, 1000, 2000):
        w = torch.exp(-weighting.log_vars).tolist()
        print(
            f"step {step:4d}: MSE {price_loss.item():8.4f}  CE {kind_loss.item():.4f}  "
            f"weights {w[0]:.4f}  {w[1]:.4f}"
        )

# With the task losses held fixed, the best sᵢ is log Lᵢ, so each weight tends to 1 / Lᵢ.
print(f"1 / MSE = {1 / price_loss.item():.4f}   1 / CE = {1 / kind_loss.item():.4f}")
