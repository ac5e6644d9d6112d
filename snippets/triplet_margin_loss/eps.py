import torch
import torch.nn.functional as F

x = torch.tensor([[0.0, 0.0]], dtype=torch.float64)
y = torch.tensor([[3.0, 4.0]], dtype=torch.float64)

# torch's distance is ‖x − y + eps‖ (eps = 1e-6): eps is added to each component.
print(F.pairwise_distance(x, x))  # eps·√2, not 0
print(f"{F.pairwise_distance(x, y).item():.7f} {F.pairwise_distance(y, x).item():.7f}")
print(f"{torch.linalg.vector_norm(x - y + 1e-6).item():.7f}")  # the first number again
