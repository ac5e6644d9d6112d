import torch

import lossref

query = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
key = torch.tensor([[3.0, 4.0], [0.0, 2.0]])

# Only directions count: the rows are normalised, so lengths change nothing.
print(lossref.info_nce_loss(query, key, temperature=0.5))
print(lossref.info_nce_loss(10 * query, 0.1 * key, temperature=0.5))
# Raw dot products would make the lengths act as a temperature of their own:
logits = query @ key.T / 0.5
print(torch.nn.functional.cross_entropy(logits, torch.arange(2)))
