import torch

import lossref

probs = torch.tensor(
    [
        [0.1, 0.7, 0.2],
        [0.6, 0.3, 0.1],
        [0.25, 0.25, 0.5],
    ]
)
log_probs = torch.log(probs)  # NLL takes log-probabilities
target = torch.tensor([1, 0, 2])

print(lossref.nll_loss(log_probs, target, reduction="none"))
print(lossref.nll_loss(log_probs, target))
print(torch.nn.NLLLoss()(log_probs, target))
