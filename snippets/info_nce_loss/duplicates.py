import torch

import lossref

# Two rows of the batch show the same item: each key matches both queries perfectly, yet the
# other copy counts as a negative, so the loss cannot go below log 2.
query = torch.tensor([[1.0, 0.0], [1.0, 0.0]])
key = torch.tensor([[1.0, 0.0], [1.0, 0.0]])
print(lossref.info_nce_loss(query, key, reduction="none"))
print(torch.log(torch.tensor(2.0)))
