#!/usr/bin/python3
"""Writes the TorchScript modules behind storylab.model.MixedPrecision (run with Debian's /usr/bin/python3).

DJL's PyTorch binding cannot create or convert a bfloat16 tensor (its native dtype table stops at complex64
and aborts the JVM on anything else), but a TorchScript module can cast inside itself. Each module is one
matmul-heavy op with bf16 inputs and an fp32 result, so no bf16 tensor ever reaches Java; autograd records
the casts, and gradients arrive in fp32 on the fp32 weights.
"""
import torch
import torch.nn.functional as F

class Linear(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return F.linear(x.to(torch.bfloat16), w.to(torch.bfloat16), b.to(torch.bfloat16)).float()


class LinearNoBias(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        return F.linear(x.to(torch.bfloat16), w.to(torch.bfloat16)).float()


class Attend(torch.nn.Module):
    """softmax(q kᵀ · scale + mask) v with both matmuls in bf16 and the softmax in fp32."""

    def forward(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, scale: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        att = torch.matmul(q.to(torch.bfloat16), k.to(torch.bfloat16).transpose(-2, -1)).float() * scale + mask
        return torch.matmul(att.softmax(-1).to(torch.bfloat16), v.to(torch.bfloat16)).float()


if __name__ == "__main__":
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    for name, module in (("linear", Linear()), ("linear-nobias", LinearNoBias()), ("attend", Attend())):
        torch.jit.save(torch.jit.script(module), os.path.join(here, name + ".pt"))
        print("wrote", name + ".pt", "with torch", torch.__version__)
