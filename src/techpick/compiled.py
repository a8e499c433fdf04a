"""The compiled catalog: a validated catalog as compact JSON, loaded back without
YAML parsing or pydantic validation.

Format (UTF-8 JSON, one line, stable key order)::

    {"format": "techpick-compiled", "version": 1,
     "digest": "sha256:...",                       # Catalog.digest, over every file
     "files": {"vocabulary.yaml": "<sha256>", "storage/postgresql.yaml": "<sha256>", ...},
     "vocabulary": {...},                          # the Vocabulary model's fields
     "technologies": [{...}, ...],                 # Technology models, sorted by id
     "paths": {"postgresql": "storage/postgresql.yaml", ...}}

A model is written as a JSON object of the fields that were given (or differ
from their default), in declaration order; enums as their values, tuples as
lists, numbers as the floats the validators produced (so "5ms" is 0.005).
Reading walks the models' own field annotations, so a field added to a model
flows through without a change here; an annotation this module cannot read
back exactly raises `CompiledError` when the decoders are built, never later.

    raw = dumps(catalog)          # bytes, the same for the same catalog
    catalog = loads(raw)          # a Catalog equal to the one dumped
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterator
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from techpick.catalog import Catalog, Origin
from techpick.gcpause import gc_paused
from techpick.models import Technology, Vocabulary

FORMAT = "techpick-compiled"
VERSION = 1

Decoder = Callable[[Any], Any]


class CompiledError(ValueError):
    """Bytes that are not a compiled catalog of this version (corrupt, foreign or too old)."""


# ---- writing ---------------------------------------------------------------

def dumps(catalog: Catalog) -> bytes:
    """The compiled form of a validated catalog; the same catalog gives the same bytes."""
    return b"".join(chunks(catalog))


CHUNK = 1000  # entries per piece: each piece's plain data is dropped once it is text


def chunks(catalog: Catalog) -> Iterator[bytes]:
    """`dumps(catalog)` in pieces, a thousand entries at a time: at 100,000 technologies the
    whole document as plain data, then as one string, then as bytes, took most of a gigabyte."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "digest": catalog.digest,
        "files": dict(sorted(catalog.files.items())),
        "vocabulary": _plain(catalog.vocabulary),
    }
    yield (_json(head)[:-1] + ',"technologies":[').encode("utf-8")
    technologies = catalog.technologies
    for start in range(0, len(technologies), CHUNK):
        piece = ",".join(_json(_plain(tech)) for tech in technologies[start:start + CHUNK])
        yield (("," if start else "") + piece).encode("utf-8")
    paths = {tech_id: origin.path for tech_id, origin in sorted(catalog.origins.items()) if origin.path}
    yield ('],"paths":' + _json(paths) + "}").encode("utf-8")


def _json(value: Any) -> str:
    """JSON text as the compiled form writes it: one line, no spaces, no NaN."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _plain(value: Any) -> Any:
    """A validated value as plain JSON data (models: the given or non-default fields)."""
    if isinstance(value, BaseModel):
        given = value.model_fields_set
        out = {}
        for name, default in _defaults(type(value)).items():
            field_value = getattr(value, name)
            if name in given or field_value != default:
                out[name] = _plain(field_value)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {(key.value if isinstance(key, Enum) else key): _plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise CompiledError(f"cannot compile a value of type {type(value).__name__}")


@cache
def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Each field's default (a marker for required ones), looked up once per model."""
    required = object()
    return {name: required if info.is_required() else info.get_default(call_default_factory=True, validated_data={})
            for name, info in model.model_fields.items()}


def index(catalog: Catalog) -> dict[str, Any]:
    """What a catalog is checked against without its entries: digest, vocabulary, ids and aliases, paths."""
    return {"digest": catalog.digest, "vocabulary": _plain(catalog.vocabulary),
            "names": [[tech.id, list(tech.aliases)] for tech in catalog.technologies],
            "paths": {tech_id: origin.path for tech_id, origin in sorted(catalog.origins.items()) if origin.path}}


