"""Every fact the course tables show, each record citing at least one public source.

Plain text and numbers only: the renderer adds the markup. Records are checked when
built (see `records.py`), and the collections are cross-checked at the bottom of
this module, so importing it is enough to validate the whole dataset.
"""

from __future__ import annotations

from datetime import date

from .records import (
    Abbreviation,
    Architecture,
    AutomlMetric,
    CaffeLayer,
    CaffeParam,
    Comparison,
    ComputationGraph,
    Correction,
    DeepnetParameter,
    DeviceAdvice,
    Flow,
    Framework,
    GpuPlatform,
    GraphEdge,
    GraphNode,
    KerasModelType,
    KerasPoint,
    Layer,
    Provider,
    Source,
    Step,
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
    # Google TPU
    Source(
        key="gcloud-tpu-v2",
        title="TPU v2",
        url="https://cloud.google.com/tpu/docs/v2",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="gcloud-tpu-v3",
        title="TPU v3",
        url="https://cloud.google.com/tpu/docs/v3",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="gcloud-tpu-v4",
        title="TPU v4",
        url="https://cloud.google.com/tpu/docs/v4",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="gcloud-tpu-v5e",
        title="TPU v5e",
        url="https://cloud.google.com/tpu/docs/v5e",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="gcloud-tpu-v5p",
        title="TPU v5p",
        url="https://cloud.google.com/tpu/docs/v5p",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="gcloud-tpu-v6e",
        title="TPU v6e",
        url="https://cloud.google.com/tpu/docs/v6e",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="gcloud-tpu7x",
        title="TPU7x (Ironwood)",
        url="https://cloud.google.com/tpu/docs/tpu7x",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="gcloud-tpu-architecture",
        title="TPU architecture",
        url="https://cloud.google.com/tpu/docs/system-architecture-tpu-vm",
        publisher="Google Cloud",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="gcloud-intro-tpu",
        title="Introduction to Cloud TPU",
        url="https://cloud.google.com/tpu/docs/intro-to-tpu",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="gcloud-intro-tpu-2019",
        title="Introduction to Cloud TPU (earlier version of the page)",
        url="https://cloud-dot-devsite-v2-prod.appspot.com/tpu/docs/intro-to-tpu",
        publisher="Google Cloud",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="gcloud-compute-tpus",
        title="TPUs overview",
        url="https://cloud.google.com/compute/docs/tpus/overview",
        publisher="Google Cloud",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="google-blog-cloud-tpu-2017",
        title="Build and train machine learning models on our new Google Cloud TPUs",
        url="https://blog.google/products/google-cloud/google-cloud-offer-tpus-machine-learning/",
        publisher="Google (The Keyword)",
        published="2017-05-17",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="9to5google-tpu-v3",
        title="Google introduces TPU 3.0, the next generation of machine learning processors",
        url="https://9to5google.com/2018/05/08/google-introduces-tpu-v3-0-the-next-generation-of-machine-learning-processors",
        publisher="9to5Google",
        published="2018-05-08",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="9to5google-tpu-v4",
        title="Google unveils 4th generation Tensor Processing Unit",
        url="https://9to5google.com/2021/05/18/google-unveils-4th-generation-tensor-processing-unit/",
        publisher="9to5Google",
        published="2021-05-18",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="jouppi-2023-tpu-v4",
        title=(
            "TPU v4: An Optically Reconfigurable Supercomputer for Machine Learning with "
            "Hardware Support for Embeddings"
        ),
        url="https://arxiv.org/abs/2304.01433",
        publisher="arXiv (ISCA 2023)",
        published="2023-04",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="gcloud-blog-tpu-v5e",
        title=(
            "Expanding our AI-optimized infrastructure portfolio: Introducing Cloud TPU v5e "
            "and announcing A3 GA"
        ),
        url="https://cloud.google.com/blog/products/compute/announcing-cloud-tpu-v5e-and-a3-gpus-in-ga",
        publisher="Google Cloud Blog",
        published="2023-08-29",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="gcloud-blog-trillium",
        title="Introducing Trillium, sixth-generation TPUs",
        url="https://cloud.google.com/blog/products/compute/introducing-trillium-6th-gen-tpus",
        publisher="Google Cloud Blog",
        published="2024-05-14",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="google-blog-ironwood",
        title="Ironwood: The first Google TPU for the age of inference",
        url="https://blog.google/products/google-cloud/ironwood-tpu-age-of-inference/",
        publisher="Google (The Keyword)",
        published="2025-04-09",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="jouppi-2017-tpu",
        title="In-Datacenter Performance Analysis of a Tensor Processing Unit",
        url="https://research.google/pubs/in-datacenter-performance-analysis-of-a-tensor-processing-unit/",
        publisher="Google Research (ISCA 2017)",
        published="2017",
        checked=date(2026, 12, 2),
    ),
    # NVIDIA and AMD
    Source(
        key="cuda-guide",
        title="CUDA C++ Programming Guide (11.4)",
        url="https://docs.nvidia.com/cuda/archive/11.4.0/cuda-c-programming-guide/",
        publisher="NVIDIA",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="cuda-libraries",
        title="CUDA Libraries Documentation",
        url="https://docs.nvidia.com/cuda-libraries/",
        publisher="NVIDIA",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="nvidia-cudnn",
        title="NVIDIA cuDNN",
        url="https://developer.nvidia.com/cudnn",
        publisher="NVIDIA",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="rocm-what-is",
        title="What is ROCm?",
        url="https://rocm.docs.amd.com/en/docs-6.1.1/what-is-rocm.html",
        publisher="AMD",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="hip-what-is",
        title="What is HIP?",
        url="https://rocm.docs.amd.com/projects/HIP/en/latest/what_is_hip.html",
        publisher="AMD",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="rocm-issue-30",
        title="OpenCL support in ROCm (issue #30)",
        url="https://github.com/RadeonOpenCompute/ROCm/issues/30",
        publisher="AMD (GitHub RadeonOpenCompute/ROCm)",
        published="2016-09",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="hsa-foundation-2012",
        title="AMD announces formation of Heterogeneous System Architecture Foundation",
        url=(
            "https://www.embedded-control-europe.com/product-news/article/1-news-global/"
            "15853-amd-announces-formation-of-heterogeneous-system-architecture-foundation"
        ),
        publisher="Embedded Control Europe (nota de prensa de AMD)",
        published="2012-06",
        checked=date(2026, 12, 2),
    ),
    # TensorFlow
    Source(
        key="tf-whitepaper",
        title="TensorFlow: Large-Scale Machine Learning on Heterogeneous Distributed Systems",
        url="https://arxiv.org/abs/1603.04467",
        publisher="arXiv (Google)",
        published="2016-03",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="tf-graph",
        title="tf.Graph",
        url="https://www.tensorflow.org/api_docs/python/tf/Graph",
        publisher="TensorFlow",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="tf-disable-eager",
        title="tf.compat.v1.disable_eager_execution",
        url="https://www.tensorflow.org/api_docs/python/tf/compat/v1/disable_eager_execution",
        publisher="TensorFlow",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="tf-numpy-guide",
        title="NumPy API on TensorFlow",
        url="https://www.tensorflow.org/guide/tf_numpy",
        publisher="TensorFlow",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="tf-distributed",
        title="Distributed training with TensorFlow",
        url="https://www.tensorflow.org/guide/distributed_training",
        publisher="TensorFlow",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="tf-contrib",
        title="Module: tf.contrib (TensorFlow 1.15)",
        url="https://www.tensorflow.org/versions/r1.15/api_docs/python/tf/contrib",
        publisher="TensorFlow",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="tf-hub-github",
        title="TensorFlow Hub has moved to Kaggle Models",
        url="https://github.com/tensorflow/hub",
        publisher="GitHub tensorflow/hub",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="tf-save-model",
        title="tf.keras.models.save_model",
        url="https://www.tensorflow.org/versions/r2.17/api_docs/python/tf/keras/models/save_model",
        publisher="TensorFlow",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="cve-2021-37678",
        title="CVE-2021-37678: Arbitrary code execution due to YAML deserialization",
        url="https://nvd.nist.gov/vuln/detail/CVE-2021-37678",
        publisher="NIST National Vulnerability Database",
        published="2021-08",
        checked=date(2026, 11, 27),
    ),
    # Keras
    Source(
        key="keras-3-pypi",
        title="keras 3.0.0",
        url="https://pypi.org/project/keras/3.0.0/",
        publisher="PyPI",
        published="2023-11",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="keras-github",
        title="Keras 3: Deep Learning for Humans",
        url="https://github.com/keras-team/keras",
        publisher="GitHub keras-team/keras",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="keras-models-api",
        title="Models API",
        url="https://keras.io/api/models/",
        publisher="Keras",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="keras-tensorboard",
        title="TensorBoard callback",
        url="https://keras.io/api/callbacks/tensorboard/",
        publisher="Keras",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="keras-1-blog",
        title="Introducing Keras 1.0",
        url="https://blog.keras.io/introducing-keras-10.html",
        publisher="The Keras Blog",
        published="2016-04-11",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="keras-issue-2462",
        title="Why Keras remove graph model in 1.0? (issue #2462)",
        url="https://github.com/keras-team/keras/issues/2462",
        publisher="GitHub keras-team/keras",
        published="2016-04-22",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="keras-issue-4661",
        title="Can't import Graph (issue #4661)",
        url="https://github.com/keras-team/keras/issues/4661",
        publisher="GitHub keras-team/keras",
        published="2016-12-09",
        checked=date(2026, 12, 2),
    ),
    # Theano and libraries built on it
    Source(
        key="theano-pypi",
        title="Theano 1.0.0",
        url="https://pypi.org/project/Theano/1.0.0/",
        publisher="PyPI",
        published="2017-11-15",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="theano-github",
        title="Theano",
        url="https://github.com/Theano/Theano",
        publisher="GitHub Theano/Theano",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="theano-end-announcement",
        title="MILA and the future of Theano",
        url="https://groups.google.com/g/theano-users/c/7Poq8BZutbY",
        publisher="theano-users (Google Groups)",
        published="2017-09-28",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="pytensor-github",
        title="PyTensor",
        url="https://github.com/pymc-devs/pytensor",
        publisher="GitHub pymc-devs/pytensor",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="lasagne-github",
        title="Lasagne",
        url="https://github.com/Lasagne/Lasagne",
        publisher="GitHub Lasagne/Lasagne",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="blocks-github",
        title="Blocks",
        url="https://github.com/mila-iqia/blocks",
        publisher="GitHub mila-iqia/blocks",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="sklearn-theano-github",
        title="sklearn-theano",
        url="https://github.com/sklearn-theano/sklearn-theano",
        publisher="GitHub sklearn-theano/sklearn-theano",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="pymc3-pypi",
        title="pymc3",
        url="https://pypi.org/project/pymc3/",
        publisher="PyPI",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="theano-rnn-github",
        title="theano-rnn",
        url="https://github.com/gwtaylor/theano-rnn",
        publisher="GitHub gwtaylor/theano-rnn",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="morb-github",
        title="Morb: a modular RBM implementation in Theano",
        url="https://github.com/benanne/morb",
        publisher="GitHub benanne/morb",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="pylearn2-github",
        title="Pylearn2",
        url="https://github.com/lisa-lab/pylearn2",
        publisher="GitHub lisa-lab/pylearn2",
        checked=date(2026, 12, 2),
    ),
    # Caffe, Torch, PyTorch, fastai
    Source(
        key="caffe-github",
        title="Caffe",
        url="https://github.com/BVLC/caffe",
        publisher="GitHub BVLC/caffe",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="caffe-site",
        title="Caffe: Deep learning framework by BAIR",
        url="https://caffe.berkeleyvision.org/",
        publisher="Berkeley AI Research",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="caffe-paper",
        title="Caffe: Convolutional Architecture for Fast Feature Embedding",
        url="https://arxiv.org/abs/1408.5093",
        publisher="arXiv",
        published="2014-06",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="caffe-1-0",
        title="Caffe 1.0 (pull request #5539)",
        url="https://github.com/BVLC/caffe/pull/5539",
        publisher="GitHub BVLC/caffe",
        published="2017-04-15",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="torch7-github",
        title="Torch7",
        url="https://github.com/torch/torch7",
        publisher="GitHub torch/torch7",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="torch7-paper",
        title="Torch7: A Matlab-like Environment for Machine Learning",
        url="https://ronan.collobert.com/pub/matos/2011_torch7_nipsw.pdf",
        publisher="BigLearn, NIPS Workshop",
        published="2011",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="pytorch-github",
        title="PyTorch",
        url="https://github.com/pytorch/pytorch",
        publisher="GitHub pytorch/pytorch",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="pytorch-linux-foundation",
        title="Meta Transitions PyTorch to the Linux Foundation",
        url=(
            "https://www.linux.com/news/meta-transitions-pytorch-to-the-linux-foundation-"
            "further-accelerating-ai-ml-open-source-collaboration/"
        ),
        publisher="The Linux Foundation",
        published="2022-09-12",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="fastai-paper",
        title="fastai: A Layered API for Deep Learning",
        url="https://www.mdpi.com/2078-2489/11/2/108",
        publisher="Information (MDPI)",
        published="2020-02-16",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="fastai-pypi",
        title="fastai",
        url="https://pypi.org/project/fastai/",
        publisher="PyPI",
        checked=date(2026, 11, 27),
    ),
    # Providers
    Source(
        key="deepcognition-site",
        title="Deep Cognition",
        url="https://deepcognition.ai/",
        publisher="Deep Cognition",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="h2o-welcome",
        title="Welcome to H2O 3",
        url=(
            "https://h2o-release.s3.amazonaws.com/h2o/rel-3.42.0/1/docs-website/"
            "h2o-docs/welcome.html"
        ),
        publisher="H2O.ai",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="h2o-architecture",
        title="H2O Architecture",
        url="https://docs.h2o.ai/h2o-3-secure/architecture",
        publisher="H2O.ai",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="h2o-wikipedia",
        title="H2O (software)",
        url="https://en.wikipedia.org/wiki/H2O_%28software%29",
        publisher="Wikipedia",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="h2o-blog-driverless",
        title="The Making of H2O Driverless AI - Automatic Machine Learning",
        url="https://www.h2o.ai/blog/ai-automatic-machine-learning-feature-engineering-interpretability/",
        publisher="H2O.ai",
        published="2018-12-05",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="h2o-driverless-intro",
        title="Introduction to H2O Driverless AI",
        url=("https://docs.h2o.ai/driverless-ai/1-10-lts/docs/userguide/introduction_to_dai.html"),
        publisher="H2O.ai",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="h2o-sort-metric",
        title="sort_metric",
        url="https://docs.h2o.ai/h2o/latest-stable/h2o-docs/data-science/algo-params/sort_metric.html",
        publisher="H2O.ai",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="h2o-get-best-model",
        title="h2o.get_best_model",
        url="https://rdocumentation.org/packages/h2o/versions/3.44.0.3/topics/h2o.get_best_model",
        publisher="RDocumentation (paquete h2o 3.44.0.3)",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="h2o-issue-8568",
        title='Add "AUCPR" to AutoML leaderboard, stopping_metric and sort_metric (issue #8568)',
        url="https://github.com/h2oai/h2o-3/issues/8568",
        publisher="GitHub h2oai/h2o-3",
        published="2023-05-12",
        checked=date(2026, 12, 1),
    ),
    Source(
        key="bigml-slides-2012",
        title="BigML take on Big Data",
        url="https://www.slideshare.net/franciscojmartin/bigml-take-on-big-data",
        publisher="Francisco J. Martín (BigML)",
        published="2012-10-12",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="innovaspain-bigml",
        title="Francisco J. Martín, CEO de BigML",
        url="https://innovaspain.com/francisco-j-martin-ceo-bigml",
        publisher="InnovaSpain",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="bigml-deepnets-blog",
        title="Introduction to Deepnets",
        url="https://blog.bigml.com/2017/09/26/introduction-to-deepnets/",
        publisher="BigML",
        published="2017-09-26",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="bigml-dashboard-deepnets",
        title="Classification and Regression with the BigML Dashboard: Understanding Deepnets",
        url=(
            "https://static.bigml.com/static/html-doc/Classification_and_Regression/"
            "sec-understanding-deepnets.html"
        ),
        publisher="BigML",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="bigml-api-deepnets",
        title="Deepnets (BigML API documentation)",
        url="https://bigml.com/api/deepnets",
        publisher="BigML",
        checked=date(2026, 11, 27),
    ),
    Source(
        key="bigmler-deepnet",
        title="BigMLer: Deepnet subcommand",
        url="https://github.com/bigmlcom/bigmler/blob/master/docs/deepnet.rst",
        publisher="BigML (GitHub bigmlcom/bigmler)",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="tf-architecture",
        title="TensorFlow Architecture",
        url="https://github.com/tensorflow/docs/blob/r1.0/site/en/extend/architecture.md",
        publisher="TensorFlow (GitHub tensorflow/docs)",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="cuda-toolkit-docs",
        title="CUDA Toolkit Documentation",
        url="https://docs.nvidia.com/cuda/",
        publisher="NVIDIA",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="caffe-layers",
        title="Layers",
        url="https://caffe.berkeleyvision.org/tutorial/layers.html",
        publisher="Caffe (BAIR)",
        checked=date(2026, 12, 2),
    ),
    Source(
        key="caffe-convolution",
        title="Convolution Layer",
        url="https://caffe.berkeleyvision.org/tutorial/layers/convolution.html",
        publisher="Caffe (BAIR)",
        checked=date(2026, 12, 2),
    ),
)

