"""The Python checker against the project's request table (check.table.json): the verdict and rule the
table wants, and exactly the problems the TypeScript checker finds (messages included). The table's
models become contracts in TypeScript (describe.ts), so test/client-python.test.ts writes them with
the TypeScript results to the file TF2OPENAPI_CHECK_TABLE names; run alone, this suite is skipped."""

import json
import os
from typing import Any, Dict, List

import pytest

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
