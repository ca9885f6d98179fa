"""Walking Rasa YAML with line numbers: what the bot says and what its forms ask for.

`iter_items(path)` yields `Item`s from one YAML file, through `yaml.compose` nodes so each
item has its line (1-based). Files that are not Rasa domain or training data (NLU examples,
catalogues, anything else) yield nothing; unknown keys and shapes are skipped, never fatal.

What is read:

- ``responses: {utter_x: [variation, ...]}``: each variation's ``text``, its ``buttons``
  (``title``, ``payload``), every string inside ``custom``;
- ``forms: {name: {required_slots: [slot, ...]}}`` (also the Rasa 2 mapping form);
- ``stories:`` / ``rules:`` ``steps:``, the end-to-end ``- bot: "text"`` steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Item", "YamlError", "iter_items", "yaml_files"]


@dataclass(frozen=True)
class Item:
    """One thing to lint.

    Attributes:
        path: the file.
        line: 1-based line of the value.
        what: ``"text"`` (a response text), ``"custom"`` (a string in a custom payload),
            ``"bot"`` (a bot step in a story or rule), ``"buttons"`` (a response's buttons),
            ``"slot"`` (a slot a form asks for).
        where: the response, form, story or rule it belongs to.
        value: the text or slot name; empty for ``"buttons"``.
        buttons: for ``"buttons"``, ``(line, title, payload)`` of each button.
        has_buttons: for ``"text"``, whether the variation has buttons too.
    """

    path: str
    line: int
    what: str
    where: str
    value: str = ""
    buttons: tuple[tuple[int, str, str], ...] = field(default=())
    has_buttons: bool = False


class YamlError(Exception):
    """A file that is not valid YAML; `line` is 1-based."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def yaml_files(paths: list[str]) -> Iterator[Path]:
    """Every ``.yml``/``.yaml`` file of `paths` (files as given, folders recursively, sorted)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml"))
        else:
            yield path


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


def _mapping(node: Any) -> list[tuple[Any, Any]]:
    import yaml

    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _sequence(node: Any) -> list[Any]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _string(node: Any) -> str | None:
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        return str(node.value)
    return None


def _get(node: Any, key: str) -> Any:
    return _get_pair(node, key)[1]


def _get_pair(node: Any, key: str) -> tuple[Any, Any]:
    """The key node and value node of `key` in a mapping node, or ``(None, None)``."""
    for key_node, value in _mapping(node):
        if getattr(key_node, "value", None) == key:
            return key_node, value
    return None, None


def iter_items(path: Path) -> Iterator[Item]:
    """The items of the Rasa YAML file `path`.

    Raises:
        YamlError: the file is not valid YAML.
        OSError: it cannot be read.
    """
    import yaml

    text = path.read_text(encoding="utf-8")
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise YamlError(str(error).replace("\n", " "), mark.line + 1 if mark else 1) from None
    for root in documents:
        for key_node, value in _mapping(root):
            key = getattr(key_node, "value", None)
            if key == "responses":
                yield from _responses(str(path), value)
            elif key == "forms":
                yield from _forms(str(path), value)
            elif key in ("stories", "rules"):
                yield from _steps(str(path), value)


def _responses(path: str, node: Any) -> Iterator[Item]:
    for name_node, variations in _mapping(node):
        name = str(name_node.value)
        for variation in _sequence(variations):
            buttons = []
            buttons_key, buttons_node = _get_pair(variation, "buttons")
            for button in _sequence(buttons_node):
                title = _string(_get(button, "title")) or ""
                payload = _string(_get(button, "payload")) or ""
                buttons.append((_line(button), title, payload))
            text_node = _get(variation, "text")
            text = _string(text_node)
            if text is not None:
                yield Item(path, _line(text_node), "text", name, text, has_buttons=bool(buttons))
            if buttons:
                line = _line(buttons_key)  # the "buttons:" line
                yield Item(path, line, "buttons", name, buttons=tuple(buttons))
            yield from _custom(path, name, _get(variation, "custom"))


def _custom(path: str, name: str, node: Any) -> Iterator[Item]:
    if node is None:
        return
    value = _string(node)
    if value is not None:
        yield Item(path, _line(node), "custom", name, value)
    for key, child in _mapping(node):
        if _string(key) not in ("type", "id", "payload", "url", "link", "image"):
            yield from _custom(path, name, child)
    for child in _sequence(node):
        yield from _custom(path, name, child)


def _forms(path: str, node: Any) -> Iterator[Item]:
    for name_node, form in _mapping(node):
        required = _get(form, "required_slots")
        slots = [(s, _string(s)) for s in _sequence(required)]
        slots += [(k, _string(k)) for k, _ in _mapping(required)]  # Rasa 2: slot -> mappings
        for slot_node, slot in slots:
            if slot:
                yield Item(path, _line(slot_node), "slot", str(name_node.value), slot)


def _steps(path: str, node: Any) -> Iterator[Item]:
    for entry in _sequence(node):
        where = _string(_get(entry, "story")) or _string(_get(entry, "rule")) or "?"
        for step in _sequence(_get(entry, "steps")):
            bot = _get(step, "bot")
            text = _string(bot)
            if text is not None:
                yield Item(path, _line(bot), "bot", where, text)