# ---------------------------------------------------------------------------
# Google TPU generations
# ---------------------------------------------------------------------------

TPU_GENERATIONS_LIST: tuple[TpuGeneration, ...] = (
    # The v2 page says a pod is "up to 256 chips (512 TensorCores)" (it once said 512
    # chips); its largest slice is v2-512, counted in TensorCores, and Google's 2017 pod
    # was 64 devices of 4 chips (11.5 PFLOPS). The page gives no peak per chip: 45 TFLOPS
    # is the 180 TFLOPS of one 4-chip device (Google, 2017) divided by 4.
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
        sources=("gcloud-tpu-v2", "google-blog-cloud-tpu-2017", "gcloud-tpu-architecture"),
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
        sources=("gcloud-tpu-v3", "gcloud-tpu-architecture", "9to5google-tpu-v3"),
    ),
    # Year of the public announcement (Google I/O 2021); the ISCA paper says it was
    # deployed inside Google from 2020.
    TpuGeneration(
        key="v4",
        name="TPU v4",
        year=2021,
        tensorcores_per_chip=2,
        mxus_per_core=4,
        mxu_size=128,
        hbm_per_chip=32,
        hbm_unit="GiB",
        bf16_tflops_per_chip=275,
        chips_per_pod=4096,
        sources=(
            "gcloud-tpu-v4",
            "gcloud-tpu-architecture",
            "9to5google-tpu-v4",
            "jouppi-2023-tpu-v4",
        ),
    ),
    TpuGeneration(
        key="v5e",
        name="TPU v5e",
        year=2023,
        tensorcores_per_chip=1,
        mxus_per_core=4,
        mxu_size=128,
        hbm_per_chip=16,
        hbm_unit="GB",
        bf16_tflops_per_chip=197,
        chips_per_pod=256,
        sources=("gcloud-tpu-v5e", "gcloud-tpu-architecture", "gcloud-blog-tpu-v5e"),
    ),
    # The v5p page gives no TensorCore count per chip directly: its topology table lists
    # 2x2x1 as 8 cores on 4 chips, so 2 per chip (and 47.5 GB of HBM per TensorCore).
    TpuGeneration(
        key="v5p",
        name="TPU v5p",
        year=2023,
        tensorcores_per_chip=2,
        mxus_per_core=4,
        mxu_size=128,
        hbm_per_chip=95,
        hbm_unit="GB",
        bf16_tflops_per_chip=459,
        chips_per_pod=8960,
        sources=("gcloud-tpu-v5p", "gcloud-tpu-architecture"),
    ),
    TpuGeneration(
        key="v6e",
        name="TPU v6e (Trillium)",
        year=2024,
        tensorcores_per_chip=1,
        mxus_per_core=2,
        mxu_size=256,
        hbm_per_chip=32,
        hbm_unit="GB",
        bf16_tflops_per_chip=918,
        chips_per_pod=256,
        sources=("gcloud-tpu-v6e", "gcloud-blog-trillium"),
    ),
    # Google's TPU7x page gives no MXU count or size for Ironwood.
    TpuGeneration(
        key="tpu7x",
        name="TPU7x (Ironwood)",
        year=2025,
        tensorcores_per_chip=2,
        mxus_per_core=None,
        mxu_size=None,
        hbm_per_chip=192,
        hbm_unit="GiB",
        bf16_tflops_per_chip=2307,
        chips_per_pod=9216,
        sources=("gcloud-tpu7x", "google-blog-ironwood"),
    ),
)

