import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor(
    [
        [2.0, 1.0, 0.1, 0.5],
        [0.5, 2.5, 0.3, 0.2],
        [1.0, 0.2, 0.3, 3.0],
    ]
)
target = torch.tensor([0, 1, 3])

right = logits.clone().requires_grad_()
loss_right = lossref.cross_entropy(right, target)
loss_right.backward()

wrong = logits.clone().requires_grad_()
loss_wrong = lossref.cross_entropy(F.softmax(wrong, dim=1), target)  # the bug
loss_wrong.backward()

print(f"loss:          right {loss_right.item():.4f}  softmax first {loss_wrong.item():.4f}")
print(f"gradient norm: right {right.grad.norm():.4f}  softmax first {wrong.grad.norm():.4f}")

# Even a perfect, fully confident prediction cannot bring the buggy loss to 0.
perfect = torch.tensor([[1.0, 0.0, 0.0, 0.0]])
print(f"{lossref.cross_entropy(perfect, torch.tensor([0])).item():.4f}")
