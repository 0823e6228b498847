"""The runtime of every generated TF Serving client for Python: requests, response decoding, errors
and the request check. Standard library only. The same behaviour as the TypeScript runtime
(client.ts): outputs always keyed by alias, NaN/Infinity and int64 read as TF Serving writes them,
binary values as {"b64": ...}."""

from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, TypedDict, Union

from .check import Problem, check_request
from .contract import ModelContract, SignatureContract


class B64(TypedDict):
    """Binary data as TF Serving carries it in JSON."""

    b64: str


# A DT_STRING input element: text, raw bytes (sent as {"b64": ...}) or an already encoded B64.
Bytes = Union[str, bytes, B64]
# A tf.Example as JSON: feature name -> value or list of values.
FeatureValue = Union[float, str, bool, bytes, B64]
Example = Mapping[str, Union[FeatureValue, Sequence[FeatureValue]]]

# Tensors of unknown rank: any nesting. Inputs take any sequence; outputs are the lists json reads.
NestedFloat = Union[float, Sequence["NestedFloat"]]
NestedInt = Union[int, Sequence["NestedInt"]]
NestedBool = Union[bool, Sequence["NestedBool"]]
NestedBytes = Union[Bytes, Sequence["NestedBytes"]]
NestedFloatOut = Union[float, List["NestedFloatOut"]]
NestedIntOut = Union[int, List["NestedIntOut"]]
NestedBoolOut = Union[bool, List["NestedBoolOut"]]
NestedStrOut = Union[str, List["NestedStrOut"]]
NestedB64Out = Union[B64, List["NestedB64Out"]]


class TfServingError(Exception):
    """TF Serving answered with an error status."""

    def __init__(self, status: int, server_message: str, model: str, signature: Optional[str]) -> None:
        at = f", signature {json.dumps(signature)}" if signature else ""
        super().__init__(f"TF Serving {status} for model {json.dumps(model)}{at}: {server_message}")
        self.status = status
        self.server_message = server_message
        self.model = model
        self.signature = signature


class TfServingTimeoutError(Exception):
    """No answer within the timeout."""


class TfServingNetworkError(Exception):
    """The request never got an HTTP answer (DNS, refused connection, reset)."""


class TfServingRequestError(ValueError):
    """TF Serving would refuse this request (raised only with `validate`)."""

    def __init__(self, problems: List[Problem]) -> None:
        listed = "; ".join(f"{p['pointer'] or '/'}: {p['message']}" for p in problems)
        super().__init__(f"TF Serving would refuse this request: {listed}")
        self.problems = problems


def decode_b64(value: B64) -> bytes:
    """Decodes a {"b64": ...} value TF Serving returns for an output whose alias ends in _bytes."""
    text = value["b64"]
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _encode(value: object) -> object:
    """json.dumps' fallback: bytes become {"b64": ...}; nothing else is serialisable."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"b64": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def write_json(body: object) -> str:
    """A request body as TF Serving reads it: NaN/Infinity as bare tokens, ints exact, bytes as b64.
    json.dumps with its default arguments first: measurably the fastest path for 1e6 floats; a body
    holding bytes is written again with the b64 fallback."""
    try:
        return json.dumps(body)
    except TypeError:
        return json.dumps(body, default=_encode)


def server_message(text: str) -> str:
    """The server's message in an error answer: {"error": ...}, else the text."""
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    if isinstance(parsed, dict) and parsed.get("error") is not None:
        return str(parsed["error"])
    return text


def _float_features(example: object, floats: frozenset[str]) -> object:
    """TF Serving makes 1 an int64_list and 1.0 a float_list: ints of float features as floats."""
    if not floats or not isinstance(example, Mapping):
        return example

    def one(v: object) -> object:
        return float(v) if isinstance(v, int) and not isinstance(v, bool) else v

    return {k: ([one(x) for x in v] if isinstance(v, list) else one(v)) if k in floats else v for k, v in example.items()}