# ---------------------------------------------------------------------------
# Corrections to the original notes
# ---------------------------------------------------------------------------

CORRECTIONS_LIST: tuple[Correction, ...] = (
    Correction(
        key="tf-graph",
        claim="TensorFlow construye grafos en los que cada nodo es un tensor y cada arista "
        "es una operación entre tensores.",
        correction="Es al revés: cada nodo del grafo es una operación (tf.Operation) y las "
        "aristas son los tensores (tf.Tensor), los datos que fluyen de una operación a otra.",
        sources=("tf-whitepaper", "tf-graph"),
    ),
    Correction(
        key="tf-eager",
        claim="El grafo solo contiene la definición de las operaciones; la ejecución se "
        "produce únicamente durante el entrenamiento (evaluación perezosa).",
        correction="Eso describe TensorFlow 1.x. En TensorFlow 2 la ejecución inmediata "
        "(eager) está activada por defecto: cada operación se ejecuta al llamarla. Para "
        "obtener un grafo se usa tf.function.",
        sources=("tf-disable-eager", "tf-graph"),
    ),
    Correction(
        key="keras-backends",
        claim="Keras se ejecuta sobre Theano y TensorFlow.",
        correction="Theano dejó de desarrollarse en 2017. Keras 3 es multimotor y funciona "
        "sobre JAX, TensorFlow y PyTorch; Keras 2 sigue disponible como el paquete tf-keras.",
        sources=("keras-3-pypi", "keras-github", "theano-end-announcement"),
        changing=("correction",),
    ),
    Correction(
        key="keras-yaml",
        claim="Las definiciones de los modelos se pueden guardar y recuperar en formato json "
        "y en formato yaml.",
        correction="La serialización en YAML se eliminó en TensorFlow 2.6 por una "
        "vulnerabilidad de ejecución de código arbitrario (CVE-2021-37678); to_yaml() lanza "
        "ahora un error. JSON se mantiene para la arquitectura, y el modelo completo se guarda "
        "en un archivo .keras (un zip con configuración, pesos y estado del optimizador).",
        sources=("cve-2021-37678", "tf-save-model"),
    ),
    Correction(
        key="keras-graph-model",
        claim="Keras soporta dos tipos de modelos: modelo secuencial, API funcional "
        "y grafo (deprecado).",
        correction="El contenedor Graph quedó obsoleto con Keras 1.0 (abril de 2016), que "
        "introdujo la API funcional para sustituirlo, y se eliminó a finales de 2016. Hoy "
        "Keras ofrece el modelo secuencial, la API funcional y la creación de subclases de "
        "Model.",
        sources=("keras-1-blog", "keras-issue-2462", "keras-issue-4661", "keras-models-api"),
    ),
    Correction(
        key="theano-end",
        claim="Theano finalizó su desarrollo a partir de la versión 1.0.",
        correction="El MILA anunció en septiembre de 2017 que dejaría de desarrollar Theano "
        "tras publicar la versión 1.0, que salió en noviembre de 2017, con un año de "
        "mantenimiento mínimo. El código siguió vivo en bifurcaciones mantenidas por los "
        "desarrolladores de PyMC (Aesara y, hoy, PyTensor).",
        sources=("theano-end-announcement", "theano-pypi", "theano-github", "pytensor-github"),
    ),
    Correction(
        key="bigml-cnn",
        claim="BigML no soporta ni CNN (capas de convolución o de pooling) ni RNN.",
        correction="Ya no es exacto para las CNN: los deepnets de BigML aceptan campos de "
        "imagen y los procesan con una red neuronal convolucional, con opciones de aumento "
        "de datos (volteos, brillo) y de extracción de características de imagen.",
        sources=("bigml-dashboard-deepnets", "bigmler-deepnet"),
        changing=("correction",),
    ),
    Correction(
        key="bigml-origin",
        claim="BigML es una empresa española.",
        correction="BigML se fundó en enero de 2011 en Corvallis (Oregón, Estados Unidos). "
        "Su cofundador y consejero delegado, Francisco J. Martín, es español y la empresa "
        "tiene también sede en Valencia.",
        sources=("bigml-slides-2012", "innovaspain-bigml"),
        changing=("correction",),
    ),
    Correction(
        key="tpu-generations",
        claim="Hay dos versiones de TPU: v2 y v3.",
        correction="Después llegaron TPU v4 (2021), v5e y v5p (2023), v6e o Trillium (2024) "
        "y TPU7x o Ironwood (2025). La v2 solo se puede usar ya a través de la API de Cloud "
        "TPU, que no se sigue desarrollando (solo recibe correcciones); la v3, a través de "
        "GKE y de esa misma API.",
        sources=(
            "gcloud-tpu-v2",
            "gcloud-tpu-v3",
            "gcloud-tpu-v4",
            "gcloud-tpu-v5e",
            "gcloud-tpu-v5p",
            "gcloud-tpu-v6e",
            "gcloud-tpu7x",
        ),
        changing=("correction",),
    ),
    Correction(
        key="tpu-30x",
        claim="Según Google, las TPU son 30x más rápidas que las GPU y las CPU.",
        correction="La cifra procede del artículo de ISCA 2017 sobre la primera TPU, que "
        "solo hacía inferencia: de media era entre 15 y 30 veces más rápida que una GPU "
        "(NVIDIA K80) o una CPU (Intel Haswell) de la época, con un rendimiento por vatio "
        "entre 30 y 80 veces mayor. No es una comparación con el hardware actual.",
        sources=("jouppi-2017-tpu",),
    ),
    Correction(
        key="hsa-nvidia",
        claim="AMD se basa en HSA, una arquitectura más abierta y multiplataforma que se "
        "puede utilizar con otros proveedores, por ejemplo NVIDIA.",
        correction="HSA es una especificación de la HSA Foundation, creada en 2012 por AMD, "
        "ARM, Imagination, MediaTek y Texas Instruments; NVIDIA no figura entre sus "
        "fundadores. La plataforma actual de AMD para GPU es ROCm, de código abierto; su "
        "lenguaje HIP sí permite compilar el mismo código para GPU de AMD y de NVIDIA.",
        sources=("hsa-foundation-2012", "rocm-what-is", "hip-what-is"),
        changing=("correction",),
    ),
    Correction(
        key="pytorch-torch",
        claim="PyTorch es Torch en Python.",
        correction="PyTorch hereda ideas y el backend en C/CUDA de Torch, pero ese backend "
        "se reescribió en la biblioteca C++ ATen. Añade grafos dinámicos con diferenciación "
        "automática basada en cinta (tape-based autograd). Torch (Lua) ya no se desarrolla.",
        sources=("pytorch-github", "torch7-github"),
    ),
    Correction(
        key="h2o-rapids",
        claim="Seguidamente tenemos un bloque de traductores (Rapids en C++ y Scala en Java).",
        correction="En la documentación de H2O esta es la capa de lenguaje, dentro de cada nodo: "
        "Rapids es el motor de evaluación de expresiones para R, que las ejecuta en el clúster, "
        "y Shalala es la capa de Scala. Todo el núcleo de H2O está escrito en Java y se ejecuta "
        "en la JVM.",
        sources=("h2o-architecture", "h2o-welcome"),
    ),
    Correction(
        key="caffe-status",
        claim="Caffe se presenta como un framework vigente, con más proyectos disponibles "
        "en línea que Keras.",
        correction="La última versión de Caffe es la 1.0, de abril de 2017; el proyecto de "
        "BVLC no ha publicado versiones desde entonces.",
        sources=("caffe-1-0", "caffe-github"),
        changing=("correction",),
    ),
    Correction(
        key="tf-learn",
        claim="Presenta un núcleo de bajo nivel (C++/CUDA). Además, se define una API Python "
        "sencilla para definir el grafo computacional, así como APIs de alto nivel (TF-Learn, "
        "Keras, etc.).",
        correction="TF-Learn (tf.contrib.learn) formaba parte de tf.contrib, el módulo de código "
        "experimental que TensorFlow 2 ya no incluye: parte de él pasó al núcleo y parte a "
        "proyectos aparte. La API de alto nivel de TensorFlow 2 es Keras (tf.keras).",
        sources=("tf-contrib", "tf-save-model"),
    ),
    Correction(
        key="tf-hub",
        claim="Se trata de un repositorio de modelos preentrenados.",
        correction="TensorFlow Hub se ha trasladado a Kaggle Models: desde el 15 de noviembre de "
        "2023, las direcciones de tfhub.dev redirigen a sus equivalentes en Kaggle Models. La "
        "biblioteca tensorflow_hub sigue descargando los modelos publicados en tfhub.dev, y los "
        "que no se migraron se borraron el 18 de marzo de 2024.",
        sources=("tf-hub-github",),
        changing=("correction",),
    ),
    Correction(
        key="driverless-ai",
        claim="Permite desarrollar el pipeline completo de H2O de forma visual, de modo que "
        "se pueden automatizar tareas.",
        correction="Driverless AI no es una interfaz visual de H2O-3, sino otra plataforma de "
        "H2O.ai, comercial y con licencia propia: una aplicación cliente-servidor de AutoML que "
        "automatiza la visualización de datos, la ingeniería de características, la validación "
        "(contra el sobreajuste y las fugas de datos), el ajuste de parámetros, la selección de "
        "modelos, su interpretabilidad y su despliegue. Se maneja desde una interfaz gráfica o "
        "desde clientes de Python y R.",
        sources=("h2o-driverless-intro",),
        changing=("correction",),
    ),
)

# ---------------------------------------------------------------------------
# Frameworks
# ---------------------------------------------------------------------------

