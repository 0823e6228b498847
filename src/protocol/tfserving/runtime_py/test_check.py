"""The Python checker against the project's request table (check.table.json): the verdict and rule the
table wants, and exactly the problems the TypeScript checker finds (messages included). The table's
models become contracts in TypeScript (describe.ts), so test/client-python.test.ts writes them with
the TypeScript results to the file TF2OPENAPI_CHECK_TABLE names; run alone, this suite is skipped."""

import json
import math
import os
import random
from typing import Any, Dict, List

import pytest

from ._json import INT64_MIN, UINT64_MAX, JObject, JsonSyntaxError, JValue, Num, parse_document, parse_quick
from .check import accepted, check_request

TABLE = os.environ.get("TF2OPENAPI_CHECK_TABLE")
CASES: List[Dict[str, Any]] = json.load(open(TABLE, encoding="utf-8"))["cases"] if TABLE else []


def verdict(result: Dict[str, Any]) -> Dict[str, str]:
    for level in ("error", "warning"):
        first = next((p for p in result["problems"] if p["level"] == level), None)
        if first:
            return {"want": level, "rule": first["rule"]}
    return {"want": "ok"}


@pytest.mark.skipif(not TABLE, reason="TF2OPENAPI_CHECK_TABLE not set: run through test/client-python.test.ts")
@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['model']}:{c['on']}" for i, c in enumerate(CASES)])
def test_table_case(case: Dict[str, Any]) -> None:
    got = check_request(case["body"], case["contract"], case["on"], case.get("signature"))
    want = {"want": case["want"], **({"rule": case["rule"]} if case["want"] != "ok" else {})}
    assert verdict(dict(got)) == want, case["source"]
    assert dict(got) == case["typescript"], case["source"]
    assert accepted(got) == (case["want"] != "error")


@pytest.mark.skipif(not TABLE, reason="TF2OPENAPI_CHECK_TABLE not set")
def test_table_is_whole() -> None:
    assert len(CASES) >= 100


def _shape(v: JValue) -> object:
    """A reading with number texts left out: what the quick reading must give exactly."""
    if isinstance(v, list):
        return [_shape(x) for x in v]
    if isinstance(v, JObject):
        return ("object", [(k, _shape(x)) for k, x in v.entries], v.deep)
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, Num):
        # An integer token is an int to rapidjson: "-0" is 0 (Python's json reads it so too).
        value, double = (v.value if v.is_double else float(int(v.text))), v.is_double
    elif isinstance(v, float):
        value, double = v, True
    else:
        value, double = float(v), not INT64_MIN <= v <= UINT64_MAX
    return ("number", "nan" if math.isnan(value) else repr(value), double)


def test_quick_reading_is_the_exact_one() -> None:
    """parse_quick, where it answers, gives what parse_document gives (values, IsDouble, key order and
    duplicates, depth); it answers for most documents."""
    r = random.Random(7)
    tokens = ["0", "-0", "1", "-17", "2.0", "1e2", "-1.5E-3", "0.1", "255", "1e-7", "123456789012345", "9007199254740993",
              "18446744073709551616", "1e400", "NaN", "-Infinity", "Inf", "0.30000000000000004"]
    keys = ["a", "b", "instances", "__proto__", "1", "01", 'x"y', "b64", ""]

    def doc(depth: int) -> str:
        k = r.random()
        if depth > 4 or k < 0.4:
            return r.choice(tokens + [repr(r.random()), '"s"', "true", "null", '"\\u00e9"'])
        if k < 0.7:
            return "[" + ", ".join(doc(depth + 1) for _ in range(r.randrange(4))) + "]"
        return "{" + ",".join(f"{json.dumps(r.choice(keys))}: {doc(depth + 1)}" for _ in range(r.randrange(4))) + "}"

    cases = [doc(0) for _ in range(3000)] + ['{"a": 1} trailing', ""]
    quick = 0
    for text in cases:
        q = parse_quick(text)
        try:
            exact, end = parse_document(text)
        except JsonSyntaxError:
            assert q is None, text
            continue
        if q is None:
            continue
        quick += 1
        assert end == len(text.rstrip(" \n\r\t")), text
        assert _shape(q) == _shape(exact), text
    assert quick > 1000, quick
    # Nesting: kept to MAX_DEPTH (512) levels, as the exact reader keeps it; past it, the exact reader.
    assert parse_quick("[" * 512 + "]" * 512) is not None
    assert parse_quick("[" * 513 + "]" * 513) is None
