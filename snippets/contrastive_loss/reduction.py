import torch
from pytorch_metric_learning import distances, losses

import lossref

input1 = torch.tensor([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 0.0]])
input2 = torch.tensor([[0.3, 0.4], [1.3, 1.4], [3.0, 4.0], [2.0, 1.2]])
target = torch.tensor([1.0, 0.0, 0.0, 1.0])
similar, dissimilar = torch.tensor([0, 3]), torch.tensor([1, 2])

pml = losses.ContrastiveLoss(
    pos_margin=0,
    neg_margin=1,
    distance=distances.LpDistance(normalize_embeddings=False, p=2, power=1),
)  # default reducer
print(pml(input1, indices_tuple=(similar, similar, dissimilar, dissimilar), ref_emb=input2))
print(lossref.contrastive_loss(input1, input2, target))
