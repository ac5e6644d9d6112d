import torch

import lossref

anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
positive = torch.tensor([[0.6, 0.8], [1.0, 3.0], [1.0, 0.0]])
negative = torch.tensor([[3.0, 4.0], [2.0, 1.0], [0.0, 1.5]])

# torch.cdist compares every row with every row: a (3, 3) matrix, not 3 distances.
loss = torch.nn.functional.triplet_margin_with_distance_loss(
    anchor, positive, negative, distance_function=torch.cdist
)
print(loss)  # a mean over 9 mismatched pairs, not the 0.8333 of the three triplets
try:
    lossref.triplet_margin_with_distance_loss(
        anchor, positive, negative, distance_function=torch.cdist
    )
except ValueError as error:
    print(error)