FRAMEWORKS_LIST: tuple[Framework, ...] = (
    Framework(
        key="tensorflow",
        name="TensorFlow",
        core_languages=("C++", "CUDA"),
        frontend_languages=("Python", "C++", "C"),
        graph_model="static-and-eager",
        gpu="CUDA; ROCm",
        autodiff="reverse-mode",
        origin="Google Brain (Google)",
        first_release="2015-11",
        status="active",
        status_note="ejecución inmediata por defecto desde TensorFlow 2",
        sources=("tf-whitepaper", "tf-disable-eager", "rocm-what-is"),
        changing=("status", "status_note"),
    ),
    Framework(
        key="theano",
        name="Theano",
        core_languages=("Python", "C", "CUDA"),
        frontend_languages=("Python",),
        graph_model="static",
        gpu="CUDA",
        autodiff="symbolic",
        origin="LISA (luego MILA), Universidad de Montreal",
        first_release="2009-04",
        status="discontinued",
        status_note="sin desarrollo desde la 1.0 (noviembre de 2017); continúa en PyTensor",
        sources=("theano-github", "theano-pypi", "theano-end-announcement", "pytensor-github"),
        changing=("status", "status_note"),
    ),
    Framework(
        key="keras",
        name="Keras",
        core_languages=("Python",),
        frontend_languages=("Python",),
        graph_model="backend",
        gpu="La del motor (JAX, TensorFlow o PyTorch)",
        autodiff="backend",
        origin="François Chollet",
        first_release="2015-03",
        status="active",
        status_note="Keras 3 funciona sobre JAX, TensorFlow y PyTorch",
        sources=("keras-1-blog", "keras-3-pypi"),
        changing=("status", "status_note"),
    ),
    Framework(
        key="caffe",
        name="Caffe",
        core_languages=("C++", "CUDA"),
        frontend_languages=("Línea de órdenes", "Python", "MATLAB"),
        graph_model="declarative",
        gpu="CUDA",
        autodiff="per-layer",
        origin="Yangqing Jia, BVLC (Universidad de California en Berkeley)",
        first_release="2013",
        status="discontinued",
        status_note="última versión, la 1.0 (abril de 2017)",
        sources=("caffe-github", "caffe-site", "caffe-paper", "caffe-1-0"),
        changing=("status", "status_note"),
    ),
    Framework(
        key="torch",
        name="Torch (Torch7)",
        core_languages=("C", "CUDA"),
        frontend_languages=("Lua (LuaJIT)",),
        graph_model="dynamic",
        gpu="CUDA",
        autodiff="per-layer",
        origin="Idiap, NEC Labs y NYU (Collobert, Kavukcuoglu, Farabet)",
        first_release="2011",
        status="discontinued",
        status_note="sin desarrollo activo; su backend pasó a ATen (PyTorch)",
        sources=("torch7-paper", "torch7-github"),
        changing=("status", "status_note"),
    ),
    Framework(
        key="pytorch",
        name="PyTorch",
        core_languages=("C++", "CUDA"),
        frontend_languages=("Python", "C++"),
        graph_model="dynamic",
        gpu="CUDA; ROCm",
        autodiff="reverse-mode",
        origin="Facebook (hoy Meta); desde 2022, PyTorch Foundation",
        first_release="2016",
        status="active",
        status_note="gobernado por la PyTorch Foundation (Linux Foundation)",
        sources=("pytorch-github", "pytorch-linux-foundation", "rocm-what-is"),
        changing=("status", "status_note"),
    ),
    Framework(
        key="fastai",
        name="fastai",
        core_languages=("Python",),
        frontend_languages=("Python",),
        graph_model="backend",
        gpu="La de PyTorch",
        autodiff="backend",
        origin="fast.ai (Jeremy Howard y Sylvain Gugger)",
        first_release="2018",
        status="active",
        status_note="fastai v2 (2020) es una reescritura casi completa sobre PyTorch",
        sources=("fastai-paper", "fastai-pypi"),
        changing=("status", "status_note"),
    ),
)

THEANO_LIBRARIES_LIST: tuple[TheanoLibrary, ...] = (
    TheanoLibrary(
        key="keras",
        name="Keras",
        description="API de alto nivel para redes neuronales; Theano fue su primer motor.",
        sources=("keras-1-blog",),
    ),
    TheanoLibrary(
        key="blocks",
        name="Blocks",
        description="Marco del MILA para construir y entrenar redes neuronales con Theano.",
        sources=("blocks-github",),
    ),
    TheanoLibrary(
        key="lasagne",
        name="Lasagne",
        description="Biblioteca ligera para construir y entrenar redes neuronales en Theano.",
        sources=("lasagne-github",),
    ),
    TheanoLibrary(
        key="sklearn-theano",
        name="sklearn-theano",
        description="Estimadores y transformadores compatibles con scikit-learn que usan "
        "Theano internamente.",
        sources=("sklearn-theano-github",),
    ),
    TheanoLibrary(
        key="pymc3",
        name="PyMC3",
        description="Programación probabilística y modelos bayesianos; usaba Theano para el "
        "cálculo y los gradientes.",
        sources=("pymc3-pypi",),
    ),
    TheanoLibrary(
        key="theano-rnn",
        name="theano-rnn",
        description="Demostración de una red neuronal recurrente implementada con Theano.",
        sources=("theano-rnn-github",),
    ),
    TheanoLibrary(
        key="morb",
        name="Morb",
        description="Implementación modular de máquinas de Boltzmann restringidas (RBM) en Theano.",
        sources=("morb-github",),
    ),
    TheanoLibrary(
        key="pylearn2",
        name="Pylearn2",
        description="Biblioteca de aprendizaje automático del laboratorio LISA basada en Theano.",
        sources=("pylearn2-github",),
    ),
)

TF_VS_NUMPY_LIST: tuple[Comparison, ...] = (
    Comparison(
        key="autodiff",
        aspect="Derivadas",
        left="Calcula automáticamente los gradientes de las funciones de tensores",
        right="No calcula derivadas automáticamente",
        sources=("tf-whitepaper",),
    ),
    Comparison(
        key="gpu",
        aspect="Aceleradores",
        left="Ejecuta las operaciones en CPU, GPU o TPU",
        right="Solo CPU",
        sources=("tf-whitepaper", "tf-numpy-guide"),
    ),
    Comparison(
        key="distributed",
        aspect="Ejecución distribuida",
        left="Reparte el cálculo entre varios dispositivos y máquinas (tf.distribute)",
        right="Un solo proceso",
        sources=("tf-whitepaper", "tf-distributed"),
    ),
    Comparison(
        key="numpy-api",
        aspect="API de NumPy",
        left="tf.experimental.numpy implementa un subconjunto de la API de NumPy acelerado "
        "por TensorFlow",
        right="Es la API de referencia",
        sources=("tf-numpy-guide",),
    ),
)

TF_OPERATIONS_LIST: tuple[TfOperationCategory, ...] = (
    TfOperationCategory(
        key="element-wise",
        category="Operaciones matemáticas elemento a elemento",
        examples=("Add", "Sub", "Mul", "Div", "Exp", "Log", "Greater", "Less", "Equal"),
        sources=("tf-whitepaper",),
    ),
    TfOperationCategory(
        key="array",
        category="Operaciones con arrays",
        examples=("Concat", "Slice", "Split", "Constant", "Rank", "Shape", "Shuffle"),
        sources=("tf-whitepaper",),
    ),
    TfOperationCategory(
        key="matrix",
        category="Operaciones con matrices",
        examples=("MatMul", "MatrixInverse", "MatrixDeterminant"),
        sources=("tf-whitepaper",),
    ),
    TfOperationCategory(
        key="stateful",
        category="Operaciones con estado",
        examples=("Variable", "Assign", "AssignAdd"),
        sources=("tf-whitepaper",),
    ),
    TfOperationCategory(
        key="nn",
        category="Bloques de redes neuronales",
        examples=("SoftMax", "Sigmoid", "ReLU", "Convolution2D", "MaxPool"),
        sources=("tf-whitepaper",),
    ),
    TfOperationCategory(
        key="checkpointing",
        category="Puntos de control (checkpointing)",
        examples=("Save", "Restore"),
        sources=("tf-whitepaper",),
    ),
    TfOperationCategory(
        key="queue-sync",
        category="Colas y sincronización",
        examples=("Enqueue", "Dequeue", "MutexAcquire", "MutexRelease"),
        sources=("tf-whitepaper",),
    ),
    TfOperationCategory(
        key="control-flow",
        category="Control de flujo",
        examples=("Merge", "Switch", "Enter", "Leave", "NextIteration"),
        sources=("tf-whitepaper",),
    ),
)

# ---------------------------------------------------------------------------
# Keras
# ---------------------------------------------------------------------------

KERAS_POINTS_LIST: tuple[KerasPoint, ...] = (
    KerasPoint(
        key="easy",
        kind="pro",
        claim="Sencilla para comenzar y sencilla para avanzar.",
        today="Sigue siendo su objetivo: del modelo secuencial a la creación de subclases, "
        "con las mismas piezas.",
        sources=("keras-models-api", "keras-1-blog"),
    ),
    KerasPoint(
        key="backends",
        kind="pro",
        claim="Se ejecuta sobre Theano y TensorFlow.",
        today="Keras 3 se ejecuta sobre JAX, TensorFlow y PyTorch; Theano ya no se desarrolla.",
        sources=("keras-3-pypi", "theano-end-announcement"),
        changing=("today",),
    ),
    KerasPoint(
        key="visualization",
        kind="pro",
        claim="Dispone de herramientas de visualización (TensorBoard).",
        today="Se mantiene mediante el callback keras.callbacks.TensorBoard.",
        sources=("keras-tensorboard",),
        changing=("today",),
    ),
    KerasPoint(
        key="modular",
        kind="pro",
        claim="Escrita de forma modular: fácil de ampliar.",
        today="Se pueden definir capas y modelos propios heredando de Layer y Model.",
        sources=("keras-models-api",),
    ),
    KerasPoint(
        key="powerful",
        kind="pro",
        claim="Suficientemente potente para escribir modelos serios.",
        today="La API funcional admite arquitecturas arbitrarias: varias entradas y salidas, "
        "capas compartidas, grafos acíclicos.",
        sources=("keras-models-api",),
    ),
    KerasPoint(
        key="less-flexible",
        kind="con",
        claim="Menos flexible.",
        today="Menos cierto hoy: la creación de subclases de Model permite implementarlo "
        "todo desde cero.",
        sources=("keras-models-api",),
    ),
    KerasPoint(
        key="fewer-types",
        kind="con",
        claim="Menos tipos de modelos: no hay RBM, por ejemplo.",
        today="Lo que no viene incluido puede programarse como capa o modelo propio.",
        sources=("keras-models-api",),
    ),
    KerasPoint(
        key="fewer-projects",
        kind="con",
        claim="Menos proyectos disponibles en línea que Caffe.",
        today="Comparación superada: Caffe no publica versiones desde la 1.0 (abril de 2017).",
        sources=("caffe-1-0",),
        changing=("today",),
    ),
    KerasPoint(
        key="multi-gpu",
        kind="con",
        claim="El soporte multi-GPU no es completo.",
        today="Con TensorFlow, tf.distribute reparte el entrenamiento entre varias GPU de una "
        "o varias máquinas.",
        sources=("tf-distributed",),
        changing=("today",),
    ),
)

