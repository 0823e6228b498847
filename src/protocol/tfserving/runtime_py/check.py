"""One request body against one model, at two levels, as tf2openapi's TypeScript checker (check.ts):
an error is what TF Serving refuses (json_tensor.cc, http_rest_api_handler.cc, predict_util.cc,
classifier.cc, regressor.cc, util.cc); a warning is what it accepts but the signature contradicts.
The same given/want table drives both runtimes' tests."""

from __future__ import annotations

import json
import math
import re
import struct
from typing import Dict, List, Optional, Tuple, TypedDict, Union, cast

from ._json import INT64_MIN, UINT64_MAX, JObject, JsonSyntaxError, Num, JValue, parse_document, parse_quick
from .contract import (
    BASE64_PATTERN,
    DEFAULT_SIGNATURE,
    FLOAT32_MAX,
    INT_RANGES,
    FeatureSpec,
    JsonValue,
    ModelContract,
    SignatureContract,
    TensorJson,
    instance_shape,
)


class Problem(TypedDict):
    level: str
    rule: str
    pointer: str
    message: str


class CheckResult(TypedDict):
    signature: str
    problems: List[Problem]


# Past this many problems the rest are counted, not listed.
MAX_PROBLEMS = 100
_BASE64 = re.compile(BASE64_PATTERN)
_METHOD_NAMES = {
    "predict": "tensorflow/serving/predict",
    "classify": "tensorflow/serving/classify",
    "regress": "tensorflow/serving/regress",
}
_FEATURE_KIND = {"DT_FLOAT": "float", "DT_INT64": "int64", "DT_STRING": "bytes"}


def q(s: str) -> str:
    """A name quoted as JSON writes it (the TypeScript checker's messages)."""
    return json.dumps(s, ensure_ascii=False)


