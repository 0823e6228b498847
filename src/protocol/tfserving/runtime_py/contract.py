"""What one model's signatures look like to TF Serving's REST API: the contract tf2openapi derives
from the SavedModel (the TypeScript runtime's contract.ts, as Python types and constants)."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional, Tuple, TypedDict

Method = Literal["predict", "classify", "regress"]


# Optional keys through total=False bases: typing.NotRequired is Python 3.11+.
class _JsonValueOptional(TypedDict, total=False):
    min: float
    max: float
    beyondSafe: bool
    bytesOnly: bool


class JsonValue(_JsonValueOptional):
    """The JSON value one tensor element becomes: kind number, integer, boolean or string."""

    kind: str
    dtype: str


class TensorJson(TypedDict):
    alias: str
    dtype: str
    value: JsonValue
    shape: Optional[List[int]]


class _FeatureSpecOptional(TypedDict, total=False):
    shape: List[int]


class FeatureSpec(_FeatureSpecOptional):
    name: str
    dtype: str
    kind: str
    required: bool


class _SignatureOptional(TypedDict, total=False):
    ineligible: Dict[str, str]
    batch: int
    features: List[FeatureSpec]


class SignatureContract(_SignatureOptional):
    key: str
    methodName: str
    isDefault: bool
    inputs: List[TensorJson]
    outputs: List[TensorJson]
    endpoints: List[str]
    rowFormat: bool
    rowResponse: bool


class Skipped(TypedDict):
    key: str
    reason: str


class ModelContract(TypedDict):
    name: str
    signatures: List[SignatureContract]
    skipped: List[Skipped]
    hasDefault: bool


DEFAULT_SIGNATURE = "serving_default"
BYTES_SUFFIX = "_bytes"
FLOAT32_MAX = 3.4028234663852886e38
INT_RANGES: Dict[str, Tuple[int, int]] = {
    "DT_INT8": (-128, 127),
    "DT_UINT8": (0, 255),
    "DT_INT16": (-32768, 32767),
    "DT_INT32": (-(2**31), 2**31 - 1),
    "DT_UINT32": (0, 2**32 - 1),
    "DT_INT64": (-(2**63), 2**63 - 1),
    "DT_UINT64": (0, 2**64 - 1),
}
# Standard base64 alphabet, padding optional (absl::Base64Unescape, which json_tensor.cc calls).
BASE64_PATTERN = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$"


def instance_shape(shape: Optional[List[int]]) -> Optional[List[int]]:
    """Dimensions of one row-format instance: the tensor without its batch dimension."""
    return None if shape is None else shape[1:]