KERAS_MODEL_TYPES_LIST: tuple[KerasModelType, ...] = (
    KerasModelType(
        key="sequential",
        name="Modelo secuencial (Sequential)",
        description="Lista simple de capas; limitado a pilas con una entrada y una salida.",
        status="current",
        sources=("keras-models-api",),
    ),
    KerasModelType(
        key="functional",
        name="API funcional",
        description="Admite arquitecturas arbitrarias: varias entradas y salidas, capas "
        "compartidas y grafos acíclicos dirigidos.",
        status="current",
        sources=("keras-models-api", "keras-1-blog"),
    ),
    KerasModelType(
        key="subclassing",
        name="Subclases de Model",
        description="Se implementa todo desde cero heredando de la clase Model.",
        status="current",
        sources=("keras-models-api",),
    ),
    KerasModelType(
        key="graph",
        name="Graph",
        description="Contenedor de grafos de Keras 0.x; obsoleto en Keras 1.0 y eliminado a "
        "finales de 2016 en favor de la API funcional.",
        status="removed",
        sources=("keras-1-blog", "keras-issue-2462", "keras-issue-4661"),
    ),
)

# ---------------------------------------------------------------------------
# Accelerated computing
# ---------------------------------------------------------------------------

CPU_VS_GPU_LIST: tuple[Comparison, ...] = (
    Comparison(
        key="cores",
        aspect="Núcleos",
        left="Pocos núcleos, optimizados para ejecutar rápido una secuencia de operaciones",
        right="Muchísimos núcleos más sencillos, pensados para el rendimiento en paralelo",
        sources=("cuda-guide",),
    ),
    Comparison(
        key="threads",
        aspect="Hilos en paralelo",
        left="Unas pocas decenas",
        right="Miles",
        sources=("cuda-guide",),
    ),
    Comparison(
        key="transistors",
        aspect="Uso de los transistores",
        left="Más dedicados a cachés de datos y control de flujo",
        right="Más dedicados al procesamiento de datos",
        sources=("cuda-guide",),
    ),
    Comparison(
        key="alus",
        aspect="Unidades aritmético-lógicas (ALU)",
        left="Pocas; cada cálculo pasa por la memoria (cuello de botella de von Neumann)",
        right="Entre 2500 y 5000 en una GPU moderna, según una versión anterior de la "
        "introducción a Cloud TPU",
        sources=("gcloud-intro-tpu-2019", "cuda-guide"),
    ),
)

GPU_PLATFORMS_LIST: tuple[GpuPlatform, ...] = (
    GpuPlatform(
        key="cuda",
        vendor="NVIDIA",
        name="CUDA",
        full_name="Compute Unified Device Architecture",
        introduced="2006-11",
        openness="proprietary",
        languages=("C++", "Fortran", "OpenACC", "DirectCompute"),
        libraries=("cuBLAS", "cuFFT", "cuRAND", "cuSPARSE", "cuSOLVER", "NPP", "cuDNN"),
        sources=("cuda-guide", "cuda-libraries", "nvidia-cudnn"),
        changing=("languages", "libraries"),
    ),
    GpuPlatform(
        key="rocm",
        vendor="AMD",
        name="ROCm",
        full_name="ROCm, pila abierta de AMD para cómputo en GPU",
        introduced="2016",
        openness="open",
        languages=("HIP (C++)", "OpenCL", "OpenMP"),
        libraries=("MIOpen", "MIGraphX", "hipBLAS", "hipFFT"),
        sources=("rocm-what-is", "hip-what-is", "rocm-issue-30"),
        changing=("languages", "libraries"),
    ),
)

DEVICE_ADVICE_LIST: tuple[DeviceAdvice, ...] = (
    DeviceAdvice(
        key="cpu-prototyping",
        device="cpu",
        advice="Prototipado rápido que necesita la máxima flexibilidad",
        sources=("gcloud-intro-tpu",),
    ),
    DeviceAdvice(
        key="cpu-simple-models",
        device="cpu",
        advice="Modelos sencillos que no tardan mucho en entrenarse",
        sources=("gcloud-intro-tpu",),
    ),
    DeviceAdvice(
        key="cpu-small-batches",
        device="cpu",
        advice="Modelos pequeños con tamaños de lote efectivos pequeños",
        sources=("gcloud-intro-tpu",),
    ),
    DeviceAdvice(
        key="cpu-custom-cpp-ops",
        device="cpu",
        advice="Modelos con muchas operaciones personalizadas de TensorFlow escritas en C++",
        sources=("gcloud-intro-tpu",),
        changing=("advice",),
    ),
    DeviceAdvice(
        key="cpu-io-bound",
        device="cpu",
        advice="Modelos limitados por la E/S o el ancho de banda de red del host",
        sources=("gcloud-intro-tpu",),
    ),
    DeviceAdvice(
        key="gpu-custom-ops",
        device="gpu",
        advice="Modelos con muchas operaciones personalizadas de PyTorch o JAX que deben "
        "ejecutarse, al menos en parte, en CPU",
        sources=("gcloud-intro-tpu",),
        changing=("advice",),
    ),
    DeviceAdvice(
        key="gpu-unsupported-tf-ops",
        device="gpu",
        advice="Modelos con operaciones de TensorFlow que no están disponibles en Cloud TPU",
        sources=("gcloud-intro-tpu",),
        changing=("advice",),
    ),
    DeviceAdvice(
        key="gpu-medium-large",
        device="gpu",
        advice="Modelos medianos o grandes con tamaños de lote efectivos más grandes",
        sources=("gcloud-intro-tpu",),
    ),
    DeviceAdvice(
        key="tpu-matrix",
        device="tpu",
        advice="Modelos dominados por cálculos con matrices",
        sources=("gcloud-compute-tpus",),
    ),
    DeviceAdvice(
        key="tpu-no-custom-ops",
        device="tpu",
        advice="Modelos sin operaciones personalizadas de PyTorch o JAX en el bucle "
        "principal de entrenamiento",
        sources=("gcloud-compute-tpus",),
        changing=("advice",),
    ),
    DeviceAdvice(
        key="tpu-long-training",
        device="tpu",
        advice="Modelos que se entrenan durante semanas o meses",
        sources=("gcloud-compute-tpus",),
    ),
    DeviceAdvice(
        key="tpu-large-batches",
        device="tpu",
        advice="Modelos grandes con tamaños de lote efectivos grandes",
        sources=("gcloud-compute-tpus",),
    ),
    DeviceAdvice(
        key="tpu-embeddings",
        device="tpu",
        advice="Modelos con embeddings muy grandes, habituales en sistemas de ranking y "
        "recomendación",
        sources=("gcloud-compute-tpus",),
    ),
    DeviceAdvice(
        key="not-tpu-branching",
        device="not-tpu",
        advice="Programas de álgebra lineal con ramificaciones frecuentes o muchas "
        "operaciones elemento a elemento",
        sources=("gcloud-compute-tpus",),
    ),
    DeviceAdvice(
        key="not-tpu-high-precision",
        device="not-tpu",
        advice="Cargas de trabajo que requieren aritmética de alta precisión",
        sources=("gcloud-compute-tpus",),
    ),
    DeviceAdvice(
        key="not-tpu-custom-ops",
        device="not-tpu",
        advice="Redes neuronales con operaciones personalizadas en el bucle principal de "
        "entrenamiento",
        sources=("gcloud-compute-tpus",),
    ),
)

# ---------------------------------------------------------------------------
# Providers
# ---------------------------------------------------------------------------

PROVIDERS_LIST: tuple[Provider, ...] = (
    # No readable primary text about Deep Cognition was found: only the product name and
    # the fact that it is a commercial, closed product are stated here.
    Provider(
        key="deep-cognition",
        name="Deep Cognition",
        offering="Deep Learning Studio, entorno visual para diseñar y entrenar redes neuronales",
        founded="Sin fuente verificable",
        headquarters="Sin fuente verificable",
        licence="Producto comercial (no es software libre)",
        deployment=("Opciones de despliegue sin fuente verificable",),
        sources=("deepcognition-site",),
        changing=("offering", "licence"),
    ),
    Provider(
        key="h2o",
        name="H2O.ai",
        offering="H2O-3, plataforma distribuida de aprendizaje automático en memoria (con "
        "AutoML), y Driverless AI",
        founded="Antes 0xdata; primera versión de H2O en 2011",
        headquarters="Mountain View, California (EE. UU.)",
        licence="H2O-3: Apache 2.0",
        deployment=(
            "Portátil o servidor propio (H2O autónomo)",
            "Clústeres Hadoop/YARN",
            "Dentro de Spark (Sparkling Water)",
            "Modelos exportados como POJO o MOJO para producción",
        ),
        sources=(
            "h2o-welcome",
            "h2o-architecture",
            "h2o-wikipedia",
            "h2o-blog-driverless",
            "h2o-driverless-intro",
        ),
        changing=("offering", "headquarters", "deployment"),
    ),
    Provider(
        key="bigml",
        name="BigML",
        offering="Aprendizaje automático como servicio: clasificación, regresión, clustering, "
        "anomalías, asociaciones y deepnets",
        founded="Enero de 2011",
        headquarters="Corvallis, Oregón (EE. UU.), con sede también en Valencia (España)",
        licence="Servicio comercial en la nube",
        deployment=(
            "Panel web (Dashboard)",
            "API REST",
            "WhizzML (automatización)",
            "BigMLer (línea de órdenes)",
        ),
        sources=(
            "bigml-slides-2012",
            "innovaspain-bigml",
            "bigml-deepnets-blog",
            "bigmler-deepnet",
        ),
        changing=("offering", "headquarters", "deployment"),
    ),
)

