import math

import torch

import lossref

target = torch.tensor([0])
for epsilon in (0.0, 0.1):
    logits = torch.zeros(1, 4, requires_grad=True)
    optimizer = torch.optim.SGD([logits], lr=1.0)
    gaps = []
    for step in range(1, 201):
        optimizer.zero_grad()
        lossref.cross_entropy(logits, target, label_smoothing=epsilon).backward()
        optimizer.step()
        if step in (10, 50, 200):
            gaps.append(round((logits[0, 0] - logits[0, 1]).item(), 4))
    print(f"label_smoothing={epsilon}: gap after 10, 50, 200 steps: {gaps}")

print(f"log(1 + C(1 - ε)/ε) = {math.log(1 + 4 * 0.9 / 0.1):.4f}")
