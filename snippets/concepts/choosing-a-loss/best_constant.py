import torch

import lossref

target = torch.tensor([1.0, 2.0, 3.0, 4.0, 100.0])  # four typical values and one outlier
candidates = torch.linspace(0.0, 30.0, 3001)  # constant predictions 0.00, 0.01, ..., 30.00


def best(loss_fn, **settings):
    losses = [loss_fn(torch.full_like(target, c), target, **settings) for c in candidates]
    return candidates[torch.stack(losses).argmin()].item()


print(f"mean {target.mean().item():.2f}, median {target.median().item():.2f}")
print(f"best constant under MSE:        {best(lossref.mse_loss):.2f}")
print(f"best constant under L1:         {best(lossref.l1_loss):.2f}")
print(f"best constant under Huber(δ=1): {best(lossref.huber_loss, delta=1.0):.2f}")
print(f"best constant under Huber(δ=5): {best(lossref.huber_loss, delta=5.0):.2f}")
