import torch

import lossref

y = torch.arange(11.0)  # the targets 0, 1, ..., 10
candidates = torch.linspace(0, 10, 101)  # constant predictions to try

for tau in (0.1, 0.5, 0.9):
    prediction = candidates.unsqueeze(1).expand(101, 11)
    loss = lossref.quantile_loss(prediction, y.expand(101, 11), tau, reduction="none")
    best = candidates[loss.mean(dim=1).argmin()]
    print(f"τ = {tau}: best constant {best:.1f}, quantile of y {torch.quantile(y, tau):.1f}")
