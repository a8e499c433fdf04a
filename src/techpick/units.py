"""Parse the quantities of the contract: latency, volume and throughput.

Everything is normalised to one base unit so that the engine compares plain
floats: seconds for latency, bytes for volume, events per second for
throughput. The parsers raise ``ValueError`` with a message that says what
form is accepted; the loaders add the file, line and field.
"""

from __future__ import annotations

import math
import re

LATENCY_UNITS: dict[str, float] = {
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "min": 60.0,
    "h": 3600.0,
    "d": 86400.0,
}
VOLUME_UNITS: dict[str, float] = {
    "B": 1.0,
    "KB": 1e3,
    "MB": 1e6,
    "GB": 1e9,
    "TB": 1e12,
    "PB": 1e15,
}
COUNT_SUFFIXES: dict[str, float] = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9}
PER_UNITS: dict[str, float] = {"s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0}

_NUMBER = r"(?P<num>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
_LATENCY = re.compile(rf"^{_NUMBER}\s*(?P<unit>[a-zµ]+)$")
_VOLUME = re.compile(rf"^{_NUMBER}\s*(?P<unit>[A-Za-z]+)$")
_THROUGHPUT = re.compile(rf"^{_NUMBER}\s*(?P<suffix>[kKMG]?)\s*/\s*(?P<unit>[a-z]+)$")

LATENCY_FORM = "a number and a unit (us, ms, s, min, h, d), e.g. 500us, 5ms, 2s, 15min"
VOLUME_FORM = "a number and a unit (B, KB, MB, GB, TB, PB), e.g. 200MB, 3TB, 1.5PB"
RETENTION_UNITS: dict[str, float] = {"d": 1.0, "w": 7.0, "y": 365.0}
_RETENTION = re.compile(rf"^{_NUMBER}\s*(?P<unit>[a-z]+)$")
RETENTION_FORM = "a number and a unit (d, w, y), e.g. 7d, 12w, 2y"
THROUGHPUT_FORM = "a count (k, M, G allowed) per s, min, h or d, e.g. 500/s, 20k/s, 1M/min, 3G/d"


def _text(value: object, form: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"expected {form}")
    text = str(value).strip()
    if text.startswith("-"):
        raise ValueError(f"must not be negative; expected {form}")
    return text


# Beyond these no real system is meant; refusing them keeps every later x100 finite.
LIMITS = {"latency": 365 * 86400.0, "volume": 1e21, "throughput": 1e12, "retention": 1000 * 365.0}


def _finite(number: float, form: str, kind: str) -> float:
    if not math.isfinite(number) or number > LIMITS[kind]:
        raise ValueError(f"{number:.3g} is out of range; expected {form}")
    return number


def parse_latency(value: object) -> float:
    """Seconds from ``5ms``-style text; a bare number is not accepted (which unit?)."""
    text = _text(value, LATENCY_FORM)
    match = _LATENCY.match(text)
    if not match or match["unit"] not in LATENCY_UNITS:
        raise ValueError(_refusal(text, "latency", LATENCY_FORM))
    return _finite(float(match["num"]) * LATENCY_UNITS[match["unit"]], LATENCY_FORM, "latency")


def parse_volume(value: object) -> float:
    """Bytes (decimal units) from ``1.5PB``-style text."""
    text = _text(value, VOLUME_FORM)
    match = _VOLUME.match(text)
    unit = match["unit"].upper() if match else ""
    if not match or unit not in VOLUME_UNITS:
        raise ValueError(_refusal(text, "volume", VOLUME_FORM))
    return _finite(float(match["num"]) * VOLUME_UNITS[unit], VOLUME_FORM, "volume")


def parse_throughput(value: object) -> float:
    """Events per second from ``20k/s``-style text."""
    text = _text(value, THROUGHPUT_FORM)
    match = _THROUGHPUT.match(text)
    if not match or match["unit"] not in PER_UNITS:
        raise ValueError(_refusal(text, "throughput", THROUGHPUT_FORM))
    count = float(match["num"]) * COUNT_SUFFIXES[match["suffix"]]
    return _finite(count / PER_UNITS[match["unit"]], THROUGHPUT_FORM, "throughput")


def parse_retention(value: object) -> float:
    """Days from ``30d``-style text (contract 1.1: d, w, y)."""
    text = _text(value, RETENTION_FORM)
    match = _RETENTION.match(text)
    if not match or match["unit"] not in RETENTION_UNITS:
        raise ValueError(_refusal(text, "retention", RETENTION_FORM))
    return _finite(float(match["num"]) * RETENTION_UNITS[match["unit"]], RETENTION_FORM, "retention")


# Units people write that the contract spells otherwise: suggested, never accepted,
# so that a requirements file reads the same in every tool that implements the contract.
UNIT_SYNONYMS: dict[str, dict[str, str]] = {
    "latency": {
        **dict.fromkeys(["msec", "msecs", "millis", "milli", "millisecond", "milliseconds", "mls"], "ms"),
        **dict.fromkeys(["usec", "usecs", "micros", "micro", "microsecond", "microseconds", "μs", "mcs"], "us"),
        **dict.fromkeys(["sec", "secs", "second", "seconds"], "s"),
        **dict.fromkeys(["m", "mins", "minute", "minutes"], "min"),
        **dict.fromkeys(["hr", "hrs", "hour", "hours"], "h"),
        **dict.fromkeys(["day", "days"], "d"),
    },
    "volume": {
        **dict.fromkeys(["byte", "bytes"], "B"),
        **dict.fromkeys(["k", "kilobyte", "kilobytes"], "KB"),
        **dict.fromkeys(["m", "meg", "megs", "megabyte", "megabytes"], "MB"),
        **dict.fromkeys(["g", "gig", "gigs", "gigabyte", "gigabytes"], "GB"),
        **dict.fromkeys(["t", "tera", "terabyte", "terabytes"], "TB"),
        **dict.fromkeys(["p", "peta", "petabyte", "petabytes"], "PB"),
    },
    "throughput": {
        **dict.fromkeys(["rps", "qps", "tps", "ops", "eps", "mps", "iops", "hz", "persecond", "persec", "/sec",
                         "/second", "/secs", "/seconds", "asecond"], "/s"),
        **dict.fromkeys(["rpm", "perminute", "permin", "/minute", "/minutes", "/m", "aminute"], "/min"),
        **dict.fromkeys(["rph", "perhour", "/hour", "/hours", "/hr", "anhour"], "/h"),
        **dict.fromkeys(["perday", "/day", "/days", "daily", "aday"], "/d"),
    },
    "retention": {
        **dict.fromkeys(["day", "days"], "d"),
        **dict.fromkeys(["wk", "wks", "week", "weeks"], "w"),
        **dict.fromkeys(["yr", "yrs", "year", "years"], "y"),
    },
}
_BINARY = {"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40, "pib": 2**50}
_BARE_EXAMPLE = {"latency": "ms", "volume": "GB", "throughput": "/s", "retention": "d"}
_PER = re.compile(r"^(?:[a-z]*/|per|an?)(?P<unit>[a-z]+)$")  # req/s, events/sec, persecond, aminute


def _refusal(text: str, kind: str, form: str) -> str:
    """Why `text` is not a quantity of `kind`, with the spelling that was probably meant."""
    match = re.match(rf"^{_NUMBER}\s*(?P<rest>.*)$", text)
    if match is None:
        return f"cannot read {text!r}; expected {form}"
    number, rest = match["num"], match["rest"].strip()
    if not rest:
        return f"{text!r} has no unit: the unit is missing (e.g. {number}{_BARE_EXAMPLE[kind]}); expected {form}"
    if kind == "throughput" and len(rest) > 1 and rest[0] in COUNT_SUFFIXES and not rest[1].isalpha():
        number, rest = number + rest[0], rest[1:].strip()  # 2k rps: the k belongs to the count
    meant = _meant(kind, number, rest)
    if meant is None:
        return f"unknown unit {rest!r}; expected {form}"
    if meant.startswith(number):
        return f"unknown unit {rest!r}; did you mean {meant}? expected {form}"
    return f"{text!r}: {meant}; expected {form}"


def _meant(kind: str, number: str, rest: str) -> str | None:
    """The quantity that was probably meant ('10ms'), an explanation, or None."""
    word = rest.lower().replace(" ", "")
    if kind == "volume" and word in _BINARY:
        decimal = format_volume(float(number) * _BINARY[word])
        return (f"{rest} is a binary unit ({_BINARY[word]:,} bytes) and the contract's units are decimal "
                f"(1GB = 1,000,000,000 bytes): write {decimal}")
    if kind == "latency" and word in {"ns", "nsec", "nanosecond", "nanoseconds"}:
        return f"the smallest unit is us: write {_short(float(number) / 1000)}us"
    if kind == "retention" and word in {"mo", "month", "months"}:
        return f"months differ in length: write days or weeks, e.g. {_short(float(number) * 30)}d"
    if kind == "retention" and word in {"h", "hour", "hours"}:
        return f"retention is counted in days: write {_short(max(float(number) / 24, 1))}d"
    synonyms = UNIT_SYNONYMS[kind]
    if kind == "throughput":
        per = _PER.match(word)
        unit = synonyms.get(word) or (per and (synonyms.get("/" + per["unit"]) or
                                               ("/" + per["unit"] if per["unit"] in PER_UNITS else None)))
        return f"{number}{unit}" if unit else None
    units = {"latency": LATENCY_UNITS, "volume": VOLUME_UNITS, "retention": RETENTION_UNITS}[kind]
    unit = synonyms.get(word) or next((u for u in units if u.lower() == word), None)
    return f"{number}{unit}" if unit else None


def format_retention(days: float) -> str:
    for unit in ("y", "w"):
        count = days / RETENTION_UNITS[unit]
        if count >= 1 and abs(count - round(count)) < 1e-9:
            return f"{_short(count)}{unit}"
    return f"{_short(days)}d"


def format_latency(seconds: float) -> str:
    """The shortest readable form, used in reasons and tables."""
    for unit, size in (("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0), ("ms", 1e-3)):
        if seconds >= size:
            return f"{_short(seconds / size)}{unit}"
    return f"{_short(seconds / 1e-6)}us"


def format_volume(size: float) -> str:
    for unit in ("PB", "TB", "GB", "MB", "KB"):
        if size >= VOLUME_UNITS[unit]:
            return f"{_short(size / VOLUME_UNITS[unit])}{unit}"
    return f"{_short(size)}B"


def format_throughput(per_second: float) -> str:
    """Prefer the unit that gives a whole count (300/d rather than 12.5/h)."""
    units = (("s", 1.0), ("min", 60.0), ("h", 3600.0), ("d", 86400.0))
    usable = [(unit, per_second * size) for unit, size in units if per_second * size >= 1]
    whole = [(u, c) for u, c in usable if abs(c - round(c)) <= 1e-6 * c]
    unit, count = (whole or usable or [("d", per_second * 86400.0)])[0]
    for suffix, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if count >= scale:
            return f"{_short(count / scale)}{suffix}/{unit}"
    return f"{_short(count)}/{unit}"


def _short(number: float) -> str:
    text = f"{number:.3g}"
    return text if "e" not in text else f"{number:.0f}"
