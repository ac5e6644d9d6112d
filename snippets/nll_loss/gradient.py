import torch
import torch.nn.functional as F

import lossref

log_probs = torch.log(
    torch.tensor(
        [
            [0.1, 0.7, 0.2],
            [0.6, 0.3, 0.1],
            [0.25, 0.25, 0.5],
        ]
    )
).requires_grad_()
target = torch.tensor([1, 0, 2])

lossref.nll_loss(log_probs, target).backward()
print(log_probs.grad)

n, c = log_probs.shape
print(torch.equal(log_probs.grad, -F.one_hot(target, c) / n))
