import torch

import lossref

view1 = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
view2 = torch.tensor([[3.0, 4.0], [0.0, 2.0]])

# Symmetric InfoNCE, as in CLIP: each direction in turn, negatives from the other view only.
symmetric = (
    lossref.info_nce_loss(view1, view2, temperature=0.5)
    + lossref.info_nce_loss(view2, view1, temperature=0.5)
) / 2
print(symmetric)
# NT-Xent adds the negatives of the same view: a different number.
print(lossref.info_nce_loss(view1, view2, temperature=0.5, nt_xent=True))
