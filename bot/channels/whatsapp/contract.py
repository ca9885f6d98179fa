"""Meta's Send API contract: validates a body against ``#/components/schemas/Message``.

Shared by the test fake of the Graph API and the simulator's Graph API stand-in, so both judge
a body exactly alike. The spec is Meta's own OpenAPI file (``../shared/contracts/whatsapp/``,
beside the repository); when it is absent nothing is validated and callers say so.

Each message type is written as ``allOf`` of a base schema and a type schema that both say
``additionalProperties: false``: the parts are merged first, or every body would be rejected.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
SPEC_PATH = (
    REPO_ROOT.parent / "shared" / "contracts" / "whatsapp" / "business-messaging-api_v23.0.yaml"
)


def spec_available(path: Path = SPEC_PATH) -> bool:
    """Whether Meta's spec file is there to validate against."""
    return path.is_file()


def _merge_all_of(node: Any, schemas: dict[str, Any]) -> Any:
    """Returns ``node`` with every ``allOf`` merged into one schema (refs of parts inlined)."""
    if isinstance(node, list):
        return [_merge_all_of(item, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _merge_all_of(value, schemas) for key, value in node.items()}
    parts = node.pop("allOf", None)
    if not parts:
        return node
    merged: dict[str, Any] = {}
    for part in parts:
        if "$ref" in part:
            part = _merge_all_of(schemas[part["$ref"].rsplit("/", 1)[-1]], schemas)
        for key, value in part.items():
            if key == "properties":
                props = merged.setdefault("properties", {})
                for name, schema in value.items():
                    props[name] = {**props.get(name, {}), **schema}
            elif key == "required":
                merged["required"] = sorted(set(merged.get("required", [])) | set(value))
            elif key == "additionalProperties":
                merged[key] = merged.get(key, True) and value
            else:
                merged[key] = value
    merged.update(node)
    return merged


@functools.lru_cache(maxsize=2)
def message_validator(path: str = str(SPEC_PATH)) -> Any:
    """A validator of ``#/components/schemas/Message`` (loaded once per process)."""
    import jsonschema
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        spec = yaml.load(handle, Loader=loader)
    schemas = spec["components"]["schemas"]
    merged = {name: _merge_all_of(copy.deepcopy(s), schemas) for name, s in schemas.items()}
    document = {"components": {"schemas": merged}}
    # OpenAPI 3.1 schemas are JSON Schema 2020-12.
    resolver = jsonschema.RefResolver("", document)
    return jsonschema.Draft202012Validator(
        {"$ref": "#/components/schemas/Message"}, resolver=resolver
    )


def schema_errors(body: Any, path: str = str(SPEC_PATH)) -> list[str]:
    """Every way ``body`` breaks Meta's Message schema (empty when it is valid)."""
    from jsonschema.exceptions import best_match

    validator = message_validator(path)
    errors = []
    for error in validator.iter_errors(body):
        # oneOf errors hide the useful detail in their context: show the best-matching branch.
        detail = best_match([error]) or error
        location = "/".join(str(p) for p in detail.absolute_path)
        errors.append(f"{location}: {detail.message}"[:500])
    return errors


__all__ = ["SPEC_PATH", "message_validator", "schema_errors", "spec_available"]