def escape_pointer(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def pointer(*segments: Union[str, int]) -> str:
    return "".join("/" + escape_pointer(str(s)) for s in segments)


def _fround(x: float) -> float:
    return float(struct.unpack("f", struct.pack("f", x))[0])


def _js_number(x: float) -> str:
    """A double as JavaScript's String(x) writes it, for messages shared with the TypeScript checker."""
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    r = repr(x)
    if "e" in r:
        mant, exp = r.split("e")
        return f"{mant}e{'+' if not exp.startswith('-') else '-'}{exp.lstrip('+-').lstrip('0') or '0'}"
    return r


def _num(v: JValue) -> Optional[Num]:
    """The full view of a number: a Num as read exactly, or a Python number of the quick reading (an
    int written as an integer, a float with a fraction or exponent: rapidjson's IsDouble)."""
    if isinstance(v, Num):
        return v
    if isinstance(v, bool):
        return None
    if isinstance(v, float):
        return Num(_js_number(v), v, True)
    if isinstance(v, int):
        return Num(str(v), float(v), v < INT64_MIN or v > UINT64_MAX)
    return None


def _show(v: JValue) -> str:
    n = _num(v)
    if n is not None:
        return n.text
    if isinstance(v, JObject):
        return "an object"
    if isinstance(v, list):
        return "a list"
    return json.dumps(v, ensure_ascii=False)


def _is_b64(v: JValue) -> bool:
    return isinstance(v, JObject) and len(v.entries) == 1 and v.entries[0][0] == "b64" and isinstance(v.entries[0][1], str)


def _b64_text(v: JValue) -> str:
    assert isinstance(v, JObject)
    text = v.entries[0][1]
    assert isinstance(text, str)
    return text


class _Checker:
    def __init__(self) -> None:
        self.problems: List[Problem] = []
        self.dropped = 0
        self.errors = 0

    def add(self, level: str, rule: str, ptr: str, message: str) -> None:
        if level == "error":
            self.errors += 1
        if len(self.problems) >= MAX_PROBLEMS:
            self.dropped += 1
        else:
            self.problems.append({"level": level, "rule": rule, "pointer": ptr, "message": message})

    def error(self, rule: str, ptr: str, message: str) -> None:
        self.add("error", rule, ptr, message)

    def warn(self, rule: str, ptr: str, message: str) -> None:
        self.add("warning", rule, ptr, message)

    def leaf(self, v: JValue, t: TensorJson, ptr: str) -> None:
        """One tensor element: json_tensor.cc AddValueToTensor, and base64 objects for DT_STRING."""
        value = t["value"]
        dtype = value["dtype"]
        kind = value["kind"]

        def bad(what: str) -> None:
            self.error("value", ptr, f"{_show(v)} is not {what}, which TF Serving requires for {t['alias']} ({dtype})")

        if isinstance(v, JObject):
            if kind != "string":
                return bad("a number, boolean or string as the dtype needs")
            if not _is_b64(v):
                return self.error("base64", ptr, 'an object in a DT_STRING tensor must be {"b64": "<base64>"} with no other key')
            if not _BASE64.match(_b64_text(v)):
                self.error("base64", f"{ptr}/b64", "is not base64 (standard alphabet, padding optional): TF Serving cannot decode it")
            return
        if kind == "number":
            x = _num(v)
            if x is None:
                return bad("a number")
            if dtype == "DT_FLOAT" and math.isfinite(x.value):
                if abs(x.value) > FLOAT32_MAX:
                    sign = "" if x.value > 0 else "-"
                    self.warn("narrowed", ptr, f"{x.text} is beyond float32: TF Serving feeds it as {sign}Infinity")
                elif not x.is_double and _fround(x.value) != x.value:
                    self.warn("narrowed", ptr, f"{x.text} has no exact float32: TF Serving feeds {_js_number(_fround(x.value))}")
            return
        if kind == "integer":
            # rapidjson's IsInt/IsUint/IsInt64/IsUint64: written without fraction or exponent, in range.
            wide = dtype if dtype in ("DT_INT64", "DT_UINT32", "DT_UINT64") else "DT_INT32"
            lo, hi = INT_RANGES[wide]
            whole = _num(v)
            if whole is None or whole.is_double:
                return bad("an integer written without fraction or exponent")
            n = int(whole.text)
            if n < lo or n > hi:
                return bad("a 32-bit integer" if wide == "DT_INT32" else f"within {wide}'s range")
            mn, mx = INT_RANGES[dtype]
            if n < mn or n > mx:
                self.warn(
                    "narrowed",
                    ptr,
                    f"{whole.text} is out of {dtype}'s range [{mn}, {mx}]: TF Serving reads it as int32 and narrows it silently",
                )
            return
        if kind == "boolean":
            if not isinstance(v, bool):
                bad("true or false")
            return
        if not isinstance(v, str):
            return bad('a string or {"b64": …}')
        if value.get("bytesOnly"):
            self.warn(
                "bytes-as-text",
                ptr,
                f"{t['alias']} ends in _bytes (binary by convention) and gets text: TF Serving feeds the text's UTF-8 bytes",
            )

    def tensor(self, v: JValue, t: TensorJson, ptr: str) -> Optional[List[int]]:
        """A tensor value as json_tensor.cc reads it: the shape along the first elements, every list
        then of that length, all values at the same depth. None after an error."""
        shape: List[int] = []
        x = v
        while isinstance(x, list):
            shape.append(len(x))
            if not x:
                break
            x = x[0]
        before = self.errors
        value = t["value"]
        # Iterative, with the path kept as indexes: pointers are built only for a problem.
        path: List[int] = []

        def at() -> str:
            return ptr + "".join(f"/{i}" for i in path)

        def walk(x: JValue, level: int) -> None:
            if not isinstance(x, list):
                if level != len(shape):
                    return self.error("ragged", at(), f"a value at depth {level} where the first values are at depth {len(shape)}")
                if not _fine(x, value):
                    self.leaf(x, t, at())
                return
            if level >= len(shape):
                return self.error("ragged", at(), f"a list at depth {level} where the first values are at depth {len(shape)}")
            if len(x) != shape[level]:
                return self.error("ragged", at(), f"{len(x)} items where the first list at depth {level} has {shape[level]}")
            if level + 1 == len(shape) and _all_fine(x, value):
                return
            for i, item in enumerate(x):
                path.append(i)
                walk(item, level + 1)
                path.pop()

        walk(v, 0)
        return None if self.errors > before else shape

    def contract_shape(self, shape: List[int], dims: Optional[List[int]], t: TensorJson, ptr: str, what: str) -> None:
        """The signature's shape as a contract: TF Serving never compares, the model may refuse."""
        if dims is None:
            return
        declared_shape = t["shape"] or []
        declared = f"the signature declares {t['alias']} as [{', '.join(map(str, declared_shape))}]"
        if t["shape"] is None or len(dims) != len(t["shape"]):
            declared += f", each instance [{', '.join(map(str, dims))}]"
        if len(shape) != len(dims):
            return self.warn("shape", ptr, f"{what} has rank {len(shape)}; {declared}")
        for d, want in enumerate(dims):
            if want >= 0 and shape[d] != want:
                return self.warn("shape", ptr, f"{what} has {shape[d]} items in dimension {d}; {declared}")


def _all_fine(items: List[JValue], value: JsonValue) -> bool:
    """`_fine` for every item of an innermost list; a list of the quick reading's floats decided in C."""
    if value["kind"] == "number" and items and set(map(type, items)) == {float}:
        # Written with a fraction or exponent, finite: only float32's range matters.
        floats = cast(List[float], items)
        return value["dtype"] != "DT_FLOAT" or (max(floats) <= FLOAT32_MAX and min(floats) >= -FLOAT32_MAX)
    return all(_fine(item, value) for item in items)


def _fine(v: JValue, value: JsonValue) -> bool:
    """The common case, decided without building anything: a value `leaf` would find no fault in."""
    kind = value["kind"]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        # The quick reading's numbers: a float is a double to rapidjson, an int (within 64 bits) is not.
        if kind == "number":
            x = float(v)
            return value["dtype"] != "DT_FLOAT" or (abs(x) <= FLOAT32_MAX and (isinstance(v, float) or _fround(x) == x))
        if kind == "integer":
            return isinstance(v, int) and abs(v) < 2**53 and value.get("min", -math.inf) <= v <= value.get("max", math.inf)
        return False
    if kind == "number":
        if not isinstance(v, Num):
            return False
        if value["dtype"] != "DT_FLOAT" or not math.isfinite(v.value):
            return True
        return abs(v.value) <= FLOAT32_MAX and (v.is_double or _fround(v.value) == v.value)
    if kind == "integer":
        if not isinstance(v, Num) or v.is_double:
            return False
        n = int(v.text)
        # Past 2^53 the contract's bounds (JSON numbers) are inexact: leaf decides with exact ones.
        return abs(n) < 2**53 and value.get("min", -math.inf) <= n <= value.get("max", math.inf)
    if kind == "boolean":
        return isinstance(v, bool)
    return isinstance(v, str) and not value.get("bytesOnly")


def _resolve_signature(body: JObject, model: ModelContract, method: str, override: Optional[str], c: _Checker) -> Optional[SignatureContract]:
    named = body.get("signature_name")
    has_named = body.has("signature_name")
    if has_named and not isinstance(named, str):
        c.error("signature-name", "/signature_name", "'signature_name' must be a string")
        return None
    # An empty name is the default, as TF Serving reads it (GetInfoMap, GetClassificationSignatureDef).
    key = (named if isinstance(named, str) else override if override is not None else "") or DEFAULT_SIGNATURE
    at = "/signature_name" if has_named else ""

    def listed(m: str) -> str:
        return ", ".join(q(s["key"]) for s in model["signatures"] if m in s["endpoints"]) or "none"

    sig = next((s for s in model["signatures"] if s["key"] == key), None)
    if sig is None:
        skipped = next((s for s in model["skipped"] if s["key"] == key), None)
        if skipped is not None:
            c.error("not-servable", at, f"signature {q(key)} cannot be served over REST: {skipped['reason']}")
        else:
            what = f"no signature {q(key)}" if named or override else "the model has no serving_default signature: name one"
            c.error("no-signature", at, f"{what}; signatures for :{method}: {listed(method)}")
        return None
    if method not in sig["endpoints"]:
        why = sig.get("ineligible", {}).get(method, "not eligible")
        c.error("endpoint", at, f"TF Serving cannot run signature {q(key)} on :{method}: {why}")
        return None
    allowed = list(_METHOD_NAMES.values()) if method == "predict" else [_METHOD_NAMES[method]]
    if sig["methodName"] not in allowed:
        c.warn(
            "method-name",
            at,
            f"signature {q(key)} declares method {q(sig['methodName'])}: servers started with --enable_signature_method_name_check refuse it on :{method}",
        )
    return sig


def _ignored_keys(body: JObject, known: List[str], c: _Checker) -> None:
    for k, _ in body.entries:
        if k not in known:
            c.warn("ignored-key", pointer(k), f"TF Serving ignores this key (it reads {', '.join(q(a) for a in known)})")


def _check_rows(instances: JValue, sig: SignatureContract, c: _Checker) -> None:
    if not isinstance(instances, list):
        return c.error("instances", "/instances", "'instances' must be a list")
    if not instances:
        return c.error("instances", "/instances", "'instances' must hold at least one instance")
    aliases = [t["alias"] for t in sig["inputs"]]
    listed = ", ".join(q(a) for a in aliases)
    first = instances[0]
    if not isinstance(first, JObject) and len(aliases) > 1:
        return c.error(
            "instances",
            "/instances/0",
            f"a plain list of instances feeds one input; signature {q(sig['key'])} has {len(aliases)}: give objects keyed by {listed}",
        )
    as_objects = isinstance(first, JObject) and not _is_b64(first)
    if not as_objects and len(aliases) > 1:
        return c.error("instances", "/instances/0", f"instances must be objects keyed by {listed}")
    first_shape: Dict[str, List[int]] = {}
    for i, inst in enumerate(instances):
        p = f"/instances/{i}"
        values: List[Tuple[TensorJson, JValue, str]] = []
        if as_objects:
            if not isinstance(inst, JObject) or _is_b64(inst):
                c.error("instances", p, "expected an object like the first instance")
                continue
            for k, v in inst.entries:
                t = next((x for x in sig["inputs"] if x["alias"] == k), None)
                if t is None:
                    c.error("input-keys", pointer("instances", i, k), f"signature {q(sig['key'])} has no input {q(k)}")
                else:
                    values.append((t, v, pointer("instances", i, k)))
            for t in sig["inputs"]:
                if not inst.has(t["alias"]):
                    c.error("input-keys", p, f"missing input {q(t['alias'])}: every instance needs every input")
        else:
            if isinstance(inst, JObject) and not _is_b64(inst):
                c.error("instances", p, "expected a value or list like the first instance, got an object")
                continue
            values.append((sig["inputs"][0], inst, p))
        for t, v, vp in values:
            shape = c.tensor(v, t, vp)
            if shape is None:
                continue
            seen = first_shape.get(t["alias"])
            if seen is None:
                first_shape[t["alias"]] = shape
                c.contract_shape(shape, instance_shape(t["shape"]), t, vp, "each instance")
            elif seen != shape:
                c.error(
                    "instance-shape",
                    vp,
                    f"shape [{', '.join(map(str, shape))}] differs from the first instance's [{', '.join(map(str, seen))}] for input {q(t['alias'])}",
                )
    if not sig["rowFormat"]:
        scalar = next((t for t in sig["inputs"] if t["shape"] is not None and len(t["shape"]) == 0), None)
        c.warn(
            "shape",
            "/instances",
            f"input {q(scalar['alias'])} is a scalar: TF Serving stacks instances into a batch of {len(instances)}, which the model may refuse; send \"inputs\""
            if scalar
            else 'the inputs fix different batch sizes, so no one count of instances fits them all; send "inputs"',
        )
    elif "batch" in sig and len(instances) != sig["batch"]:
        c.warn("batch", "/instances", f"{len(instances)} instances; the signature fixes the batch at {sig['batch']}")
    if not sig["rowResponse"]:
        bad = next((t for t in sig["outputs"] if t["shape"] is not None and len(t["shape"]) == 0), None)
        why = f"output {q(bad['alias'])} is a scalar" if bad else "the outputs fix different batch sizes"
        c.error(
            "row-response",
            "/instances",
            f'TF Serving answers "instances" with "predictions" per instance and fails after the run: {why}; send "inputs"',
        )


def _check_columns(inputs: JValue, sig: SignatureContract, c: _Checker) -> None:
    tensors: List[Tuple[TensorJson, JValue, str]] = []
    aliases = [t["alias"] for t in sig["inputs"]]
    if not isinstance(inputs, JObject) or _is_b64(inputs):
        if len(aliases) > 1:
            listed = ", ".join(q(a) for a in aliases)
            return c.error(
                "format",
                "/inputs",
                f"a plain value feeds one input; signature {q(sig['key'])} has {len(aliases)}: give an object keyed by {listed}",
            )
        tensors.append((sig["inputs"][0], inputs, "/inputs"))
    else:
        for k, _ in inputs.entries:
            if k not in aliases:
                c.warn("ignored-key", pointer("inputs", k), f"signature {q(sig['key'])} has no input {q(k)}: TF Serving ignores it")
        for t in sig["inputs"]:
            if not inputs.has(t["alias"]):
                c.error("input-keys", "/inputs", f"missing input {q(t['alias'])}")
            else:
                tensors.append((t, inputs.get(t["alias"]), pointer("inputs", t["alias"])))
    batch: Optional[Tuple[int, str]] = None
    for t, v, p in tensors:
        shape = c.tensor(v, t, p)
        if shape is None:
            continue
        c.contract_shape(shape, t["shape"], t, p, "the tensor")
        # Inputs batched along dimension 0 are expected to agree; TF Serving does not check it.
        if t["shape"] is None or len(t["shape"]) == 0 or t["shape"][0] != -1 or len(shape) == 0:
            continue
        if batch is None:
            batch = (shape[0], t["alias"])
        elif shape[0] != batch[0]:
            c.warn("batch", p, f"batch of {shape[0]}; input {q(batch[1])} has {batch[0]}")


def _check_predict(body: JObject, sig: SignatureContract, c: _Checker) -> None:
    _ignored_keys(body, ["signature_name", "instances", "inputs"], c)
    has_rows, has_columns = body.has("instances"), body.has("inputs")
    if has_rows and has_columns:
        return c.error("format", "", "give one of 'instances' (row format) and 'inputs' (columnar), not both")
    if has_rows:
        return _check_rows(body.get("instances"), sig, c)
    if has_columns:
        return _check_columns(body.get("inputs"), sig, c)
    c.error("format", "", "missing 'instances' (row format) or 'inputs' (columnar format)")


_Kinds = Dict[str, Tuple[Optional[str], int]]


def _check_feature_map(v: JValue, p: str, c: _Checker) -> Optional[_Kinds]:
    """A feature map (json_tensor.cc MakeExampleFromJsonObject): each feature's kind and count."""
    if not isinstance(v, JObject):
        c.error("examples", p, f"must be an object of features (name → value or list of values), got {_show(v)}")
        return None
    out: _Kinds = {}
    for name, content in v.entries:
        fp = p + pointer(name)
        items = content if isinstance(content, list) else [content]
        kind: Optional[str] = None
        for i, item in enumerate(items):
            ip = f"{fp}/{i}" if isinstance(content, list) else fp
            if isinstance(item, bool):
                k = "int64"
            elif isinstance(item, str):
                k = "bytes"
            elif _is_b64(item):
                k = "bytes"
                if not _BASE64.match(_b64_text(item)):
                    c.error("base64", f"{ip}/b64", "is not base64 (standard alphabet, padding optional): TF Serving cannot decode it")
            elif (n := _num(item)) is not None:
                if n.is_double:
                    k = "float"
                    if math.isfinite(n.value) and abs(n.value) > FLOAT32_MAX:
                        c.warn("narrowed", ip, f"{n.text} is beyond float32: the feature holds Infinity")
                else:
                    k = "int64"
                    if int(n.text) > 2**63 - 1:
                        c.error("feature", ip, f"{n.text} is a uint64: features hold int64 only")
                        continue
            else:
                c.error("feature", ip, f"a feature value must be a number, string, boolean or {{\"b64\": …}}, got {_show(item)}")
                continue
            if kind is not None and k != kind:
                c.error("feature", ip, f"feature {q(name)} mixes {kind} and {k} values: one list holds one kind")
                continue
            kind = kind or k
        out[name] = (kind, len(items))
    return out


def _check_parsed(features: List[FeatureSpec], got: _Kinds, context: Optional[_Kinds], p: str, c: _Checker) -> None:
    """What the graph's ParseExample expects of each example (context features fill in)."""
    for f in features:
        have = got.get(f["name"]) or (context or {}).get(f["name"])
        if have is None:
            if f["required"]:
                c.warn(
                    "parsed-feature",
                    p,
                    f"missing feature {q(f['name'])} ({f['dtype']}), which the model parses with no default: the model fails",
                )
            continue
        kind, count = have
        want = _FEATURE_KIND.get(f["dtype"])
        fp = p + pointer(f["name"])
        if kind and want and kind != want:
            hint = " (write 1.0, not 1)" if want == "float" and kind == "int64" else ""
            article = "an" if kind == "int64" else "a"
            c.warn("parsed-feature", fp, f"feature {q(f['name'])} is {f['dtype']} in the model; these values make {article} {kind} list{hint}")
        if f["kind"] == "dense":
            need = math.prod(f.get("shape", []))
            if count != need:
                shape = ", ".join(map(str, f.get("shape", [])))
                c.warn("parsed-feature", fp, f"feature {q(f['name'])} needs exactly {need} value(s) (shape [{shape}]), got {count}")


def _check_examples(body: JObject, sig: SignatureContract, method: str, c: _Checker) -> None:
    _ignored_keys(body, ["signature_name", "context", "examples"], c)
    context = _check_feature_map(body.get("context"), "/context", c) if body.has("context") else None
    if not body.has("examples"):
        return c.error("examples", "", f"missing 'examples': :{method} takes a list of feature objects")
    examples = body.get("examples")
    if not isinstance(examples, list):
        return c.error("examples", "/examples", "'examples' must be a list")
    if not examples:
        return c.error("examples", "/examples", "'examples' must hold at least one example")
    for i, e in enumerate(examples):
        before = c.errors
        found = _check_feature_map(e, f"/examples/{i}", c)
        # What the model makes of an example is worth saying only of one TF Serving accepts.
        if found is not None and "features" in sig and c.errors == before:
            _check_parsed(sig["features"], found, context, f"/examples/{i}", c)


def check_request(body: str, model: ModelContract, method: str, signature: Optional[str] = None) -> CheckResult:
    """Checks a request body (JSON text) sent to `:<method>` of the model, `signature` standing for the
    signature_name the body leaves out."""
    # Most bodies are read quickly and found sound; a problem is reported from the exact reading,
    # whose number texts are as written.
    quick = parse_quick(body)
    if quick is not None:
        result = _check_value(quick, model, method, signature, _Checker())
        if not result["problems"]:
            return result
    c = _Checker()
    try:
        value, end = parse_document(body)
        if body[end:].strip(" \n\r\t") != "":
            c.warn(
                "trailing-text",
                "",
                f"text after the JSON value (offset {end}): TF Serving stops reading at the end of the value and ignores it",
            )
    except JsonSyntaxError as e:
        c.error("parse", "", f"not JSON as TF Serving reads it: {e}")
        return {"signature": "", "problems": c.problems}
    return _check_value(value, model, method, signature, c)


def _check_value(value: JValue, model: ModelContract, method: str, signature: Optional[str], c: _Checker) -> CheckResult:
    if not isinstance(value, JObject):
        c.error("not-object", "", f"the request must be a JSON object, got {_show(value)}")
        return {"signature": "", "problems": c.problems}
    sig = _resolve_signature(value, model, method, signature, c)
    if sig is not None:
        if method == "predict":
            _check_predict(value, sig, c)
        else:
            _check_examples(value, sig, method, c)
    if c.dropped:
        listed_errors = sum(1 for p in c.problems if p["level"] == "error")
        c.problems.append(
            {
                "level": "error" if c.errors > listed_errors else "warning",
                "rule": "truncated",
                "pointer": "",
                "message": f"{c.dropped} more problem(s) not listed",
            }
        )
    return {"signature": sig["key"] if sig else "", "problems": c.problems}


def accepted(result: CheckResult, strict: bool = False) -> bool:
    """True when TF Serving would accept the request (warnings allowed unless `strict`)."""
    return not any(p["level"] == "error" or strict for p in result["problems"])
