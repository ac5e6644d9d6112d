import torch

import lossref

scores = torch.tensor([0.1, 0.2, 0.4, 0.8])
lists = ([3, 0, -1, 1], [0, 3, -1, -1], [3, -1, 0, 1], [3, 3, -1, 2], [-1, 3, 0, 1])
for listed in lists:
    loss = lossref.multilabel_margin_loss(scores, torch.tensor(listed))
    print(listed, f"{loss.item():.4f}")

try:
    lossref.multilabel_margin_loss(scores, torch.tensor([3, -1, 4, 0]))
except IndexError as error:
    print(error)
