"""Generated Python packages against tf2openapi's TF Serving stand-in on loopback (test/tfserving-server.ts),
started by test/client-python.test.ts, which puts the packages on sys.path and the addresses in
TF2OPENAPI_STANDIN (JSON: model -> URL, plus "proxy": a proxy that refuses requests without the
expected Host header)."""

import json
import math
import os
from typing import Dict

import pytest

STANDIN: Dict[str, str] = json.loads(os.environ.get("TF2OPENAPI_STANDIN", "{}"))
pytestmark = pytest.mark.skipif(not STANDIN, reason="TF2OPENAPI_STANDIN not set: run through test/client-python.test.ts")
BIG_INT64 = 2**53 + 1


def test_predict_rows_and_columns_nan_and_host_header_through_a_proxy() -> None:
    import half_plus_two_tfserving_client as h

    c = h.Client(STANDIN["proxy"], headers={"Host": "half-plus-two.models.example.com"})
    rows = c.predict("serving_default", [{"x": [1.0]}, {"x": [2]}])
    assert len(rows) == 2 and math.isnan(rows[0]["y"][0])
    cols = c.predict_columns("predict_with_scale", {"x": [[1], [2]], "scale": 3})
    assert len(cols["y"]) == 2
    classes = c.classify("classify_x_to_y", [{"x": 1.5}])
    assert classes[0][0][0] == "0" and math.isnan(classes[0][1][1])
    assert c.regress("regress_x_to_y", [{"x": 1.5}, {"x": 2.5}]) == [1.5, 1.5]
    assert c.metadata()["model_spec"]["name"] == "half_plus_two"
    assert c.status()["model_version_status"][0]["state"] == "AVAILABLE"
    # Without the Host header the proxy refuses, as a cluster ingress would.
    with pytest.raises(h.TfServingError) as refused:
        h.Client(STANDIN["proxy"]).status()
    assert refused.value.status == 404


def test_int64_exact_bytes_as_b64_and_hostile_names() -> None:
    import hostile_names_tfserving_client as hn

    c = hn.Client(STANDIN["hostile_names"], validate=True)
    out = c.predict_columns("sig-x", {"in": [1, BIG_INT64]})["out"]
    assert out[0] == BIG_INT64 and isinstance(out[0], int)
    blobs = c.predict_columns("class", {"in": [b"\x00\xffraw", "text"]})["out_bytes"]
    assert hn.decode_b64(blobs[0]) == b"bytes 0"
    hostile = c.predict('sig "quoted" */ ${x}', [{"in": 1}])
    assert isinstance(hostile[0]["out"], int)
    proto = c.predict_columns("__proto__", {"constructor": [1.5]})
    assert sorted(proto) == ["__proto__", "toString"]


def test_errors_timeouts_network_and_validation_before_sending() -> None:
    import half_plus_two_tfserving_client as h

    url = STANDIN["half_plus_two"]
    with pytest.raises(h.TfServingError) as bad:
        h.Client(url).predict("serving_default", [{"x": ["one"]}])  # type: ignore[call-overload]
    e = bad.value
    assert e.status == 400 and "is not a number" in e.server_message
    assert (e.model, e.signature) == ("half_plus_two", "serving_default")
    with pytest.raises(h.TfServingError) as missing:
        h.Client(url, model="other").status()
    assert missing.value.status == 404
    slow = h.Client(url, timeout=0.05, headers={"x-test-delay-ms": "400"})
    with pytest.raises(h.TfServingTimeoutError):
        slow.status()
    with pytest.raises(h.TfServingNetworkError):
        h.Client("http://127.0.0.1:9").status()
    with pytest.raises(h.TfServingRequestError) as refused:
        h.Client("http://127.0.0.1:9", validate=True).predict("serving_default", [{"x": ["one"]}])  # type: ignore[call-overload]
    assert refused.value.problems[0]["rule"] == "value"
    # A shape the signature contradicts is TF Serving's to accept: refused only when strict.
    with pytest.raises(h.TfServingRequestError) as strict:
        h.Client("http://127.0.0.1:9", validate="strict").predict("serving_default", [{"x": [1, 2]}])
    assert strict.value.problems[0]["rule"] == "shape"
    sent = h.Client(url, validate=True).predict("serving_default", [{"x": [1, 2]}])
    assert list(sent[0]) == ["y"]
    with pytest.raises(ValueError, match="not a classify signature"):
        h.Client(url).classify("serving_default", [{"x": 1}])  # type: ignore[arg-type]


def test_version_and_label_pins() -> None:
    import no_default_tfserving_client as nd

    url = STANDIN["no_default"]
    assert nd.Client(url, version=3).predict_columns("embed", {"text": ["a"]})
    assert nd.Client(url, label="canary").predict("score", [{"text": "a"}])
    with pytest.raises(ValueError):
        nd.Client(url, version=1, label="canary")
