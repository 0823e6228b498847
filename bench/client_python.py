"""The timing half of bench/client-python.ts: a 1,000,000-float predict request through the generated
Python client and through a plain json.dumps + urllib request, interleaved in one process, medians."""

import json
import statistics
import sys
import time
import urllib.request

from shapes_tfserving_client import Client

base, runs = sys.argv[1], int(sys.argv[2])
v = [[(i * 1000 + j) / 3 for j in range(1000)] for i in range(1000)]
client = Client(base)


def via_client() -> int:
    return len(client.predict_columns("vectors", {"v": v})["norm"])


def plain() -> int:
    body = json.dumps({"signature_name": "vectors", "inputs": {"v": v}}).encode()
    request = urllib.request.Request(f"{base}/v1/models/shapes:predict", data=body, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as answer:
        return len(json.loads(answer.read())["outputs"])


def timed(f) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    f()
    return (time.perf_counter() - t) * 1000


via_client(), plain()
a, b = [], []
for _ in range(runs):
    a.append(timed(via_client))
    b.append(timed(plain))
ma, mb = statistics.median(a), statistics.median(b)
print("| request | generated Python client | json.dumps + urllib | ratio |")
print("| --- | --- | --- | --- |")
print(f"| 1,000,000 floats (median of {runs}) | {ma:.0f} ms | {mb:.0f} ms | {ma / mb:.2f}× |")
