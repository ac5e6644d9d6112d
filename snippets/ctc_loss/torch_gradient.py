import torch
import torch.nn.functional as F

import lossref

probs = torch.tensor([[0.4, 0.6], [0.7, 0.3]], dtype=torch.float64)  # the worked example
targets, input_lengths, target_lengths = torch.tensor([[1]]), [2], [1]


def show(grad: torch.Tensor) -> str:
    return " ".join(f"{v:+.4f}" for v in grad.flatten().tolist())


for name, ctc in (("lossref", lossref.ctc_loss), ("torch", F.ctc_loss)):
    log_probs = probs.log().unsqueeze(1).requires_grad_()
    ctc(log_probs, targets, input_lengths, target_lengths).backward()
    logits = probs.log().unsqueeze(1).requires_grad_()
    ctc(logits.log_softmax(2), targets, input_lengths, target_lengths).backward()
    print(f"{name:8} d/dlog_probs {show(log_probs.grad)}   d/dlogits {show(logits.grad)}")

# The true slope of torch's own value in log_probs[0, 0, 1] (frame 0, symbol "a"):
step = torch.zeros(2, 1, 2, dtype=torch.float64)
step[0, 0, 1] = 1e-6
log_probs = probs.log().unsqueeze(1)
before = F.ctc_loss(log_probs, targets, input_lengths, target_lengths)
after = F.ctc_loss(log_probs + step, targets, input_lengths, target_lengths)
print(f"finite difference {((after - before) / 1e-6).item():+.4f}")
