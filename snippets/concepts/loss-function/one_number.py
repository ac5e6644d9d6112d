import torch

import lossref

prediction = torch.tensor([2.0, 3.0, 4.0, 5.0])
target = torch.tensor([4.0, 5.0, 6.0, 7.0])

# A loss turns a whole batch of predictions and targets into one number.
print(lossref.mse_loss(prediction, target))
print(lossref.mse_loss(target, target))  # a perfect prediction costs nothing