class TfServingClient:
    """The untyped client over a model contract; each package subclasses it with the model's types."""

    def __init__(
        self,
        contract: ModelContract,
        base_url: str,
        *,
        model: Optional[str] = None,
        version: Optional[Union[int, str]] = None,
        label: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: Optional[float] = None,
        validate: Union[bool, str] = False,
    ) -> None:
        """`base_url` e.g. http://localhost:8501 or the cluster ingress address; `headers` go with every
        request (auth, or `Host` for a KServe service behind the ingress); `timeout` in seconds per
        request; `validate` checks requests first: True refuses what TF Serving would refuse,
        "strict" also what the signature contradicts."""
        if version is not None and label is not None:
            raise ValueError("give version or label, not both")
        if validate not in (True, False, "strict"):
            raise ValueError('validate is True, False or "strict"')
        self.contract = contract
        self.model = model if model is not None else contract["name"]
        pin = ""
        if version is not None:
            pin = "/versions/" + urllib.parse.quote(str(version), safe="")
        elif label is not None:
            pin = "/labels/" + urllib.parse.quote(label, safe="")
        self.base = f"{base_url.rstrip('/')}/v1/models/{urllib.parse.quote(self.model, safe='')}{pin}"
        self.headers = dict(headers or {})
        self.timeout = timeout
        self.validate = validate

    def _rows(self, signature: str, instances: Sequence[object], timeout: Optional[float]) -> Any:
        """Row format: one object per instance in, one object per instance out."""
        sig = self._signature(signature, "predict")
        body = self._post("predict", sig, self._with_signature(sig, {"instances": instances}), timeout)
        return [self._by_output(sig, row) for row in body.get("predictions") or []]

    def _columns(self, signature: str, inputs: Mapping[str, object], timeout: Optional[float]) -> Any:
        """Columnar format: each input as a whole tensor in, each output as a whole tensor out."""
        sig = self._signature(signature, "predict")
        body = self._post("predict", sig, self._with_signature(sig, {"inputs": inputs}), timeout)
        return self._by_output(sig, body.get("outputs"))

    def _examples(self, method: str, signature: str, examples: Sequence[object], context: Optional[object], timeout: Optional[float]) -> Any:
        """classify: per example, [label, score] pairs; regress: per example, the value."""
        sig = self._signature(signature, method)
        floats = frozenset(f["name"] for f in sig.get("features", []) if f["dtype"] == "DT_FLOAT")
        request: Dict[str, object] = {}
        if context is not None:
            request["context"] = _float_features(context, floats)
        request["examples"] = [_float_features(e, floats) for e in examples]
        results = self._post(method, sig, self._with_signature(sig, request), timeout).get("results") or []
        if method == "classify":
            return [[(label, score) for label, score in pairs] for pairs in results]
        return results

    def metadata(self, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """GET .../metadata: the model spec and its signature_def map."""
        answer: Dict[str, Any] = self._send("/metadata", "GET", None, None, timeout)
        return answer

    def status(self, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """GET the model's (or the pinned version's) status: model_version_status."""
        answer: Dict[str, Any] = self._send("", "GET", None, None, timeout)
        return answer

    def _signature(self, key: str, method: str) -> SignatureContract:
        for sig in self.contract["signatures"]:
            if sig["key"] == key and method in sig["endpoints"]:
                return sig
        raise ValueError(f"{json.dumps(key)} is not a {method} signature of {json.dumps(self.contract['name'])}")

    @staticmethod
    def _with_signature(sig: SignatureContract, body: Dict[str, object]) -> Dict[str, object]:
        return body if sig["isDefault"] else {"signature_name": sig["key"], **body}

    @staticmethod
    def _by_output(sig: SignatureContract, value: object) -> Dict[str, Any]:
        """One output is written bare by TF Serving, several keyed by alias: always keyed here."""
        outputs = sig["outputs"]
        if len(outputs) == 1:
            return {outputs[0]["alias"]: value}
        named = value if isinstance(value, dict) else {}
        return {t["alias"]: named.get(t["alias"]) for t in outputs}

    def _post(self, method: str, sig: SignatureContract, body: object, timeout: Optional[float]) -> Dict[str, Any]:
        text = write_json(body)
        if self.validate:
            strict = self.validate == "strict"
            problems = check_request(text, self.contract, method)["problems"]
            refused = [p for p in problems if strict or p["level"] == "error"]
            if refused:
                raise TfServingRequestError(refused)
        answer: Dict[str, Any] = self._send(f":{method}", "POST", text.encode("utf-8"), sig["key"], timeout)
        return answer

    def _send(self, path: str, method: str, body: Optional[bytes], signature: Optional[str], timeout: Optional[float]) -> Any:
        url = self.base + path
        headers = dict(self.headers)
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        wait = timeout if timeout is not None else self.timeout
        status, text = _exchange(request, wait)
        if status >= 400:
            raise TfServingError(status, server_message(text), self.model, signature)
        # TF Serving writes NaN, Infinity and -Infinity as bare tokens, which json reads; ints stay exact.
        return json.loads(text)


def _exchange(request: urllib.request.Request, timeout: Optional[float]) -> Tuple[int, str]:
    what = f"{request.get_method()} {request.full_url}"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return int(answer.status), answer.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return int(e.code), e.read().decode("utf-8", "replace")
    except (socket.timeout, TimeoutError) as e:
        raise TfServingTimeoutError(f"no answer from {request.full_url} within {timeout} s") from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, (socket.timeout, TimeoutError)):
            raise TfServingTimeoutError(f"no answer from {request.full_url} within {timeout} s") from e
        raise TfServingNetworkError(f"{what}: {e.reason}") from e
    except (ConnectionError, OSError) as e:
        raise TfServingNetworkError(f"{what}: {e}") from e
