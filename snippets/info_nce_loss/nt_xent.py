import torch
from pytorch_metric_learning import losses

import lossref

view1 = torch.tensor([[1.0, 0.0], [0.0, 1.0]])  # the queries of the worked example
view2 = torch.tensor([[3.0, 4.0], [0.0, 2.0]])  # and their keys

# NT-Xent: all 4 embeddings are anchors; each one's positive is the other view of its item,
# and its negatives are the 2 remaining embeddings, from either view.
print(lossref.info_nce_loss(view1, view2, temperature=0.5, nt_xent=True, reduction="none"))
print(lossref.info_nce_loss(view1, view2, temperature=0.5, nt_xent=True))

labels = torch.arange(2)
ntxent = losses.NTXentLoss(temperature=0.5)
print(ntxent(torch.cat([view1, view2]), torch.cat([labels, labels])))
