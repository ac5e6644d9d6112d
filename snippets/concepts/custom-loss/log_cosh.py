import math

import torch
from torch import Tensor


def log_cosh_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Log-cosh loss: lᵢ = log cosh(xᵢ − yᵢ), then the reduction."""
    if input.shape != target.shape:
        raise ValueError(
            f"input and target must have the same shape; got {tuple(input.shape)} "
            f"and {tuple(target.shape)}."
        )
    error = input - target
    # log cosh e = log(eᵉ + e⁻ᵉ) − log 2: logaddexp cannot overflow, while cosh(e) overflows
    # float32 from about |e| = 89.4 on.
    loss = torch.logaddexp(error, -error) - math.log(2.0)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(f"reduction must be 'mean', 'sum' or 'none'; got {reduction!r}.")


class LogCoshLoss(torch.nn.Module):
    """Holds the settings; forward calls the function. Autograd does the backward pass."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return log_cosh_loss(input, target, reduction=self.reduction)


prediction = torch.tensor([2.5, 1.8, 3.2, 100.0])
target = torch.tensor([2.0, 2.0, 3.0, 0.0])

criterion = LogCoshLoss(reduction="none")
per_element = criterion(prediction, target)  # ≈ e²/2 for small errors, |e| − log 2 for large
print(", ".join(f"{value:.4f}" for value in per_element.tolist()))
print(torch.log(torch.cosh(prediction - target)))  # the formula as written overflows at 100
print(LogCoshLoss()(prediction, target))

try:
    criterion(prediction.view(4, 1), target)  # (4, 1) against (4,)
except ValueError as error:
    print(error)
