import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor(
    [
        [2.0, 1.0, 0.1, 0.5],
        [0.5, 2.5, 0.3, 0.2],
        [1.0, 0.2, 0.3, 3.0],
    ],
    requires_grad=True,
)
target = torch.tensor([0, 1, 3])

lossref.cross_entropy(logits, target).backward()
print(logits.grad)

n, c = logits.shape
formula = (F.softmax(logits, dim=1) - F.one_hot(target, c)) / n
print(torch.allclose(logits.grad, formula))
