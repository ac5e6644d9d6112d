"""``torch.nn``-style modules, one per loss, generated from the functions.

Every class is made by :func:`loss_module` from its function: the function's data arguments
(the parameters without a default: ``input, target``, or ``anchor, positive, negative``, ...)
become the arguments of ``forward``; the others are the constructor's settings (same names,
order and defaults), stored on the module. Tensor settings (``weight``, ``pos_weight``,
``alpha``) are registered as buffers so ``.to(device)`` moves them. This is also how the docs
teach writing a custom loss: a function that computes it, and a thin module that holds its
settings.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from lossref.registry import LOSSES

__all__ = ["FunctionLoss", "loss_module"]


class FunctionLoss(torch.nn.Module):
    """Base of the generated modules: holds settings, calls ``function`` in ``forward``."""

    function: Callable[..., Tensor]
    _signature: inspect.Signature  # the settings
    _inputs: tuple[str, ...]  # the data arguments of forward

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        try:
            bound = self._signature.bind(*args, **kwargs)
        except TypeError as error:
            raise TypeError(f"{type(self).__name__}: {error}") from None
        bound.apply_defaults()
        self._settings: dict[str, Any] = {}
        for name, value in bound.arguments.items():
            if isinstance(value, Tensor):
                self.register_buffer(name, value)
            else:
                self._settings[name] = value

    def forward(self, *inputs: Tensor) -> Tensor:
        if len(inputs) != len(self._inputs):
            raise TypeError(
                f"{type(self).__name__}.forward takes {len(self._inputs)} tensors "
                f"({', '.join(self._inputs)}); got {len(inputs)}"
            )
        settings = {name: getattr(self, name) for name in self._signature.parameters}
        return type(self).function(*inputs, **settings)

    def __getattr__(self, name: str) -> Any:
        settings = self.__dict__.get("_settings", {})
        if name in settings:
            return settings[name]
        return super().__getattr__(name)

    def extra_repr(self) -> str:
        changed = [
            f"{name}={getattr(self, name)!r}"
            for name, parameter in self._signature.parameters.items()
            if isinstance(getattr(self, name), Tensor) or getattr(self, name) != parameter.default
        ]
        return ", ".join(changed)


def loss_module(name: str, function: Callable[..., Tensor]) -> type[FunctionLoss]:
    """A ``FunctionLoss`` subclass called ``name``: ``forward`` takes ``function``'s parameters
    that have no default, the constructor takes the rest."""
    all_parameters = inspect.signature(function).parameters.values()
    inputs = tuple(p.name for p in all_parameters if p.default is inspect.Parameter.empty)
    parameters = [p for p in all_parameters if p.default is not inspect.Parameter.empty]
    signature = inspect.Signature(parameters)
    summary = (function.__doc__ or "").strip().split("\n\n")[0]
    doc = f"Module form of :func:`lossref.{function.__name__}`. {summary}"

    def init(self: FunctionLoss, *args: Any, **kwargs: Any) -> None:
        FunctionLoss.__init__(self, *args, **kwargs)

    self_parameter = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    init.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[self_parameter, *parameters], return_annotation=None
    )
    namespace = {
        "__init__": init,
        "function": staticmethod(function),
        "_signature": signature,
        "_inputs": inputs,
        "__doc__": doc,
        "__module__": __name__,
        "__qualname__": name,
    }
    return type(name, (FunctionLoss,), namespace)


for _spec in LOSSES:
    globals()[_spec.module_name] = loss_module(_spec.module_name, _spec.function)
    __all__.append(_spec.module_name)
