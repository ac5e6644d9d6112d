import torch

import lossref

torch.manual_seed(0)
# 2000 pixels, about 5 % foreground, one feature per pixel; the classes overlap, so no
# threshold separates them: the loss decides which errors to prefer.
mask = (torch.rand(2000) < 0.05).float()
feature = torch.randn(2000) + 2.0 * mask
print(f"foreground pixels: {int(mask.sum())}")

for alpha, beta in [(0.7, 0.3), (0.5, 0.5), (0.3, 0.7), (0.1, 0.9)]:
    w = torch.zeros(2, requires_grad=True)  # logistic model p = sigmoid(w0 * x + w1)
    optimizer = torch.optim.Adam([w], lr=0.05)
    for _ in range(500):
        probs = torch.sigmoid(w[0] * feature + w[1])
        loss = lossref.tversky_loss(probs.view(1, 1, -1), mask.view(1, 1, -1), alpha, beta)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    predicted = (torch.sigmoid(w[0] * feature + w[1]) > 0.5).float()
    tp = (predicted * mask).sum()
    recall, precision = tp / mask.sum(), tp / predicted.sum()
    print(f"alpha {alpha}, beta {beta}: recall {recall:.2f}, precision {precision:.2f}")
