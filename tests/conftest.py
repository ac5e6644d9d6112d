"""Shared test setup: one torch thread.

The tests use tensors of a few dozen elements, for which torch's intra-op thread pool costs more
than it saves. Measured on a 2-core machine: ``log_softmax`` over dim 1 of a ``(2, 4, 2, 3)``
tensor took 2 µs with one thread, 10 µs with two, and up to ~1 ms with two while another process
kept a core busy (the whole suite then took 40 s instead of 12 s). Results do not depend on the
thread count; only the run time does.
"""

import torch

torch.set_num_threads(1)
