"""One valid TPU record, TPU v3 as Google documents it, for tests to vary field by field."""

from __future__ import annotations

from typing import Any

from macros.records import TpuGeneration

# Source key "s": each test supplies the source it cites.
V3_FIELDS: dict[str, Any] = {
    "key": "v3",
    "name": "TPU v3",
    "year": 2018,
    "tensorcores_per_chip": 2,
    "mxus_per_core": 2,
    "mxu_size": 128,
    "hbm_per_chip": 32,
    "hbm_unit": "GiB",
    "bf16_tflops_per_chip": 123,
    "chips_per_pod": 1024,
    "sources": ("s",),
}


def tpu(**changes: Any) -> TpuGeneration:
    """TPU v3 with `changes` applied to its fields (validated as the data module's are)."""
    return TpuGeneration(**{**V3_FIELDS, **changes})
