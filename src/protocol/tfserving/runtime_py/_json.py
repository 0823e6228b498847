"""A JSON reader that reads as TF Serving's does (rapidjson 1.1.0 with kParseNanAndInfFlag and
kParseStopWhenDoneFlag, json_tensor.cc ParseJson), keeping what json.loads loses: whether a number
is a double to rapidjson (written with a fraction or exponent, as NaN/Inf, or an integer no 64-bit
type holds), its text, and duplicate keys. The same rules as the TypeScript runtime's json.ts."""

from __future__ import annotations

import json
import re
from typing import List, Optional, Tuple, Union

INT64_MIN = -(2**63)
UINT64_MAX = 2**64 - 1


class JsonSyntaxError(ValueError):
    pass


class Num:
    """A number as written: `text`, its double `value`, and rapidjson's IsDouble()."""

    __slots__ = ("text", "value", "is_double")

    def __init__(self, text: str, value: float, is_double: bool) -> None:
        self.text = text
        self.value = value
        self.is_double = is_double


class JObject:
    """An object with its entries in order, duplicates kept; `deep` when nested past MAX_DEPTH."""

    __slots__ = ("entries", "deep")

    def __init__(self, entries: List[Tuple[str, "JValue"]], deep: bool = False) -> None:
        self.entries = entries
        self.deep = deep

    def get(self, key: str) -> Optional["JValue"]:
        for k, v in self.entries:
            if k == key:
                return v
        return None

    def has(self, key: str) -> bool:
        return any(k == key for k, _ in self.entries)


JValue = Union[None, bool, str, Num, List["JValue"], JObject]

# rapidjson parses iteratively, at any depth; past this one a value is checked for syntax only.
MAX_DEPTH = 512
_WS = " \n\r\t"
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_SPECIAL = re.compile(r"-?(?:NaN|Infinity|Inf)")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"', re.S)


def _number(text: str, is_double: bool) -> Num:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise OverflowError(text)
    if not is_double:
        n = int(text)
        is_double = n < INT64_MIN or n > UINT64_MAX
    return Num(text, value, is_double)


def parse_document(text: str) -> Tuple[JValue, int]:
    """The first JSON value in `text` and the offset where it ends (text after it is TF Serving's to
    ignore). Numbers too big for a double are refused, as rapidjson refuses them."""
    i = 0
    n = len(text)

    def fail(what: str) -> JsonSyntaxError:
        return JsonSyntaxError(f"{what} at line {text.count(chr(10), 0, i) + 1}, offset {i}")

    def ws() -> None:
        nonlocal i
        while i < n and text[i] in _WS:
            i += 1

    def string() -> str:
        nonlocal i
        m = _STRING.match(text, i)
        if not m:
            raise fail("unterminated string")
        try:
            s: str = json.loads(m.group(0))
        except ValueError:
            raise fail("bad string escape") from None
        i = m.end()
        return s

    def scalar() -> JValue:
        nonlocal i
        c = text[i] if i < n else ""
        if c == '"':
            return string()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, i):
                i += len(word)
                return val
        m = _SPECIAL.match(text, i)
        if m:
            i = m.end()
            t = m.group(0)
            v = float("nan") if t.endswith("NaN") else float("-inf") if t.startswith("-") else float("inf")
            return Num(t, v, True)
        m = _NUMBER.match(text, i)
        if not m:
            raise fail("unexpected character")
        try:
            num = _number(m.group(0), bool(m.group(1) or m.group(2)))
        except OverflowError:
            lexeme = m.group(0)
            raise fail(f"number too big to be stored in a double: {lexeme[:40] + '…' if len(lexeme) > 40 else lexeme}") from None
        i = m.end()
        return num

    # An explicit stack instead of recursion: a 500,000-deep value must not exhaust Python's stack.
    # Each frame: [container, closing char, depth]; containers past MAX_DEPTH are not kept.
    stack: List[Tuple[object, str]] = []
    root: JValue = None

    def key() -> str:
        nonlocal i
        ws()
        if i >= n or text[i] != '"':
            raise fail("expected a key")
        k = string()
        ws()
        if i >= n or text[i] != ":":
            raise fail("expected ':'")
        i += 1
        return k

    pending_key: List[str] = []

    def attach(v: JValue) -> None:
        nonlocal root
        if not stack:
            root = v
            return
        container, _ = stack[-1]
        if isinstance(container, list):
            container.append(v)
        elif isinstance(container, JObject):
            container.entries.append((pending_key.pop(), v))

    ws()
    if i >= n:
        raise fail("the document is empty")
    while True:
        ws()
        c = text[i] if i < n else ""
        if c in "[{":
            i += 1
            close = "]" if c == "[" else "}"
            kept = len(stack) < MAX_DEPTH
            container: object = ([] if c == "[" else JObject([])) if kept else None
            if not kept and stack and stack[-1][0] is not None:
                attach(JObject([], True))
            elif kept:
                attach(container)  # type: ignore[arg-type]
            ws()
            if i < n and text[i] == close:
                i += 1
            else:
                stack.append((container, close))
                if close == "}":
                    k = key()
                    if kept:
                        pending_key.append(k)
                continue
        else:
            v = scalar()
            if not stack or stack[-1][0] is not None:
                attach(v)
        # After a complete value: close what ends here, then expect the next item.
        while True:
            if not stack:
                return root, i
            ws()
            container, close = stack[-1]
            if i < n and text[i] == close:
                i += 1
                stack.pop()
                continue
            if i >= n or text[i] != ",":
                raise fail(f"expected ',' or '{close}'")
            i += 1
            if close == "}":
                k = key()
                if container is not None:
                    pending_key.append(k)
            break


def to_plain(v: JValue) -> object:
    """Back to Python values: numbers as int (exact) or float, objects as dicts."""
    if isinstance(v, list):
        return [to_plain(x) for x in v]
    if isinstance(v, Num):
        return v.value if v.is_double else int(v.text)
    if isinstance(v, JObject):
        return {k: to_plain(x) for k, x in v.entries}
    return v
