import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
x = torch.randn(512, 10)
y = (x @ torch.randn(10, 4)).argmax(dim=1)  # 4 classes, linearly separable

right = torch.nn.Linear(10, 4)
wrong = torch.nn.Linear(10, 4)
wrong.load_state_dict(right.state_dict())  # the same starting point
opt_right = torch.optim.SGD(right.parameters(), lr=0.5)
opt_wrong = torch.optim.SGD(wrong.parameters(), lr=0.5)

for step in range(1, 201):
    loss_right = lossref.cross_entropy(right(x), y)
    loss_wrong = lossref.cross_entropy(F.softmax(wrong(x), dim=1), y)  # the bug
    for optimizer, loss in ((opt_right, loss_right), (opt_wrong, loss_wrong)):
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    if step in (10, 50, 200):
        with torch.no_grad():  # score both the same way: cross-entropy of their logits
            ce_right = lossref.cross_entropy(right(x), y).item()
            ce_wrong = lossref.cross_entropy(wrong(x), y).item()
        print(f"step {step:3d}: right {ce_right:.4f}   softmax first {ce_wrong:.4f}")

# The buggy loss cannot reach 0: even a one-hot "probability" row is softmax-ed again.
perfect = torch.tensor([[1.0, 0.0, 0.0, 0.0]])
print(f"{lossref.cross_entropy(perfect, torch.tensor([0])).item():.4f}")
