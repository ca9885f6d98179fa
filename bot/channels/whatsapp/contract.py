"""Meta's Send API contract: validates a body against ``#/components/schemas/Message``.

Shared by the test fake of the Graph API (``tests/fakes/graph_api.py``) and the simulator's Graph
API stand-in (``bot/simulator/graph_standin.py``), so both judge a body exactly alike. The spec
is Meta's own OpenAPI file (``../shared/contracts/whatsapp/``, beside the repository, or the file
named by ``VIGIE_TEST_WHATSAPP_SPEC``). Each message type is written there as ``allOf`` of a base
schema and a type schema that both say ``additionalProperties: false``: the parts are merged
first, or every body would be rejected.

When the spec is absent, bodies are validated against ``whatsapp_message.schema.json`` next to
this file, a local schema of the bodies Vigie sends with WhatsApp's limits, with a loud warning
(:class:`SpecMissingWarning`) so that nobody takes the weaker check for Meta's.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[3]
SPEC_PATH = Path(
    os.environ.get(
        "VIGIE_TEST_WHATSAPP_SPEC",
        REPO_ROOT.parent
        / "shared"
        / "contracts"
        / "whatsapp"
        / "business-messaging-api_v23.0.yaml",
    )
)
LOCAL_SCHEMA_PATH = Path(__file__).with_name("whatsapp_message.schema.json")
SPEC_MISSING_WARNING = (
    f"META'S WHATSAPP SPEC IS ABSENT at {SPEC_PATH}: the fake Graph API and the simulator's "
    f"stand-in validate bodies against the local schema {LOCAL_SCHEMA_PATH.name} (the fields "
    "Vigie sends and WhatsApp's limits), "
    "not against Meta's contract. Check out the shared repository next to this one "
    "(../shared/contracts/whatsapp/) to validate against Meta's own schema."
)


class SpecMissingWarning(UserWarning):
    """Bodies are checked against the local schema, not Meta's spec."""


def spec_available(path: Path | None = None) -> bool:
    return (path or SPEC_PATH).is_file()


@functools.cache
def _warn_spec_missing() -> None:
    """Once per process, where it is seen: pytest's warning summary, the log, stderr."""
    warnings.warn(SPEC_MISSING_WARNING, SpecMissingWarning, stacklevel=3)
    logger.warning(SPEC_MISSING_WARNING)
    print(f"WARNING: {SPEC_MISSING_WARNING}", file=sys.stderr, flush=True)


def default_schema_path() -> str:
    """Meta's spec when present, else the local schema (with a loud warning)."""
    if spec_available():
        return str(SPEC_PATH)
    _warn_spec_missing()
    return str(LOCAL_SCHEMA_PATH)


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


#: Meta's spec v23.0 writes the template button `index` pattern as `^[2-6, 11-14]$`, a character
#: class that refuses "0", while Meta's template guide ("Send template messages", components:
#: "index ... Position index of the button. You can have up to 10 buttons using index values of
#: 0 to 9") and the spec's own example ("index: '0'") use 0 to 9. The documented range is used.
QUICK_REPLY_INDEX_PATTERN = "^[0-9]$"


def _correct_quick_reply_index(schemas: dict[str, Any]) -> None:
    for name in ("TemplateComponent", "ButtonComponent"):
        index = schemas.get(name, {}).get("properties", {}).get("index")
        if isinstance(index, dict) and "pattern" in index:
            index["pattern"] = QUICK_REPLY_INDEX_PATTERN


#: A business-scoped user ID: two capital letters, a dot, optionally "ENT." (a parent BSUID),
#: up to 128 letters and digits. Source: Meta's "Business-scoped user IDs" page (2026).
BSUID_PATTERN = r"^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$"


def _add_bsuid_recipient(base: dict[str, Any]) -> None:
    """Teaches the spec the Send API's ``recipient`` (a BSUID), in place.

    The v23.0 spec file predates business-scoped user IDs. Meta's "Business-scoped user IDs"
    page (developers.facebook.com/documentation/business-messaging/whatsapp/
    business-scoped-user-ids/, 2026) adds ``recipient`` beside ``to``: either one, or both
    (then ``to`` wins). The local schema (``whatsapp_message.schema.json``) says the same.
    """
    base.setdefault("properties", {})["recipient"] = {"type": "string", "pattern": BSUID_PATTERN}
    base["required"] = [name for name in base.get("required", []) if name != "to"]
    base["anyOf"] = [{"required": ["to"]}, {"required": ["recipient"]}]


@functools.lru_cache(maxsize=4)
def message_validator(path: str | None = None) -> Any:
    """A validator of one Send API body (loaded once per process and schema).

    ``path`` is Meta's OpenAPI spec (``#/components/schemas/Message``) or a JSON Schema file
    such as the local one; ``None`` picks :func:`default_schema_path`.
    """
    import jsonschema
    import yaml

    path = path or default_schema_path()
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
        jsonschema.Draft202012Validator.check_schema(schema)
        return jsonschema.Draft202012Validator(schema)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        spec = yaml.load(handle, Loader=loader)
    schemas = spec["components"]["schemas"]
    _add_bsuid_recipient(schemas["BaseMessageProperties"])
    merged = {name: _merge_all_of(copy.deepcopy(s), schemas) for name, s in schemas.items()}
    _correct_quick_reply_index(merged)
    document = {"components": {"schemas": merged}}
    # OpenAPI 3.1 schemas are JSON Schema 2020-12.
    resolver = jsonschema.RefResolver("", document)
    return jsonschema.Draft202012Validator(
        {"$ref": "#/components/schemas/Message"}, resolver=resolver
    )


def schema_errors(body: Any, path: str | None = None) -> list[str]:
    """Every way ``body`` breaks the schema (Meta's Message by default; empty when valid)."""
    from jsonschema.exceptions import best_match

    validator = message_validator(path)
    errors = []
    for error in validator.iter_errors(body):
        # oneOf errors hide the useful detail in their context: show the best-matching branch.
        detail = best_match([error]) or error
        location = "/".join(str(p) for p in detail.absolute_path)
        errors.append(f"{location}: {detail.message}"[:500])
    return errors
