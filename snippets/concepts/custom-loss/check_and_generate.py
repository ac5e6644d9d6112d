import inspect
import math

import torch
from torch import Tensor

import lossref


def log_cosh_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Log-cosh loss: lᵢ = log cosh(xᵢ − yᵢ), then the reduction."""
    if input.shape != target.shape:
        raise ValueError(
            f"input and target must have the same shape; got {tuple(input.shape)} "
            f"and {tuple(target.shape)}."
        )
    error = input - target
    loss = torch.logaddexp(error, -error) - math.log(2.0)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(f"reduction must be 'mean', 'sum' or 'none'; got {reduction!r}.")


torch.manual_seed(0)
x = torch.randn(6, dtype=torch.float64, requires_grad=True)  # gradcheck wants float64
y = torch.randn(6, dtype=torch.float64, requires_grad=True)

# Autograd's gradient against finite differences, for both arguments.
print(torch.autograd.gradcheck(log_cosh_loss, (x, y)))
print(torch.autograd.gradcheck(lambda a, b: log_cosh_loss(a, b, "none"), (x, y)))

# And against the formula: d/dx mean(log cosh(x − y)) = tanh(x − y) / N.
log_cosh_loss(x, y).backward()
print(torch.allclose(x.grad, torch.tanh(x - y) / 6))

# The module, made the way lossref makes its own (lossref.nn.MSELoss and the rest).
LogCoshLoss = lossref.nn.loss_module("LogCoshLoss", log_cosh_loss)
parameters = inspect.signature(LogCoshLoss).parameters
print({name: parameter.default for name, parameter in parameters.items()})  # its settings
criterion = LogCoshLoss(reduction="sum")
print(criterion)
print(isinstance(criterion, torch.nn.Module))
prediction = torch.tensor([2.5, 1.8, 3.2, 100.0])
target = torch.tensor([2.0, 2.0, 3.0, 0.0])
print(criterion(prediction, target))

# lossref's own modules are made by the same call, one per loss in the registry.
print(lossref.nn.HuberLoss.function is lossref.huber_loss)
print(lossref.nn.HuberLoss(delta=5.0))
weighted = lossref.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0]))
print([name for name, _ in weighted.named_buffers()])  # tensor settings follow .to(device)
