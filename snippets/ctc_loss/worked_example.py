import math
from itertools import product

import torch

import lossref

# T = 2 frames; symbol 0 is the blank "-", symbol 1 is "a". Row t: the probabilities at frame t.
probs = torch.tensor([[0.4, 0.6], [0.7, 0.3]])
symbols = "-a"


def collapse(path: str) -> str:
    merged = [s for i, s in enumerate(path) if i == 0 or s != path[i - 1]]
    return "".join(s for s in merged if s != "-")


total = 0.0
for path in product(range(2), repeat=2):
    text = "".join(symbols[k] for k in path)
    if collapse(text) == "a":
        p = probs[0, path[0]].item() * probs[1, path[1]].item()
        print(f"{text}  {p:.2f}")
        total += p
print(f"p(a | x) = {total:.2f}, -log p = {-math.log(total):.4f}")

log_probs = probs.log().unsqueeze(1)  # (T=2, N=1, C=2)
targets = torch.tensor([[1]])  # the target "a"
input_lengths, target_lengths = torch.tensor([2]), torch.tensor([1])
print(lossref.ctc_loss(log_probs, targets, input_lengths, target_lengths))
print(torch.nn.CTCLoss()(log_probs, targets, input_lengths, target_lengths))