# ---- reading ---------------------------------------------------------------

def loads(raw: bytes) -> Catalog:
    """A Catalog from its compiled form, without YAML or validation; CompiledError if it is not one."""
    with gc_paused():
        return to_catalog(parse(raw))


def parse(raw: bytes | str) -> dict[str, Any]:
    """The compiled document as plain data, after checking that it is one of this version."""
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CompiledError(f"not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CompiledError("not a compiled techpick catalog")
    if document.get("version") != VERSION:
        raise CompiledError(f"compiled format version {document.get('version')!r}, expected {VERSION}")
    return document


def to_catalog(document: dict[str, Any], root: str | None = None) -> Catalog:
    """The Catalog of a parsed document; `root` names the catalog folder in origins (for messages)."""
    try:
        vocabulary = decoder(Vocabulary)(document["vocabulary"])
        read_tech = decoder(Technology)
        items = document["technologies"]
        technologies = []
        for i, item in enumerate(items):
            items[i] = None  # the parsed data goes as the models come
            technologies.append(read_tech(item))
        origins = _origins(document["paths"], root)
        catalog = Catalog(vocabulary, technologies, origins, document["digest"], dict(document["files"]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CompiledError(f"damaged compiled catalog: {type(exc).__name__}: {exc}") from None
    if len(catalog.by_id) != len(technologies):
        raise CompiledError("damaged compiled catalog: duplicate ids")
    return catalog


def lazy_catalog(index: dict[str, Any], files: dict[str, str], make: Callable[[], list[Any]],
                 root: str | None = None) -> Catalog:
    """A catalog from its `index`, whose entries `make` returns on first use (see LazyCatalog)."""
    from techpick.catalog import LazyCatalog

    try:
        vocabulary = decoder(Vocabulary)(index["vocabulary"])
        names = [(str(tech_id), [str(alias) for alias in aliases]) for tech_id, aliases in index["names"]]
        origins = _origins(index["paths"], root)
        return LazyCatalog(vocabulary, names, make, origins, str(index["digest"]), files)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CompiledError(f"damaged catalog index: {type(exc).__name__}: {exc}") from None


def _origins(paths: dict[str, str], root: str | None) -> dict[str, Origin]:
    return {tech_id: Origin(f"{root}/{path}" if root else path, {}, path.split("/")[0], path)
            for tech_id, path in paths.items()}


def decoder(model: type[BaseModel]) -> Decoder:
    """The function that turns a model's plain data back into the model (built once per model)."""
    found = _decoder(model)
    assert found is not None
    return found


@cache
def _decoder(annotation: Any) -> Decoder | None:
    """A decoder for values of `annotation`, or None where the JSON value is already the value."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _decoder(args[0])
    if origin is Union or origin is types.UnionType:
        return _union(annotation, [arg for arg in args if arg is not type(None)])
    if origin is list:
        item = _decoder(args[0])
        return None if item is None else (lambda value: [item(x) for x in value])
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0]) or _same
            return lambda value: tuple(item(x) for x in value)
        items = [_decoder(arg) or _same for arg in args]
        return lambda value: tuple(read(x) for read, x in zip(items, value, strict=True))
    if origin is dict:
        key, item = _decoder(args[0]), _decoder(args[1])
        if key is None and item is None:
            return None
        key, item = key or _same, item or _same
        return lambda value: {key(k): item(v) for k, v in value.items()}
    if origin is Literal or annotation is Any or annotation in (str, int, bool, type(None)):
        return None
    if annotation is float:
        return float
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return {member.value: member for member in annotation}.__getitem__
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model(annotation)
    raise CompiledError(f"cannot read back values of type {annotation!r}; teach techpick.compiled this annotation")


def _same(value: Any) -> Any:
    return value


def _model(model: type[BaseModel]) -> Decoder:
    plan: list[tuple[str, Decoder | None, bool, Callable[[], Any] | None, Any]] = []
    for name, info in model.model_fields.items():
        if info.default_factory is not None and info.default_factory_takes_validated_data:
            raise CompiledError(f"{model.__name__}.{name}: a default factory that reads other fields")
        plan.append((name, _decoder(info.annotation), info.is_required(), info.default_factory,  # type: ignore[arg-type]
                     info.default))
    construct = _constructor(model)
    same_fields: dict[frozenset[str], set[str]] = {}  # one set per combination: frozen models never change it
    frozen = bool(model.model_config.get("frozen"))

    def read(value: dict[str, Any]) -> BaseModel:
        values: dict[str, Any] = {}
        for name, read_field, required, factory, default in plan:  # defaults filled here: pydantic's lookup is slow
            if name in value:
                item = value[name]
                values[name] = item if read_field is None else read_field(item)
            elif required:
                raise KeyError(f"{model.__name__}.{name}")
            else:
                values[name] = factory() if factory is not None else default
        given = frozenset(value)
        fields_set = same_fields.get(given) if frozen else None
        if fields_set is None:
            if len(given) > len(plan) or not given <= values.keys():
                raise KeyError(f"{model.__name__}: unknown fields {sorted(given - values.keys())}")
            fields_set = same_fields[given] = set(given)
        return construct(fields_set, values)

    return read


def _constructor(model: type[BaseModel]) -> Callable[[set[str], dict[str, Any]], BaseModel]:
    """What `model_construct(fields_set, **values)` does for plain models, without its per-field lookups.

    Models with aliases, private attributes, extra fields or a post-init hook go through
    `model_construct` itself.
    """
    plain = (model.model_config.get("extra") != "allow" and not model.__private_attributes__
             and not model.__pydantic_post_init__ and not model.__pydantic_root_model__
             and all(info.alias is None and info.validation_alias is None for info in model.model_fields.values()))
    if not plain:
        return lambda fields_set, values: model.model_construct(fields_set, **values)
    new, set_attribute = model.__new__, object.__setattr__

    def construct(fields_set: set[str], values: dict[str, Any]) -> BaseModel:
        instance = new(model)
        set_attribute(instance, "__dict__", values)
        set_attribute(instance, "__pydantic_fields_set__", fields_set)
        set_attribute(instance, "__pydantic_extra__", None)
        set_attribute(instance, "__pydantic_private__", None)
        return instance

    return construct


_JSON_KIND: dict[type, str] = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
                               float: "number", type(None): "null"}


def _union(annotation: Any, options: list[Any]) -> Decoder | None:
    """Optional values, and unions whose options have different JSON kinds (a number or an object ...)."""
    decoders = [_decoder(option) for option in options]
    if all(found is None for found in decoders):
        return None
    if len(options) == 1:
        only = decoders[0]
        assert only is not None
        return lambda value: None if value is None else only(value)
    by_kind: dict[str, Decoder] = {}
    for option, found in zip(options, decoders):
        kind = _kind(option)
        if kind in by_kind:
            raise CompiledError(f"cannot tell the options of {annotation!r} apart in JSON")
        by_kind[kind] = found or _same
    return lambda value: None if value is None else by_kind[_JSON_KIND[type(value)]](value)


def _kind(annotation: Any) -> str:
    """The JSON kind a value of `annotation` is written as."""
    origin = get_origin(annotation) or annotation
    if origin is Annotated:
        return _kind(get_args(annotation)[0])
    if origin in (list, tuple):
        return "array"
    if origin is dict or (isinstance(origin, type) and issubclass(origin, BaseModel)):
        return "object"
    if isinstance(origin, type) and issubclass(origin, Enum):
        return "string"
    if origin in (int, float):
        return "number"
    if origin is bool:
        return "boolean"
    if origin is str:
        return "string"
    raise CompiledError(f"cannot tell which JSON kind {annotation!r} is written as")
