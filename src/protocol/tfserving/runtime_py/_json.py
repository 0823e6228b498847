"""A JSON reader that reads as TF Serving's does (rapidjson 1.1.0 with kParseNanAndInfFlag and
kParseStopWhenDoneFlag, json_tensor.cc ParseJson), keeping what json.loads loses: whether a number
is a double to rapidjson (written with a fraction or exponent, as NaN/Inf, or an integer no 64-bit
type holds), its text, and duplicate keys. The same rules as the TypeScript runtime's json.ts."""

from __future__ import annotations

import json
import math
import re
from typing import List, Optional, Tuple, Union, cast

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


# int and float come from the quick reading only (see parse_quick); the exact reader makes Num.
JValue = Union[None, bool, int, float, str, Num, List["JValue"], JObject]

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


def parse_quick(text: str) -> Optional[JValue]:
    """The quick reading of a whole document: json.loads (in C) with objects as JObject (order and
    duplicate keys kept) and the bare NaN/Infinity tokens as Num. Other numbers stay Python's: an int
    was written as an integer and a float with a fraction or exponent, which is rapidjson's IsDouble;
    a float's text is Python's writing of its value, not necessarily the token, so a caller that
    reports a number reads the text again with parse_document. None wherever the exact reader is
    needed: not JSON to json.loads (Inf, trailing text, ...), a number no double holds (1e999), an
    integer no 64-bit type holds, nesting past MAX_DEPTH."""
    try:
        value: JValue = json.loads(text, object_pairs_hook=JObject, parse_constant=_constant)
    except (ValueError, RecursionError):
        return None
    return value if _quick_sound(value) else None


def _constant(token: str) -> Num:
    return Num(token, float(token), True)


def _quick_sound(root: JValue) -> bool:
    # An explicit stack, as in parse_document: 512 levels would exhaust Python's recursion limit.
    stack: List[Tuple[JValue, int]] = [(root, 0)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, bool) or v is None or isinstance(v, (str, Num)):
            continue
        if isinstance(v, float):
            # NaN and Infinity tokens are Num (parse_constant): a float that is not finite overflowed.
            if not math.isfinite(v):
                return False
        elif isinstance(v, int):
            if not INT64_MIN <= v <= UINT64_MAX:
                return False
        elif depth >= MAX_DEPTH:
            return False
        elif isinstance(v, list):
            # Lists of one kind of number, decided in C: a million floats must not cost a million steps.
            kinds = set(map(type, v))
            if kinds == {float}:
                if math.inf in v or -math.inf in v:
                    return False
            elif kinds == {int}:
                ints = cast(List[int], v)
                if min(ints) < INT64_MIN or max(ints) > UINT64_MAX:
                    return False
            else:
                stack.extend((x, depth + 1) for x in v)
        else:
            stack.extend((x, depth + 1) for _, x in v.entries)
    return True


def to_plain(v: JValue) -> object:
    """Back to Python values: numbers as int (exact) or float, objects as dicts."""
    if isinstance(v, list):
        return [to_plain(x) for x in v]
    if isinstance(v, Num):
        return v.value if v.is_double else int(v.text)
    if isinstance(v, JObject):
        return {k: to_plain(x) for k, x in v.entries}
    return v