DEEPNET_PARAMETERS_LIST: tuple[DeepnetParameter, ...] = (
    DeepnetParameter(
        key="hidden-layers",
        name="hidden_layers",
        description="Lista de capas ocultas con su número y tipo; la capa de salida depende "
        "del problema",
        values="Lista de mapas, uno por capa",
        sources=("bigmler-deepnet", "bigml-api-deepnets"),
    ),
    DeepnetParameter(
        key="number-of-hidden-layers",
        name="number_of_hidden_layers",
        description="Número de capas ocultas; la lista hidden_layers se repite o se recorta "
        "hasta alcanzarlo",
        values="Entero",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="batch-normalization",
        name="batch_normalization",
        description="Normaliza las salidas de cada capa antes de la función de activación",
        values="Sí o no",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="dropout-rate",
        name="dropout_rate",
        description="Proporción de pesos que se descartan durante el entrenamiento para "
        "evitar el sobreajuste",
        values="Entre 0 y 1",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="learning-rate",
        name="learning_rate",
        description="Tasa de aprendizaje del optimizador",
        values="Entre 0 y 1",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="learn-residuals",
        name="learn_residuals",
        description="Capas alternas aprenden los residuos de la capa anterior (conexiones "
        "residuales)",
        values="Sí o no",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="max-iterations",
        name="max_iterations",
        description="Número máximo de pasos de gradiente de la optimización",
        values="Entre 100 y 100000",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="max-training-time",
        name="max_training_time",
        description="Tiempo real máximo de entrenamiento",
        values="Segundos",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="search",
        name="search",
        description="Entrena y evalúa varias configuraciones de red y devuelve un compromiso "
        "entre las mejores",
        values="Sí o no",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="number-of-model-candidates",
        name="number_of_model_candidates",
        description="Número de modelos que se prueban durante la búsqueda",
        values="Entero",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="missing-numerics",
        name="missing_numerics",
        description="Añade un predictor binario que marca los valores numéricos ausentes; si "
        "no, se descartan esas filas",
        values="Sí o no",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="default-numeric-value",
        name="default_numeric_value",
        description="Valor con el que se sustituyen los numéricos ausentes",
        values="mean, median, minimum, maximum o zero",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="tree-embedding",
        name="tree_embedding",
        description="Aprende con árboles nuevas características a partir de los datos y las "
        "añade a las originales",
        values="Sí o no",
        sources=("bigmler-deepnet",),
    ),
    DeepnetParameter(
        key="image-augmentations",
        name="image_augmentations",
        description="Estrategias de aumento de datos para campos de imagen",
        values="flip_horizontal, flip_vertical, brightness",
        sources=("bigmler-deepnet",),
        changing=("values",),
    ),
)

AUTOML_METRICS_LIST: tuple[AutomlMetric, ...] = (
    AutomlMetric(
        key="mean-residual-deviance",
        name="mean_residual_deviance",
        description="Desviación residual media",
        tasks=("regression",),
        default_sort_for=("regression",),
        sources=("h2o-sort-metric", "h2o-get-best-model"),
    ),
    AutomlMetric(
        key="rmse",
        name="rmse",
        description="Raíz del error cuadrático medio",
        tasks=("regression", "binomial", "multinomial"),
        sources=("h2o-get-best-model",),
    ),
    AutomlMetric(
        key="mse",
        name="mse",
        description="Error cuadrático medio",
        tasks=("regression", "binomial", "multinomial"),
        sources=("h2o-get-best-model",),
    ),
    AutomlMetric(
        key="mae",
        name="mae",
        description="Error absoluto medio",
        tasks=("regression",),
        sources=("h2o-get-best-model",),
    ),
    AutomlMetric(
        key="rmsle",
        name="rmsle",
        description="Raíz del error cuadrático medio logarítmico",
        tasks=("regression",),
        sources=("h2o-get-best-model",),
    ),
    AutomlMetric(
        key="auc",
        name="auc",
        description="Área bajo la curva ROC",
        tasks=("binomial",),
        default_sort_for=("binomial",),
        sources=("h2o-sort-metric", "h2o-get-best-model"),
    ),
    AutomlMetric(
        key="aucpr",
        name="aucpr",
        description="Área bajo la curva de precisión y exhaustividad (añadida después)",
        tasks=("binomial",),
        sources=("h2o-get-best-model", "h2o-issue-8568"),
        changing=("tasks",),
    ),
    AutomlMetric(
        key="logloss",
        name="logloss",
        description="Pérdida logarítmica (entropía cruzada)",
        tasks=("binomial", "multinomial"),
        sources=("h2o-get-best-model",),
    ),
    AutomlMetric(
        key="mean-per-class-error",
        name="mean_per_class_error",
        description="Media del error de cada clase",
        tasks=("binomial", "multinomial"),
        default_sort_for=("multinomial",),
        sources=("h2o-sort-metric", "h2o-get-best-model"),
    ),
)

# ---------------------------------------------------------------------------
# Glossary: every abbreviation the pages use, shown as a tooltip and on "Glosario"
# ---------------------------------------------------------------------------

ABBREVIATIONS_LIST: tuple[Abbreviation, ...] = (
    Abbreviation(
        key="tpu",
        term="TPU",
        expansion="Unidad de procesamiento tensorial",
        english="Tensor Processing Unit",
        sources=("gcloud-intro-tpu",),
    ),
    Abbreviation(
        key="gpu",
        term="GPU",
        expansion="Unidad de procesamiento gráfico",
        english="Graphics Processing Unit",
        sources=("cuda-guide",),
    ),
    Abbreviation(
        key="cpu",
        term="CPU",
        expansion="Unidad central de procesamiento",
        english="Central Processing Unit",
        sources=("cuda-guide",),
    ),
    Abbreviation(
        key="cuda",
        term="CUDA",
        expansion="Arquitectura unificada de dispositivos de cómputo, la plataforma de NVIDIA",
        english="Compute Unified Device Architecture",
        sources=("cuda-guide",),
    ),
    Abbreviation(
        key="hsa",
        term="HSA",
        expansion="Arquitectura de sistemas heterogéneos",
        english="Heterogeneous System Architecture",
        sources=("hsa-foundation-2012",),
    ),
    Abbreviation(
        key="rocm",
        term="ROCm",
        expansion="Plataforma abierta de AMD para cómputo en GPU",
        sources=("rocm-what-is",),
    ),
    Abbreviation(
        key="hip",
        term="HIP",
        expansion="Interfaz de cómputo heterogéneo para la portabilidad, el lenguaje C++ de ROCm",
        english="Heterogeneous-computing Interface for Portability",
        sources=("hip-what-is",),
    ),
    Abbreviation(
        key="hbm",
        term="HBM",
        expansion="Memoria de gran ancho de banda",
        english="High Bandwidth Memory",
        sources=("gcloud-intro-tpu",),
    ),
    Abbreviation(
        key="mxu",
        term="MXU",
        expansion="Unidad de multiplicación de matrices de una TPU",
        english="Matrix Multiply Unit",
        sources=("gcloud-tpu-architecture",),
    ),
    Abbreviation(
        key="alu",
        term="ALU",
        expansion="Unidad aritmético-lógica",
        english="Arithmetic Logic Unit",
        sources=("gcloud-intro-tpu-2019",),
    ),
    Abbreviation(
        key="xla",
        term="XLA",
        expansion="Álgebra lineal acelerada: el compilador que genera el código de las TPU",
        english="Accelerated Linear Algebra",
        sources=("gcloud-intro-tpu",),
    ),
    Abbreviation(
        key="api",
        term="API",
        expansion="Interfaz de programación de aplicaciones",
        english="Application Programming Interface",
        sources=("tf-architecture",),
    ),
    Abbreviation(
        key="ide",
        term="IDE",
        expansion="Entorno de desarrollo integrado",
        english="Integrated Development Environment",
        sources=("deepcognition-site",),
    ),
    Abbreviation(
        key="cnn",
        term="CNN",
        expansion="Red neuronal convolucional",
        english="Convolutional Neural Network",
        sources=("bigml-dashboard-deepnets",),
    ),
    Abbreviation(
        key="rnn",
        term="RNN",
        expansion="Red neuronal recurrente",
        english="Recurrent Neural Network",
        sources=("theano-rnn-github",),
    ),
    Abbreviation(
        key="rbm",
        term="RBM",
        expansion="Máquina de Boltzmann restringida",
        english="Restricted Boltzmann Machine",
        sources=("morb-github",),
    ),
    Abbreviation(
        key="nlp",
        term="NLP",
        expansion="Procesamiento del lenguaje natural",
        english="Natural Language Processing",
        sources=("tf-whitepaper",),
    ),
    Abbreviation(
        key="nn",
        term="NN",
        expansion="Red neuronal",
        english="Neural Network",
        sources=("jouppi-2017-tpu",),
    ),
    Abbreviation(
        key="automl",
        term="AutoML",
        expansion="Aprendizaje automático automatizado",
        english="Automated Machine Learning",
        sources=("h2o-welcome",),
    ),
    Abbreviation(
        key="pojo",
        term="POJO",
        expansion="Objeto Java plano: un modelo exportado como código Java",
        english="Plain Old Java Object",
        sources=("h2o-welcome",),
    ),
    Abbreviation(
        key="mojo",
        term="MOJO",
        expansion="Objeto de modelo optimizado: un modelo exportado para puntuar sin H2O",
        english="Model Object, Optimized",
        sources=("h2o-welcome",),
    ),
    Abbreviation(
        key="jvm",
        term="JVM",
        expansion="Máquina virtual de Java",
        english="Java Virtual Machine",
        sources=("h2o-architecture",),
    ),
    Abbreviation(
        key="rest",
        term="REST",
        expansion="Transferencia de estado representacional, un estilo de API web",
        english="Representational State Transfer",
        sources=("h2o-architecture",),
    ),
    Abbreviation(
        key="json",
        term="JSON",
        expansion="Notación de objetos de JavaScript, un formato de texto para datos",
        english="JavaScript Object Notation",
        sources=("h2o-architecture",),
    ),
    Abbreviation(
        key="yaml",
        term="YAML",
        expansion="Formato de texto para datos y configuración",
        english="YAML Ain't Markup Language",
        sources=("cve-2021-37678",),
    ),
    Abbreviation(
        key="rdma",
        term="RDMA",
        expansion="Acceso directo a memoria remota",
        english="Remote Direct Memory Access",
        sources=("tf-architecture",),
    ),
)

