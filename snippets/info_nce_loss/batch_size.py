import math

import torch

import lossref

# Unrelated queries and keys: no key is closer to its own query than the others are. The loss
# is then close to log N, the log of the number of candidates per query.
g = torch.Generator().manual_seed(0)
for n in (4, 16, 64, 256):
    query, key = torch.randn(2, n, 128, generator=g)
    loss = lossref.info_nce_loss(query, key, temperature=1.0)
    print(f"N = {n:3d}: loss {loss.item():.3f}, log N = {math.log(n):.3f}")
