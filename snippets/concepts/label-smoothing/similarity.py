import torch

import lossref

# A teacher's logits for an image of class 0 that looks more like class 1 than class 3.
start = torch.tensor([[2.0, 1.0, 0.0, -1.0]])
target = torch.tensor([0])
for epsilon in (0.0, 0.1):
    logits = start.clone().requires_grad_()
    optimizer = torch.optim.SGD([logits], lr=3.0)
    for _ in range(200):
        optimizer.zero_grad()
        lossref.cross_entropy(logits, target, label_smoothing=epsilon).backward()
        optimizer.step()
    wrong = logits.detach().softmax(dim=1)[0, 1:]
    shares = wrong / wrong.sum()  # how classes 1, 2, 3 share the wrong-class mass
    print(f"label_smoothing={epsilon}: p_t {1 - wrong.sum():.4f}, shares", shares)
