"""A filled-in sample of any record model, built from its fields.

Used by the vault tests so every model in ALL_RECORDS (including ones added
later) is checked without a hand-written fixture: every field gets a value,
constraints (ge/le, min/max length) are respected, and text fields carry the
awkward characters people really type.
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date, datetime, timedelta, timezone

import annotated_types
from pydantic import BaseModel

AWKWARD = "Sam's [bold]note[/] [@click=app.quit]x \x1b[31m\u00e9\u00df \U0001f642\nline two\ttab"
WHEN = datetime(2026, 3, 14, 15, 9, 26, 535897, tzinfo=timezone.utc)


def _bounds(metadata: list) -> dict:
    found: dict = {}
    for item in metadata:
        for name in ("ge", "gt", "le", "lt", "min_length", "max_length"):
            value = getattr(item, name, None)
            if value is not None:
                found[name] = value
        if isinstance(item, annotated_types.Interval):
            for name in ("ge", "gt", "le", "lt"):
                if getattr(item, name) is not None:
                    found[name] = getattr(item, name)
    return found


def sample_value(annotation, metadata: list, text, depth: int = 0):
    """A valid, non-default value for a field of this type."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        real = [a for a in args if a is not type(None)]
        return sample_value(real[0], metadata, text, depth)
    if origin is typing.Literal:
        return args[-1]
    if origin is typing.Annotated:
        return sample_value(args[0], metadata + list(args[1:]), text, depth)
    if origin in (list, tuple, set, frozenset):
        item = sample_value(args[0], [], text, depth + 1)
        return origin([item]) if origin is not list else [item]
    if origin is dict:
        return {sample_value(args[0], [], text, depth + 1): sample_value(args[1], [], text, depth + 1)}
    bounds = _bounds(metadata)
    if annotation is bool:
        return True
    if annotation is int:
        low = bounds.get("ge", bounds.get("gt", 0) + 1)
        high = bounds.get("le", bounds.get("lt", low + 10) - 1)
        return min(low + 1, high)
    if annotation is float:
        low = float(bounds.get("ge", bounds.get("gt", 0.0)))
        return low + 1.25
    if annotation is str:
        value = text
        low, high = bounds.get("min_length", 0), bounds.get("max_length")
        if high is not None:
            value = value[:high]
        if len(value) < low:
            value = value + "x" * (low - len(value))
        return value
    if annotation is datetime:
        return WHEN + timedelta(days=depth)
    if annotation is date:
        return date(2026, 3, 14) + timedelta(days=depth)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return list(annotation)[-1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return sample_model(annotation, text, depth + 1)
    raise TypeError(f"no sample for {annotation!r}")


# Sealed text as AES-GCM leaves it (a 12-byte nonce, a ciphertext with its tag):
# a seal of another size is a damaged record that no screen shows (issue 13).
SEAL_SHAPE = {"nonce": "AAAAAAAAAAAAAAAA", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAAAA"}


def sample_model(model: type[BaseModel], text: str = AWKWARD, depth: int = 0) -> BaseModel:
    values = {}
    for name, field in model.model_fields.items():
        if name in ("id", "schema_version"):
            continue
        if name in SEAL_SHAPE and {"owner", "nonce", "ciphertext"} <= model.model_fields.keys():
            values[name] = SEAL_SHAPE[name]
            continue
        values[name] = sample_value(field.annotation, list(field.metadata), text, depth)
    return model(**values)


def text_fields(model: type[BaseModel]) -> list[str]:
    """Top-level fields that hold a person's words (str, or str | None)."""
    names = []
    for name, field in model.model_fields.items():
        if name in ("id",):
            continue
        annotation = field.annotation
        args = typing.get_args(annotation)
        if annotation is str or (str in args and typing.get_origin(annotation)
                                 in (typing.Union, types.UnionType)):
            names.append(name)
    return names


def str_bounds(model: type[BaseModel], name: str) -> tuple[int, int | None]:
    bounds = _bounds(list(model.model_fields[name].metadata))
    return bounds.get("min_length", 0), bounds.get("max_length")
