import torch
import torch.nn.functional as F

logit = torch.tensor([20.0])  # very confident "positive"
target = torch.tensor([0.0])  # for a negative sample

print(F.binary_cross_entropy_with_logits(logit, target))  # log(1 + e²⁰) = 20 + 2·10⁻⁹
print(torch.sigmoid(logit))  # 1 − 2·10⁻⁹ rounds to exactly 1 in float32
print(F.binary_cross_entropy(torch.sigmoid(logit), target))  # −log(0) clamped at 100
print(torch.nn.BCELoss()(torch.sigmoid(logit), target))
print(torch.nn.BCEWithLogitsLoss()(logit, target))
