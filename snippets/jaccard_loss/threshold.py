import torch

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]])

hard = (probs > 0.5).float()  # what an IoU metric scores
metric = 1 - lossref.jaccard_loss(hard, mask)
print(f"IoU metric of the thresholded prediction: {metric.item():.4f}")
print(f"Jaccard loss of the probabilities: {lossref.jaccard_loss(probs, mask).item():.4f}")