# ---------------------------------------------------------------------------
# Figures: architectures, flows, the computation graph and the Caffe example
# ---------------------------------------------------------------------------

_CUDA = next(platform for platform in GPU_PLATFORMS_LIST if platform.key == "cuda")

ARCHITECTURES_LIST: tuple[Architecture, ...] = (
    Architecture(
        key="tensorflow",
        title="Arquitectura de TensorFlow",
        summary="Capas del entorno de ejecución de TensorFlow, desde los clientes hasta los "
        "dispositivos y la red",
        layers=(
            Layer(
                key="clients",
                label="Clientes",
                items=("Python", "C++"),
                note="Definen el cálculo como un grafo de flujo de datos "
                "y lo lanzan con una sesión",
            ),
            Layer(
                key="c-api",
                label="API de C",
                note="Separa el código de usuario, en distintos lenguajes, del núcleo en C++",
            ),
            Layer(
                key="master",
                label="Máster distribuido",
                note="Poda el grafo, lo divide en subgrafos por proceso y "
                "dispositivo, y los reparte",
            ),
            Layer(
                key="workers",
                label="Servicios worker (ejecutor del flujo de datos)",
                note="Planifican las operaciones de cada subgrafo e intercambian resultados",
            ),
            Layer(
                key="kernels",
                label="Implementaciones de kernels",
                items=("Eigen::Tensor", "cuDNN"),
                note="Hacen el cálculo de cada operación del grafo",
            ),
            Layer(key="devices", label="Dispositivos", items=("CPU", "GPU", "TPU")),
            Layer(key="network", label="Red", items=("gRPC sobre TCP", "RDMA")),
        ),
        sources=("tf-architecture", "gcloud-intro-tpu"),
    ),
    Architecture(
        key="cuda",
        title="Plataforma CUDA",
        summary="Pila de software de CUDA, desde los frameworks hasta la GPU",
        layers=(
            Layer(
                key="frameworks",
                label="Frameworks de deep learning",
                items=tuple(
                    f.name for f in FRAMEWORKS_LIST if "CUDA" in f.gpu and f.status == "active"
                ),
            ),
            Layer(key="libraries", label="Bibliotecas aceleradas", items=_CUDA.libraries),
            Layer(
                key="toolkit",
                label="CUDA Toolkit",
                items=_CUDA.languages,
                note="Compilador, biblioteca de runtime y herramientas de "
                "depuración y optimización",
            ),
            Layer(
                key="driver", label="Driver de CUDA", note="La API de bajo nivel que usa el runtime"
            ),
            Layer(key="gpu", label="GPU de NVIDIA"),
        ),
        sources=("cuda-guide", "cuda-toolkit-docs", "cuda-libraries", "nvidia-cudnn"),
    ),
    Architecture(
        key="h2o",
        title="Arquitectura de H2O",
        summary="Capas de H2O-3, desde los clientes hasta la ejecución en un clúster",
        layers=(
            Layer(
                key="clients",
                label="Clientes",
                items=("R", "Python", "Flow (cuaderno web)", "JavaScript", "Excel", "Tableau"),
            ),
            Layer(key="rest", label="API REST", note="JSON sobre HTTP, a través de un socket"),
            Layer(
                key="language",
                label="Lenguaje",
                items=(
                    "Rapids (motor de evaluación de expresiones para R)",
                    "Shalala (capa de Scala)",
                ),
            ),
            Layer(
                key="algorithms",
                label="Algoritmos",
                items=("Lectura de datos (parse)", "GLM", "Otros algoritmos de aprendizaje"),
            ),
            Layer(
                key="prediction",
                label="Motor de predicción y puntuación",
                items=("Exportación POJO", "Exportación MOJO"),
            ),
            Layer(
                key="core",
                label="Infraestructura del núcleo (JVM)",
                items=(
                    "Almacén clave/valor distribuido",
                    "Fluid Vector Frame",
                    "Job",
                    "MRTask (MapReduce en memoria)",
                    "Fork/Join",
                ),
            ),
            Layer(
                key="deployment",
                label="Ejecución",
                items=("H2O autónomo", "Hadoop (YARN)", "Spark (Sparkling Water)"),
            ),
        ),
        sources=("h2o-architecture", "h2o-welcome"),
    ),
)

FLOWS_LIST: tuple[Flow, ...] = (
    Flow(
        key="cuda",
        title="Flujo de procesamiento en CUDA",
        summary="Los cuatro pasos de un cálculo en la GPU, entre el host y el dispositivo",
        actors=("CPU (host)", "GPU (device)"),
        steps=(
            Step(
                actor="CPU (host)", action="Copia los datos de la memoria principal a la de la GPU"
            ),
            Step(actor="CPU (host)", action="Ordena a la GPU que empiece: lanza el kernel"),
            Step(actor="GPU (device)", action="Ejecuta el kernel en paralelo en todos sus núcleos"),
            Step(
                actor="CPU (host)",
                action="Copia el resultado de la memoria de la GPU a la principal",
            ),
        ),
        sources=("cuda-guide",),
    ),
    Flow(
        key="tpu",
        title="Flujo de ejecución en una TPU",
        summary="Cómo viajan los datos entre el host y la TPU durante un cálculo",
        actors=("Host", "TPU"),
        steps=(
            Step(actor="Host", action="Compila el programa con XLA"),
            Step(actor="Host", action="Envía los datos a la cola de entrada (infeed)"),
            Step(actor="TPU", action="Carga los datos de la cola de entrada en la HBM"),
            Step(
                actor="TPU",
                action="Los TensorCores calculan: las MXU multiplican matrices y las unidades "
                "vectorial y escalar hacen el resto",
            ),
            Step(actor="TPU", action="Deja los resultados en la cola de salida (outfeed)"),
            Step(
                actor="Host",
                action="Lee los resultados de la cola de salida y los guarda en su memoria",
            ),
        ),
        sources=("gcloud-intro-tpu", "gcloud-tpu-architecture"),
    ),
)

# y = ReLU(W·x + b) and its squared-error loss, split across two GPUs. TensorFlow puts
# a Send/Recv pair on every edge that crosses devices (whitepaper, section 3.2.2).
COMPUTATION_GRAPH = ComputationGraph(
    key="relu-layer",
    title="Grafo computacional de una capa ReLU y su pérdida",
    summary="y = ReLU(W·x + b) en la GPU 0 y la pérdida cuadrática en la GPU 1",
    devices=("GPU 0", "GPU 1"),
    nodes=(
        GraphNode(key="x", op="Placeholder", device="GPU 0", label="x"),
        GraphNode(key="w", op="Variable", device="GPU 0", label="W"),
        GraphNode(key="b", op="Variable", device="GPU 0", label="b"),
        GraphNode(key="matmul", op="MatMul", device="GPU 0"),
        GraphNode(key="add", op="Add", device="GPU 0"),
        GraphNode(key="send", op="Send", device="GPU 0"),
        GraphNode(key="recv", op="Recv", device="GPU 1"),
        GraphNode(key="relu", op="ReLU", device="GPU 1"),
        GraphNode(key="target", op="Placeholder", device="GPU 1", label="y real"),
        GraphNode(key="sub", op="Sub", device="GPU 1"),
        GraphNode(key="square", op="Square", device="GPU 1"),
        GraphNode(key="mean", op="Mean", device="GPU 1", label="pérdida"),
    ),
    edges=(
        GraphEdge(source="w", target="matmul"),
        GraphEdge(source="x", target="matmul"),
        GraphEdge(source="matmul", target="add", tensor="W·x"),
        GraphEdge(source="b", target="add"),
        GraphEdge(source="add", target="send", tensor="W·x + b"),
        GraphEdge(source="send", target="recv"),
        GraphEdge(source="recv", target="relu"),
        GraphEdge(source="relu", target="sub", tensor="y"),
        GraphEdge(source="target", target="sub"),
        GraphEdge(source="sub", target="square"),
        GraphEdge(source="square", target="mean"),
    ),
    sources=("tf-whitepaper", "tf-graph"),
)

# A small network of our own in Caffe's text format: data, convolution, pooling, a fully
# connected layer and the softmax loss.
CAFFE_LAYERS_LIST: tuple[CaffeLayer, ...] = (
    CaffeLayer(
        key="data",
        name="mnist",
        kind="Data",
        bottoms=(),
        tops=("data", "label"),
        block="data_param",
        params=(
            CaffeParam(name="source", value='"mnist_train_lmdb"', note="Base de datos de entrada"),
            CaffeParam(name="backend", value="LMDB"),
            CaffeParam(name="batch_size", value="64", note="Ejemplos por iteración"),
        ),
        note="Lee lotes de imágenes y etiquetas: produce los blobs data y label",
        sources=("caffe-layers",),
    ),
    CaffeLayer(
        key="conv1",
        name="conv1",
        kind="Convolution",
        bottoms=("data",),
        tops=("conv1",),
        block="convolution_param",
        params=(
            CaffeParam(name="num_output", value="20", note="Número de filtros (obligatorio)"),
            CaffeParam(name="kernel_size", value="5", note="Tamaño del filtro (obligatorio)"),
            CaffeParam(name="stride", value="1", note="Paso del filtro (opcional)"),
            CaffeParam(
                name="weight_filler", value='{ type: "xavier" }', note="Inicialización de pesos"
            ),
        ),
        note="Convolución: cada capa declara de qué blob lee (bottom) y cuál escribe (top)",
        sources=("caffe-convolution",),
    ),
    CaffeLayer(
        key="pool1",
        name="pool1",
        kind="Pooling",
        bottoms=("conv1",),
        tops=("pool1",),
        block="pooling_param",
        params=(
            CaffeParam(name="pool", value="MAX", note="Máximo de cada ventana"),
            CaffeParam(name="kernel_size", value="2"),
            CaffeParam(name="stride", value="2"),
        ),
        note="Reduce a la mitad el alto y el ancho",
        sources=("caffe-layers",),
    ),
    CaffeLayer(
        key="ip1",
        name="ip1",
        kind="InnerProduct",
        bottoms=("pool1",),
        tops=("ip1",),
        block="inner_product_param",
        params=(CaffeParam(name="num_output", value="10", note="Una salida por clase"),),
        note="Capa totalmente conectada",
        sources=("caffe-layers",),
    ),
    CaffeLayer(
        key="loss",
        name="loss",
        kind="SoftmaxWithLoss",
        bottoms=("ip1", "label"),
        tops=("loss",),
        note="Softmax y pérdida logística multinomial en una sola capa",
        sources=("caffe-layers",),
    ),
)

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
ARCHITECTURES = index("ARCHITECTURES", ARCHITECTURES_LIST)
FLOWS = index("FLOWS", FLOWS_LIST)
CAFFE_LAYERS = index("CAFFE_LAYERS", CAFFE_LAYERS_LIST)
ABBREVIATIONS = index("ABBREVIATIONS", ABBREVIATIONS_LIST)

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
    "ARCHITECTURES": ARCHITECTURES_LIST,
    "FLOWS": FLOWS_LIST,
    "COMPUTATION_GRAPH": (COMPUTATION_GRAPH,),
    "CAFFE_LAYERS": CAFFE_LAYERS_LIST,
    "ABBREVIATIONS": ABBREVIATIONS_LIST,
}

