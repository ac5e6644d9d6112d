import torch
from pytorch_metric_learning import distances, losses, reducers

import lossref

input1 = torch.tensor([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 0.0]])
input2 = torch.tensor([[0.3, 0.4], [1.3, 1.4], [3.0, 4.0], [2.0, 1.2]])  # d = 0.5, 0.5, 5, 1.2
target = torch.tensor([1.0, 0.0, 0.0, 1.0])  # 1: similar, 0: dissimilar

terms = lossref.contrastive_loss(input1, input2, target, reduction="none")  # margin=1.0
print(terms)
print(lossref.contrastive_loss(input1, input2, target))

# pytorch-metric-learning, configured to the same pairs: plain Euclidean distance, margins
# 0 (similar) and 1 (dissimilar), one term per pair. Its terms are not squared.
pml = losses.ContrastiveLoss(
    pos_margin=0,
    neg_margin=1,
    distance=distances.LpDistance(normalize_embeddings=False, p=2, power=1),
    reducer=reducers.DoNothingReducer(),
)
similar, dissimilar = torch.tensor([0, 3]), torch.tensor([1, 2])
out = pml(input1, indices_tuple=(similar, similar, dissimilar, dissimilar), ref_emb=input2)
print(out["pos_loss"]["losses"], out["neg_loss"]["losses"])
print(out["pos_loss"]["losses"] ** 2, out["neg_loss"]["losses"] ** 2)
