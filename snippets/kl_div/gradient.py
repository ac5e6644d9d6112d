import torch
import torch.nn.functional as F

import lossref

target = torch.tensor([[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]])
log_q = torch.log(torch.tensor([[0.4, 0.4, 0.2], [0.2, 0.5, 0.3]])).requires_grad_()

lossref.kl_div(log_q, target, reduction="batchmean").backward()
print(log_q.grad)
print(torch.allclose(log_q.grad, -target / 2))  # -target / N

# Through a log_softmax, the gradient on the logits is (q - p) / N.
logits = torch.log(torch.tensor([[0.4, 0.4, 0.2], [0.2, 0.5, 0.3]])).requires_grad_()
lossref.kl_div(F.log_softmax(logits, dim=1), target, reduction="batchmean").backward()
print(logits.grad)
print(torch.allclose(logits.grad, (F.softmax(logits, dim=1) - target) / 2))