check_sources(COLLECTIONS, SOURCES)

# ---------------------------------------------------------------------------
# Self-check questions: the "Autoevaluación" at the end of each section page
# ---------------------------------------------------------------------------
# A FactQuestion takes its answer and distractors from a record the tables show, so it can
# never disagree with them: a data edit changes the question too. A Question is written by
# hand, with its options and its sources. `see` says where the notes explain the answer.
# (Imported here, not at the top, to keep this section apart from the tables' data.)

from .records import FactQuestion, Place, Question, check_questions  # noqa: E402

QUESTIONS_LIST: tuple[Question | FactQuestion, ...] = (
    # Frameworks
    FactQuestion(
        key="framework-declarative",
        page="t3/frameworks.md",
        collection="FRAMEWORKS",
        field="graph_model",
        equals="declarative",
        question="¿Qué framework define las redes de forma declarativa, en ficheros de "
        "configuración en lugar de código?",
        explanation="{name} es el único framework de la tabla que se configura de forma "
        "declarativa: un fichero de texto describe las capas y cómo se conectan.",
        see=Place(label="tab-frameworks"),
    ),
    FactQuestion(
        key="theano-first-release",
        page="t3/frameworks.md",
        collection="FRAMEWORKS",
        item="theano",
        field="first_release",
        distractors="years",
        question="¿En qué año publicó {name} su primera versión?",
        explanation="{name} publicó su primera versión en {answer}. Hoy: {status_note}.",
        see=Place(label="tab-frameworks"),
    ),
    Question(
        key="tf-graph",
        page="t3/frameworks.md",
        question="En el grafo computacional de TensorFlow, ¿qué representan los nodos y las "
        "aristas?",
        options=(
            "Los nodos son operaciones y las aristas, los tensores que pasan de una a otra",
            "Los nodos son tensores y las aristas, operaciones entre tensores",
            "Los nodos son capas de la red y las aristas, sus pesos",
            "Los nodos son dispositivos (CPU o GPU) y las aristas, copias de datos entre ellos",
        ),
        answer="Los nodos son operaciones y las aristas, los tensores que pasan de una a otra",
        explanation="Las notas originales lo decían al revés: cada nodo es una operación "
        "(tf.Operation) y cada arista, un tensor (tf.Tensor), el dato que fluye de una "
        "operación a otra.",
        see=Place(page="t3/frameworks.md", heading="Modelo Computacional de TensorFlow"),
        sources=("tf-whitepaper", "tf-graph"),
    ),
    FactQuestion(
        key="keras-removed-model",
        page="t3/frameworks.md",
        collection="KERAS_MODEL_TYPES",
        field="status",
        equals="removed",
        question="¿Qué forma de construir modelos de Keras ya no existe?",
        explanation="{name}: {description}",
        see=Place(label="tab-keras-model-types"),
    ),
    # Accelerated computing
    FactQuestion(
        key="tpu-v4-hbm",
        page="t3/computacion-acelerada.md",
        collection="TPU_GENERATIONS",
        item="v4",
        field="hbm_per_chip",
        unit="hbm_unit",
        question="¿Cuánta memoria HBM tiene cada chip de la {name}?",
        explanation="Cada chip de la {name} tiene {answer} de HBM, que comparten sus "
        "{tensorcores_per_chip} TensorCores.",
        see=Place(label="tab-tpu-v4-v5e-v5p-v6e-tpu7x"),
    ),
    FactQuestion(
        key="tpu-v2-year",
        page="t3/computacion-acelerada.md",
        collection="TPU_GENERATIONS",
        item="v2",
        field="year",
        distractors="years",
        question="¿En qué año se presentó la {name}?",
        explanation="La {name} es de {answer}; cada chip tiene {tensorcores_per_chip} TensorCores.",
        see=Place(label="tab-tpu-v2-v3"),
    ),
    Question(
        key="gpu-parallelism",
        page="t3/computacion-acelerada.md",
        question="¿Por qué una GPU acelera el entrenamiento de una red neuronal frente a una CPU?",
        options=(
            "Cada uno de sus núcleos es más potente que un núcleo de CPU",
            "Tiene muchísimos núcleos sencillos que hacen a la vez las mismas operaciones "
            "sobre muchos datos",
            "Dedica más transistores a cachés y al control de flujo",
            "Ejecuta el código Python del modelo sin intérprete",
        ),
        answer="Tiene muchísimos núcleos sencillos que hacen a la vez las mismas operaciones "
        "sobre muchos datos",
        explanation="Una GPU dedica sus transistores al cálculo y no a cachés ni al control de "
        "flujo: miles de hilos multiplican en paralelo las matrices y tensores de la red.",
        see=Place(page="t3/computacion-acelerada.md", heading="Diferencias CPU/GPU"),
        sources=("cuda-guide",),
    ),
    Question(
        key="tpu-speedup",
        page="t3/computacion-acelerada.md",
        question="Las notas dicen que, según Google, las TPU son «30x más rápidas» que las GPU "
        "y las CPU. ¿A qué se refiere esa cifra?",
        options=(
            "A cualquier TPU actual frente a cualquier GPU actual",
            "A la primera TPU, que solo hacía inferencia, frente a una GPU y una CPU de su época",
            "Al entrenamiento en una TPU v4 frente a la GPU más rápida de NVIDIA",
        ),
        answer="A la primera TPU, que solo hacía inferencia, frente a una GPU y una CPU de su "
        "época",
        explanation="La cifra viene del artículo de ISCA 2017 sobre la primera TPU: en "
        "inferencia era de media entre 15 y 30 veces más rápida que una GPU NVIDIA K80 o una "
        "CPU Intel Haswell. No compara el hardware actual.",
        see=Place(page="t3/computacion-acelerada.md", heading="¿Por qué utilizar TPUs?"),
        sources=("jouppi-2017-tpu",),
    ),
    # Providers
    FactQuestion(
        key="automl-binomial-sort",
        page="t3/proveedores.md",
        collection="AUTOML_METRICS",
        field="default_sort_for",
        equals="binomial",
        question="¿Con qué métrica ordena H2O AutoML, por defecto, los modelos de una "
        "clasificación binaria?",
        explanation="En una clasificación binaria, la clasificación de AutoML se ordena por "
        "{name} ({description}).",
        see=Place(label="tab-automl-metrics"),
    ),
    Question(
        key="h2o-rapids",
        page="t3/proveedores.md",
        question="En la arquitectura de H2O, ¿qué es Rapids?",
        options=(
            "Un traductor de código C++ a Java",
            "El motor que evalúa en el clúster las expresiones que llegan desde R",
            "La interfaz visual de Driverless AI",
            "El sistema de ficheros distribuido de Hadoop",
        ),
        answer="El motor que evalúa en el clúster las expresiones que llegan desde R",
        explanation="Rapids forma parte de la capa de lenguaje de cada nodo: ejecuta en el "
        "clúster las expresiones que envía el cliente de R. El núcleo de H2O está escrito "
        "en Java.",
        see=Place(page="t3/proveedores.md", heading="H2O.ai"),
        sources=("h2o-architecture",),
    ),
    Question(
        key="driverless-ai",
        page="t3/proveedores.md",
        question="¿Qué es Driverless AI?",
        options=(
            "La interfaz visual gratuita de H2O-3",
            "Una plataforma comercial de AutoML de H2O.ai, distinta de H2O-3",
            "Un servicio de BigML para desplegar deepnets",
        ),
        answer="Una plataforma comercial de AutoML de H2O.ai, distinta de H2O-3",
        explanation="Driverless AI es otra plataforma de H2O.ai, con licencia propia: "
        "automatiza la ingeniería de características, la validación, el ajuste y la "
        "selección de modelos, y se maneja con una interfaz gráfica o desde Python y R.",
        see=Place(page="t3/proveedores.md", heading="Driverless AI"),
        sources=("h2o-driverless-intro",),
    ),
    Question(
        key="bigml-images",
        page="t3/proveedores.md",
        question="¿Pueden hoy las deepnets de BigML aprender de imágenes?",
        options=(
            "No: BigML no admite capas de convolución ni de pooling",
            "Sí: aceptan campos de imagen y los procesan con una red convolucional",
            "Solo si el modelo se exporta antes a H2O",
        ),
        answer="Sí: aceptan campos de imagen y los procesan con una red convolucional",
        explanation="Lo que decían las notas ya no es exacto: las deepnets de BigML aceptan "
        "campos de imagen, con opciones de aumento de datos y de extracción de "
        "características.",
        see=Place(page="t3/proveedores.md", heading="BigML"),
        sources=("bigml-dashboard-deepnets", "bigmler-deepnet"),
    ),
)

QUESTIONS = index("QUESTIONS", QUESTIONS_LIST)

# The collections a FactQuestion may read, by their name here.
FACT_COLLECTIONS = {
    collection.name: collection
    for collection in (
        FRAMEWORKS,
        THEANO_LIBRARIES,
        TF_VS_NUMPY,
        TF_OPERATIONS,
        KERAS_POINTS,
        KERAS_MODEL_TYPES,
        CPU_VS_GPU,
        GPU_PLATFORMS,
        DEVICE_ADVICE,
        TPU_GENERATIONS,
        PROVIDERS,
        DEEPNET_PARAMETERS,
        AUTOML_METRICS,
        ABBREVIATIONS,
    )
}

check_questions(QUESTIONS_LIST, FACT_COLLECTIONS)
# The sources check again, with the written questions' sources among the cited ones.
check_sources({**COLLECTIONS, "QUESTIONS": QUESTIONS_LIST}, SOURCES)
