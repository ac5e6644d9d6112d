import torch

import lossref

rate = torch.tensor([4.0], requires_grad=True)  # a rate, already positive
count = torch.tensor([4.0])

# Right: tell the loss that input is the rate itself.
right = lossref.poisson_nll_loss(rate, count, log_input=False)
# Wrong: the default log_input=True reads 4 as log λ, so λ = e⁴ ≈ 54.6.
wrong = lossref.poisson_nll_loss(rate, count)
print(f"log_input=False: {right.item():.4f}")
print(f"log_input=True:  {wrong.item():.4f}")

wrong.backward()
print(rate.grad)  # e⁴ − 4: the optimizer is told to shrink a perfect prediction
