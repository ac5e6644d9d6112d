import torch
from sklearn.metrics import mean_pinball_loss

import lossref

levels = torch.tensor([0.1, 0.5, 0.9])
target = torch.tensor([10.0, 20.0])
prediction = torch.tensor(
    [
        [8.0, 11.0, 13.0],  # sample 1: one prediction per level
        [15.0, 18.0, 19.0],  # sample 2
    ]
)

terms = lossref.quantile_loss(prediction, target, levels, reduction="none")
print(terms)
print(terms.mean(dim=0))  # per level
print(lossref.quantile_loss(prediction, target, levels))  # over samples and levels

# scikit-learn, one level at a time
for q, tau in enumerate(levels.tolist()):
    print(f"{tau:g}: {mean_pinball_loss(target.numpy(), prediction[:, q].numpy(), alpha=tau):.4f}")
