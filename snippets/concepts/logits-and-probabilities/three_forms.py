import torch
import torch.nn.functional as F

logits = torch.tensor([2.0, 1.0, 0.1])  # raw scores from the last layer

probs = F.softmax(logits, dim=0)
print(probs, probs.sum())
print(F.log_softmax(logits, dim=0))
print(torch.log(probs))  # the same numbers, computed less safely

# Adding the same constant to every logit changes nothing.
print(F.softmax(logits + 100, dim=0))

# Binary case: one logit per sample, sigmoid gives the probability of class 1.
print(torch.sigmoid(torch.tensor([-2.0, 0.0, 2.0])))
