# Type-level tests of generated Python packages, run by test/client-python.test.ts with mypy --strict
# (never executed): each `# type: ignore[code]` must be needed, or --warn-unused-ignores fails the run.
# With several signatures a wrong call matches no overload (call-overload); with one, the argument's
# own code shows.
from typing import List, Tuple

import half_plus_two_tfserving_client as h
import hostile_names_tfserving_client as hn
from half_plus_two_tfserving_client import Client, TfServingError


def type_tests() -> None:
    c = Client("http://localhost:8501", timeout=2.5, headers={"Host": "half-plus-two.default.example.com"})
    rows = c.predict("serving_default", [{"x": [1.0]}, {"x": [2]}])
    y: List[float] = rows[0]["y"]
    cols = c.predict_columns("predict_with_scale", {"x": [[1.0]], "scale": 2.0})
    ys: List[List[float]] = cols["y"]
    classes: List[List[Tuple[str, float]]] = c.classify("classify_x_to_y", [{"x": 1.5}])
    values: List[float] = c.regress("regress_x_to_y", [{"x": [1.5], "tags": ["a", b"\x00", {"b64": "AAE="}]}])
    c.predict("nope", [{"x": [1.0]}])  # type: ignore[call-overload]
    c.predict("serving_default", [{"x": ["1"]}])  # type: ignore[call-overload]
    c.predict("serving_default", [{"y": [1.0]}])  # type: ignore[call-overload]
    c.predict("predict_with_scale", [{"x": [1.0], "scale": 2.0}])  # type: ignore[call-overload]
    c.predict_columns("predict_with_scale", {"x": [[1.0]]})  # type: ignore[call-overload]
    c.classify("serving_default", [{"x": 1.5}])  # type: ignore[arg-type]
    c.regress("regress_x_to_y", [{"x": "one"}])  # type: ignore[typeddict-item]
    wrong: List[str] = rows[0]["y"]  # type: ignore[assignment]
    Client("x", validate="loose")  # type: ignore[arg-type]
    big = hn.Client("http://localhost:8501")
    out: List[int] = big.predict_columns("sig-x", {"in": [1, 9007199254740993]})["out"]
    bools: List[bool] = big.predict_columns("sig_x", {"in": [True]})["out"]
    blobs: List[hn.B64] = big.predict_columns("class", {"in": ["text", b"\x00\x01", {"b64": "AAE="}]})["out_bytes"]
    raw: bytes = hn.decode_b64(blobs[0])
    hostile = big.predict('sig "quoted" */ ${x}', [{"in": 1}])
    proto = big.predict_columns("__proto__", {"constructor": [1.5]})
    keys: List[float] = proto["__proto__"] + proto["toString"]
    big.predict_columns("sig-x", {"in": [1.5]})  # type: ignore[call-overload]
    try:
        c.status()
    except TfServingError as e:
        status: int = e.status
        message: str = e.server_message
        print(status, message)
    print(y, ys, classes, values, wrong, out, bools, raw, hostile, keys, h.MODEL_NAME)
