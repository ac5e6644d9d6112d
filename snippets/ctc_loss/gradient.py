import torch

import lossref

probs = torch.tensor([[0.4, 0.6], [0.7, 0.3]])  # the worked example; symbols "-", "a"
logits = probs.log().unsqueeze(1).requires_grad_()  # softmax(logits) gives probs back
loss = lossref.ctc_loss(logits.log_softmax(2), torch.tensor([[1]]), [2], [1])
loss.backward()
print(logits.grad.squeeze(1))

# γ_t(k): the share of p = 0.72 carried by the paths with symbol k at frame t.
# Paths: "-a" 0.12, "a-" 0.42, "aa" 0.18.
gamma = torch.tensor([[0.12, 0.42 + 0.18], [0.42, 0.12 + 0.18]]) / 0.72
print(gamma)
print(torch.allclose(logits.grad.squeeze(1), probs - gamma))
