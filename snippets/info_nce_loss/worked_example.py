import torch
import torch.nn.functional as F
from pytorch_metric_learning import losses

import lossref

query = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
key = torch.tensor([[3.0, 4.0], [0.0, 2.0]])  # unit length: (0.6, 0.8) and (0, 1)

terms = lossref.info_nce_loss(query, key, temperature=0.5, reduction="none")
print(terms)
print(lossref.info_nce_loss(query, key, temperature=0.5))

# pytorch-metric-learning: query i and key i share the label i; every other pair is negative.
labels = torch.arange(2)
ntxent = losses.NTXentLoss(temperature=0.5)
print(ntxent(query, labels, ref_emb=key, ref_labels=labels.clone()))

# The same as cross-entropy over the cosine similarities / τ, the target of row i being i.
cosine = F.normalize(query, dim=1) @ F.normalize(key, dim=1).T
print(F.cross_entropy(cosine / 0.5, labels))
