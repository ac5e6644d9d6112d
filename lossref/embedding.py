"""Ranking and embedding losses: margins between scores, pairs, triplets and in-batch contrast."""

# --8<-- [start:imports]
from __future__ import annotations

import torch
from torch import Tensor

# --8<-- [end:imports]

__all__: list[str] = []

# Keep the names the losses below use importable while the module has none.
_ = (torch, Tensor)
