import torch

import lossref

torch.manual_seed(0)
x = torch.randn(16, 1)
y = 3 * x + 2 + 0.1 * torch.randn(16, 1)  # points near the line y = 3x + 2

model = torch.nn.Linear(1, 1)  # prediction = w * x + b
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
print(f"w = {model.weight.item():.4f}, b = {model.bias.item():.4f}")

prediction = model(x)  # 1. forward pass
loss = lossref.mse_loss(prediction, y)  # 2. loss: one number
optimizer.zero_grad()
loss.backward()  # 3. backward pass: fills w.grad and b.grad
print(f"loss before: {loss.item():.4f}")
print(f"dL/dw = {model.weight.grad.item():.4f}, dL/db = {model.bias.grad.item():.4f}")

# The same gradient by hand: L = mean((w·x + b − y)²).
error = (prediction - y).detach()
print(f"by hand: {(2 * error * x).mean().item():.4f}, {(2 * error).mean().item():.4f}")

optimizer.step()  # 4. optimizer step: w ← w − 0.1·dL/dw, b ← b − 0.1·dL/db
print(f"w = {model.weight.item():.4f}, b = {model.bias.item():.4f}")
with torch.no_grad():
    print(f"loss after:  {lossref.mse_loss(model(x), y).item():.4f}")
