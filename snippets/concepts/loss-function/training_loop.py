import torch

import lossref

torch.manual_seed(0)
x = torch.randn(16, 1)
y = 3 * x + 2 + 0.1 * torch.randn(16, 1)

model = torch.nn.Linear(1, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = lossref.nn.MSELoss()  # the module form of lossref.mse_loss

for step in range(1, 61):
    loss = criterion(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step in (1, 2, 10, 30, 60):
        print(f"step {step:2d}: loss {loss.item():.4f}")

print(f"w = {model.weight.item():.4f}, b = {model.bias.item():.4f}")
