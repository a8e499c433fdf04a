import pytest

from techpick.units import (format_latency, format_throughput, format_volume, parse_latency, parse_throughput,
                            parse_volume)


@pytest.mark.parametrize(("text", "seconds"), [
    ("500us", 5e-4), ("5 ms", 0.005), ("2s", 2.0), ("15min", 900.0), ("1h", 3600.0), ("0.8 ms", 0.0008), ("1d", 86400),
])
def test_latency_units(text, seconds):
    assert parse_latency(text) == pytest.approx(seconds)


@pytest.mark.parametrize(("text", "size"), [("200MB", 2e8), ("3 TB", 3e12), ("1.5PB", 1.5e15), ("20 GB", 2e10)])
def test_volume_is_decimal(text, size):
    assert parse_volume(text) == pytest.approx(size)


@pytest.mark.parametrize(("text", "rate"), [
    ("500/s", 500), ("20k/s", 20_000), ("1M/min", 1e6 / 60), ("3G/d", 3e9 / 86400), ("300/d", 300 / 86400),
])
def test_throughput_per_second(text, rate):
    assert parse_throughput(text) == pytest.approx(rate)


@pytest.mark.parametrize(("parse", "text", "words"), [
    (parse_latency, "5 parsecs", "unit"),
    (parse_latency, "5", "unit"),
    (parse_volume, "-5TB", "negative"),
    (parse_volume, "lots", "expected"),
    (parse_throughput, "fast", "expected"),
    (parse_throughput, "5k/fortnight", "expected"),
    (parse_latency, True, "expected"),
])
def test_bad_quantities_say_what_is_accepted(parse, text, words):
    with pytest.raises(ValueError, match=words):
        parse(text)


def test_formatting_round_trips():
    for text in ("5ms", "500us", "2s", "15min"):
        assert parse_latency(format_latency(parse_latency(text))) == pytest.approx(parse_latency(text))
    assert format_volume(1.5e15) == "1.5PB"
    assert format_throughput(20_000) == "20k/s"
    assert format_throughput(300 / 86400) == "300/d"


def test_absurd_sizes_are_refused_not_overflowed():
    with pytest.raises(ValueError, match="out of range"):
        parse_throughput("1" + "0" * 295 + "G/s")
    with pytest.raises(ValueError, match="out of range"):
        parse_volume("5000000000PB")
