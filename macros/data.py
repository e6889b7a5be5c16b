"""Every fact the course tables show, each record citing at least one public source.

Plain text and numbers only: the renderer adds the markup. Records are checked when
built (see `records.py`), and the collections are cross-checked at the bottom of
this module, so importing it is enough to validate the whole dataset.
"""

from __future__ import annotations

from .records import (
    AutomlMetric,
    Comparison,
    Correction,
    DeepnetParameter,
    DeviceAdvice,
    Framework,
    GpuPlatform,
    KerasModelType,
    KerasPoint,
    Provider,
    Source,
    TfOperationCategory,
    TheanoLibrary,
    TpuGeneration,
    check_sources,
    index,
)

# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------

SOURCES_LIST: tuple[Source, ...] = (
    Source(
        key="gcloud-tpu-v2",
        title="TPU v2",
        url="https://cloud.google.com/tpu/docs/v2",
        publisher="Google Cloud",
    ),
    Source(
        key="gcloud-tpu-v3",
        title="TPU v3",
        url="https://cloud.google.com/tpu/docs/v3",
        publisher="Google Cloud",
    ),
)

# ---------------------------------------------------------------------------
# Google TPU generations
# ---------------------------------------------------------------------------

TPU_GENERATIONS_LIST: tuple[TpuGeneration, ...] = (
    TpuGeneration(
        key="v2",
        name="TPU v2",
        year=2017,
        tensorcores_per_chip=2,
        mxus_per_core=1,
        mxu_size=128,
        hbm_per_chip=16,
        hbm_unit="GiB",
        bf16_tflops_per_chip=45,
        chips_per_pod=256,
        stated_cores_per_pod=512,
        stated_pod_hbm=4,
        sources=("gcloud-tpu-v2",),
    ),
    TpuGeneration(
        key="v3",
        name="TPU v3",
        year=2018,
        tensorcores_per_chip=2,
        mxus_per_core=2,
        mxu_size=128,
        hbm_per_chip=32,
        hbm_unit="GiB",
        bf16_tflops_per_chip=123,
        chips_per_pod=1024,
        stated_cores_per_pod=2048,
        stated_pod_hbm=32,
        sources=("gcloud-tpu-v3",),
    ),
)

# ---------------------------------------------------------------------------
# Collections still to be filled (one record at least each before pages use them)
# ---------------------------------------------------------------------------

CORRECTIONS_LIST: tuple[Correction, ...] = ()
FRAMEWORKS_LIST: tuple[Framework, ...] = ()
THEANO_LIBRARIES_LIST: tuple[TheanoLibrary, ...] = ()
TF_VS_NUMPY_LIST: tuple[Comparison, ...] = ()
TF_OPERATIONS_LIST: tuple[TfOperationCategory, ...] = ()
KERAS_POINTS_LIST: tuple[KerasPoint, ...] = ()
KERAS_MODEL_TYPES_LIST: tuple[KerasModelType, ...] = ()
CPU_VS_GPU_LIST: tuple[Comparison, ...] = ()
GPU_PLATFORMS_LIST: tuple[GpuPlatform, ...] = ()
DEVICE_ADVICE_LIST: tuple[DeviceAdvice, ...] = ()
PROVIDERS_LIST: tuple[Provider, ...] = ()
DEEPNET_PARAMETERS_LIST: tuple[DeepnetParameter, ...] = ()
AUTOML_METRICS_LIST: tuple[AutomlMetric, ...] = ()

# ---------------------------------------------------------------------------
# Lookups by key, and the cross-checks that need the whole dataset
# ---------------------------------------------------------------------------

SOURCES = index("SOURCES", SOURCES_LIST)
CORRECTIONS = index("CORRECTIONS", CORRECTIONS_LIST)
FRAMEWORKS = index("FRAMEWORKS", FRAMEWORKS_LIST)
THEANO_LIBRARIES = index("THEANO_LIBRARIES", THEANO_LIBRARIES_LIST)
TF_VS_NUMPY = index("TF_VS_NUMPY", TF_VS_NUMPY_LIST)
TF_OPERATIONS = index("TF_OPERATIONS", TF_OPERATIONS_LIST)
KERAS_POINTS = index("KERAS_POINTS", KERAS_POINTS_LIST)
KERAS_MODEL_TYPES = index("KERAS_MODEL_TYPES", KERAS_MODEL_TYPES_LIST)
CPU_VS_GPU = index("CPU_VS_GPU", CPU_VS_GPU_LIST)
GPU_PLATFORMS = index("GPU_PLATFORMS", GPU_PLATFORMS_LIST)
DEVICE_ADVICE = index("DEVICE_ADVICE", DEVICE_ADVICE_LIST)
TPU_GENERATIONS = index("TPU_GENERATIONS", TPU_GENERATIONS_LIST)
PROVIDERS = index("PROVIDERS", PROVIDERS_LIST)
DEEPNET_PARAMETERS = index("DEEPNET_PARAMETERS", DEEPNET_PARAMETERS_LIST)
AUTOML_METRICS = index("AUTOML_METRICS", AUTOML_METRICS_LIST)

COLLECTIONS = {
    "CORRECTIONS": CORRECTIONS_LIST,
    "FRAMEWORKS": FRAMEWORKS_LIST,
    "THEANO_LIBRARIES": THEANO_LIBRARIES_LIST,
    "TF_VS_NUMPY": TF_VS_NUMPY_LIST,
    "TF_OPERATIONS": TF_OPERATIONS_LIST,
    "KERAS_POINTS": KERAS_POINTS_LIST,
    "KERAS_MODEL_TYPES": KERAS_MODEL_TYPES_LIST,
    "CPU_VS_GPU": CPU_VS_GPU_LIST,
    "GPU_PLATFORMS": GPU_PLATFORMS_LIST,
    "DEVICE_ADVICE": DEVICE_ADVICE_LIST,
    "TPU_GENERATIONS": TPU_GENERATIONS_LIST,
    "PROVIDERS": PROVIDERS_LIST,
    "DEEPNET_PARAMETERS": DEEPNET_PARAMETERS_LIST,
    "AUTOML_METRICS": AUTOML_METRICS_LIST,
}

check_sources(COLLECTIONS, SOURCES)
