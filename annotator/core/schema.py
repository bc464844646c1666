"""The annotation schema: labels with attributes, and relation types with allowed ends.

Schemas are TOML. Loading never executes anything: the file is parsed by tomllib and
every value is checked, and a mistake is reported with the key that holds it.

An attribute is a list of values, or a table with its ``values``, a ``default`` given to
new annotations, a ``description`` and ``descriptions`` of each value (the window shows
them as tooltips and in its Guidelines panel). ``guidelines`` names a text file (Markdown)
beside the schema file; its text is kept in the schema, so a database's copy has it too.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_MAX_SCHEMA_BYTES = 1_000_000
# What XML 1.0 (Label Studio configs, XMI type systems) cannot hold, and C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_MAX_GUIDELINES_BYTES = 1_000_000


@dataclass(frozen=True)
class Label:
    name: str
    color: str
    key: str
    description: str = ""
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # By attribute name: the value new annotations get, and what the attribute and each
    # of its values mean (only those the schema gives).
    defaults: dict[str, str] = field(default_factory=dict)
    attribute_descriptions: dict[str, str] = field(default_factory=dict)
    value_descriptions: dict[str, dict[str, str]] = field(default_factory=dict)


# Schemas written before relations declared ``required`` (the copies kept inside older
# databases) expected their first relation type of every annotation it starts from,
# except where one of these attribute values says no link is wanted.
LEGACY_UNLESS: dict[str, tuple[str, ...]] = {"voice": ("author", "unattributed")}


@dataclass(frozen=True)
class RelationType:
    """A relation type: which labels it links, and whether it is expected.

    Attributes:
        required: every annotation of a ``sources`` label is expected to have one
            (a claim its source); the window flags those that lack it.
        unless: attribute values that lift the requirement (a claim in the writer's
            own voice needs no source).
    """

    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    description: str = ""
    required: bool = False
    unless: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def allows(self, from_label: str, to_label: str) -> bool:
        return from_label in self.sources and to_label in self.targets

    def expected_from(self, label: str, attributes: dict[str, Any]) -> bool:
        """Whether an annotation with this label and these attributes should have one."""
        if not self.required or label not in self.sources:
            return False
        return not any(attributes.get(name) in values for name, values in self.unless.items())


@dataclass(frozen=True)
class Schema:
    name: str
    labels: dict[str, Label]
    relations: dict[str, RelationType]
    version: int = 1
    guidelines: str = ""  # the guidelines text (Markdown), if the schema has one

    def label(self, name: str) -> Label:
        if not isinstance(name, str):
            raise SchemaError(f"a label is a name, not {type(name).__name__} {name!r}")
        try:
            return self.labels[name]
        except KeyError:
            raise SchemaError(
                f"unknown label {name!r}; the schema has {', '.join(self.labels)}"
            ) from None

    def relation(self, name: str) -> RelationType:
        if not isinstance(name, str):
            raise SchemaError(f"a relation type is a name, not {type(name).__name__} {name!r}")
        try:
            return self.relations[name]
        except KeyError:
            raise SchemaError(
                f"unknown relation type {name!r}; the schema has {', '.join(self.relations)}"
            ) from None

    def expected_relations(self, label: str, attributes: dict[str, Any]) -> list[RelationType]:
        """The relation types an annotation is expected to start (see ``required``)."""
        return [r for r in self.relations.values() if r.expected_from(label, attributes)]

    def check_attributes(self, label: str, attributes: dict[str, Any]) -> None:
        """Refuse attribute names or values the schema does not allow for ``label``."""
        allowed = self.label(label).attributes
        for key, value in attributes.items():
            if key not in allowed:
                raise SchemaError(f"label {label} has no attribute {key!r}")
            if value is not None and value not in allowed[key]:
                raise SchemaError(
                    f"{label}.{key} cannot be {value!r}; allowed: {', '.join(allowed[key])}"
                )

    def all_attribute_names(self) -> list[str]:
        """Every attribute name, in schema order, without repeats."""
        names: dict[str, None] = {}
        for label in self.labels.values():
            names.update(dict.fromkeys(label.attributes))
        return list(names)

    def attribute_table(self) -> dict[str, tuple[list[str], list[str]]]:
        """Each attribute name with the labels that have it and the union of its values
        (in schema order): what tools with one flat attribute list (brat, Label Studio) need."""
        table: dict[str, tuple[list[str], list[str]]] = {}
        for label in self.labels.values():
            for attr, allowed in label.attributes.items():
                owners, values = table.setdefault(attr, ([], []))
                owners.append(label.name)
                values.extend(v for v in allowed if v not in values)
        return table

    def to_toml(self) -> str:
        """The schema as TOML text that ``loads`` reads back to an equal schema."""
        lines = [f"name = {_q(self.name)}", f"version = {self.version}"]
        if self.guidelines:
            lines.append(f"guidelines_text = {_q(self.guidelines)}")
        lines.append("")
        for label in self.labels.values():
            lines.append(f"[labels.{label.name}]")
            lines.append(f"color = {_q(label.color)}")
            lines.append(f"key = {_q(label.key)}")
            if label.description:
                lines.append(f"description = {_q(label.description)}")
            plain = [a for a in label.attributes if not _has_details(label, a)]
            if plain:
                lines.append("")
                lines.append(f"[labels.{label.name}.attributes]")
                for attr in plain:
                    values = label.attributes[attr]
                    lines.append(f"{attr} = [{', '.join(_q(v) for v in values)}]")
            for attr, values in label.attributes.items():
                if attr in plain:
                    continue
                lines.append("")
                lines.append(f"[labels.{label.name}.attributes.{attr}]")
                lines.append(f"values = [{', '.join(_q(v) for v in values)}]")
                if attr in label.defaults:
                    lines.append(f"default = {_q(label.defaults[attr])}")
                if attr in label.attribute_descriptions:
                    lines.append(f"description = {_q(label.attribute_descriptions[attr])}")
                meanings = label.value_descriptions.get(attr, {})
                if meanings:
                    lines.append("")
                    lines.append(f"[labels.{label.name}.attributes.{attr}.descriptions]")
                    lines.extend(f"{_q(v)} = {_q(text)}" for v, text in meanings.items())
            lines.append("")
        for rel in self.relations.values():
            lines.append(f"[relations.{rel.name}]")
            lines.append(f"from = [{', '.join(_q(v) for v in rel.sources)}]")
            lines.append(f"to = [{', '.join(_q(v) for v in rel.targets)}]")
            if rel.description:
                lines.append(f"description = {_q(rel.description)}")
            if rel.required:
                lines.append("required = true")
            if rel.unless:
                lines.append("")
                lines.append(f"[relations.{rel.name}.unless]")
                for attr, values in rel.unless.items():
                    lines.append(f"{attr} = [{', '.join(_q(v) for v in values)}]")
            lines.append("")
        return "\n".join(lines)


def _has_details(label: Label, attr: str) -> bool:
    return (
        attr in label.defaults
        or attr in label.attribute_descriptions
        or bool(label.value_descriptions.get(attr))
    )


def _q(value: str) -> str:
    # A JSON string is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def loads(source: str, where: str = "schema", folder: Path | None = None) -> Schema:
    """Parse and check a TOML schema; ``folder`` is where its guidelines file is.

    Raises:
        SchemaError: the message names ``where`` and the key at fault.
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{where}: not valid TOML: {exc}") from None
    except RecursionError:
        raise SchemaError(f"{where}: not a schema: arrays or tables nested too deeply") from None
    return _build(data, where, folder)


def load(path: str | Path) -> Schema:
    """Read a schema file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > _MAX_SCHEMA_BYTES:
            raise SchemaError(f"{path}: {size} bytes is too large for a schema file")
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemaError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SchemaError(f"{path}: not UTF-8 text") from None
    return loads(source, str(path), path.parent)


def _guidelines(data: dict[str, Any], where: str, folder: Path | None) -> str:
    """The guidelines text: inline (a database's copy), or read from the file named."""
    if "guidelines_text" in data:
        return _str(data["guidelines_text"], "guidelines_text", where)
    if "guidelines" not in data:
        return ""
    name = _str(data["guidelines"], "guidelines", where)
    if not name or Path(name).name != name or name in (".", ".."):
        raise SchemaError(
            f"{where}: guidelines: expected the name of a file beside the schema, got {name!r}"
        )
    if folder is None:
        # A schema given as text (not a file) has no folder to read its guidelines from:
        # it is the same schema without them.
        return ""
    path = folder / name
    try:
        if path.stat().st_size > _MAX_GUIDELINES_BYTES:
            raise SchemaError(f"{where}: guidelines: {path} is too large")
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemaError(f"{where}: guidelines: {path} cannot be read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise SchemaError(f"{where}: guidelines: {path} is not UTF-8 text") from None


def _build(data: dict[str, Any], where: str, folder: Path | None = None) -> Schema:
    _only(
        data,
        {"name", "version", "labels", "relations", "guidelines", "guidelines_text"},
        "",
        where,
    )
    name = _str(data.get("name", "schema"), "name", where)
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SchemaError(f"{where}: version must be a positive whole number")
    raw_labels = data.get("labels")
    if not isinstance(raw_labels, dict) or not raw_labels:
        raise SchemaError(f"{where}: labels: at least one [labels.NAME] table is required")
    labels: dict[str, Label] = {}
    keys: dict[str, str] = {}
    for label_name, body in raw_labels.items():
        label = _label(label_name, body, where)
        if label.key in keys:
            raise SchemaError(
                f"{where}: labels.{label_name}.key: {label.key!r} is already the key of "
                f"{keys[label.key]}"
            )
        keys[label.key] = label_name
        labels[label_name] = label
    raw_relations = data.get("relations", {})
    if not isinstance(raw_relations, dict):
        raise SchemaError(f"{where}: relations must be a table of [relations.NAME] tables")
    relations = {
        rel_name: _relation(rel_name, body, labels, where)
        for rel_name, body in raw_relations.items()
    }
    if relations and not any(
        isinstance(body, dict) and "required" in body for body in raw_relations.values()
    ):
        relations = _legacy_requirement(relations, labels)
    guidelines = _guidelines(data, where, folder)
    return Schema(
        name=name, labels=labels, relations=relations, version=version, guidelines=guidelines
    )


def _legacy_requirement(
    relations: dict[str, RelationType], labels: dict[str, Label]
) -> dict[str, RelationType]:
    """A schema that declares no requirement: its first relation type is expected, as it
    always was, with the exemptions (``LEGACY_UNLESS``) its labels can express."""
    first = next(iter(relations.values()))
    unless = {
        attr: tuple(
            v for v in values if any(v in labels[s].attributes.get(attr, ()) for s in first.sources)
        )
        for attr, values in LEGACY_UNLESS.items()
    }
    unless = {attr: values for attr, values in unless.items() if values}
    return {**relations, first.name: replace(first, required=True, unless=unless)}


def _label(name: str, body: Any, where: str) -> Label:
    key_path = f"labels.{name}"
    if not _NAME.match(name):
        raise SchemaError(f"{where}: {key_path}: a label name is letters, digits and _")
    if not isinstance(body, dict):
        raise SchemaError(f"{where}: {key_path} must be a table")
    _only(body, {"color", "key", "description", "attributes"}, key_path, where)
    color = _str(body.get("color"), f"{key_path}.color", where)
    if not _COLOR.match(color):
        raise SchemaError(f"{where}: {key_path}.color: expected #RRGGBB, got {color!r}")
    key = _str(body.get("key"), f"{key_path}.key", where)
    if len(key) != 1 or key.isspace():
        raise SchemaError(f"{where}: {key_path}.key: expected one character, got {key!r}")
    description = _str(body.get("description", ""), f"{key_path}.description", where)
    raw_attrs = body.get("attributes", {})
    if not isinstance(raw_attrs, dict):
        raise SchemaError(f"{where}: {key_path}.attributes must be a table")
    attributes: dict[str, tuple[str, ...]] = {}
    defaults: dict[str, str] = {}
    meanings: dict[str, str] = {}
    value_meanings: dict[str, dict[str, str]] = {}
    for attr, values in raw_attrs.items():
        attr_path = f"{key_path}.attributes.{attr}"
        if not _NAME.match(attr):
            raise SchemaError(f"{where}: {attr_path}: an attribute name is letters, digits and _")
        details: dict[str, Any] = {}
        if isinstance(values, dict):
            details = values
            _only(details, {"values", "default", "description", "descriptions"}, attr_path, where)
            values = details.get("values")
            attr_path = f"{attr_path}.values"
        if not isinstance(values, list) or not values:
            raise SchemaError(f"{where}: {attr_path}: expected a non-empty list of values")
        checked = tuple(_str(v, attr_path, where) for v in values)
        if len(set(checked)) != len(checked):
            raise SchemaError(f"{where}: {attr_path}: values repeat")
        attributes[attr] = checked
        _details(details, checked, f"{key_path}.attributes.{attr}", where)
        if "default" in details:
            defaults[attr] = details["default"]
        if "description" in details:
            meanings[attr] = details["description"]
        if details.get("descriptions"):
            value_meanings[attr] = dict(details["descriptions"])
    return Label(
        name, color.upper(), key, description, attributes, defaults, meanings, value_meanings
    )


def _details(details: dict[str, Any], values: tuple[str, ...], path: str, where: str) -> None:
    """Check an attribute table's default and descriptions against its values."""
    if "default" in details:
        default = _str(details["default"], f"{path}.default", where)
        if default not in values:
            raise SchemaError(
                f"{where}: {path}.default: {default!r} is not one of {', '.join(values)}"
            )
    if "description" in details:
        _str(details["description"], f"{path}.description", where)
    described = details.get("descriptions", {})
    if not isinstance(described, dict):
        raise SchemaError(f"{where}: {path}.descriptions must be a table of value = text")
    for value, text in described.items():
        if value not in values:
            raise SchemaError(
                f"{where}: {path}.descriptions.{value}: not one of {', '.join(values)}"
            )
        _str(text, f"{path}.descriptions.{value}", where)


def _relation(name: str, body: Any, labels: dict[str, Label], where: str) -> RelationType:
    key_path = f"relations.{name}"
    if not _NAME.match(name):
        raise SchemaError(f"{where}: {key_path}: a relation name is letters, digits and _")
    if not isinstance(body, dict):
        raise SchemaError(f"{where}: {key_path} must be a table")
    _only(body, {"from", "to", "description", "required", "unless"}, key_path, where)
    ends = []
    for end in ("from", "to"):
        values = body.get(end)
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not values:
            raise SchemaError(f"{where}: {key_path}.{end}: expected a label or a list of labels")
        for value in values:
            if value not in labels:
                raise SchemaError(
                    f"{where}: {key_path}.{end}: {value!r} is not a label of this schema"
                )
        ends.append(tuple(values))
    description = _str(body.get("description", ""), f"{key_path}.description", where)
    required = body.get("required", False)
    if not isinstance(required, bool):
        raise SchemaError(f"{where}: {key_path}.required: expected true or false")
    unless = _unless(body.get("unless", {}), ends[0], labels, f"{key_path}.unless", where)
    if unless and not required:
        raise SchemaError(f"{where}: {key_path}.unless: only a required relation has exceptions")
    return RelationType(name, ends[0], ends[1], description, required, unless)


def _unless(
    raw: Any, sources: tuple[str, ...], labels: dict[str, Label], key_path: str, where: str
) -> dict[str, tuple[str, ...]]:
    """Attribute values of the ``from`` labels that lift a requirement."""
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: {key_path} must be a table of attribute = [values]")
    unless: dict[str, tuple[str, ...]] = {}
    for attr, values in raw.items():
        attr_path = f"{key_path}.{attr}"
        allowed = {v for s in sources for v in labels[s].attributes.get(attr, ())}
        if not allowed:
            raise SchemaError(
                f"{where}: {attr_path}: no label this relation starts from has attribute {attr!r}"
            )
        if not isinstance(values, list) or not values:
            raise SchemaError(f"{where}: {attr_path}: expected a non-empty list of values")
        checked = tuple(_str(v, attr_path, where) for v in values)
        for value in checked:
            if value not in allowed:
                raise SchemaError(
                    f"{where}: {attr_path}: {value!r} is not a value of {attr}; "
                    f"allowed: {', '.join(sorted(allowed))}"
                )
        unless[attr] = checked
    return unless


def _only(table: dict[str, Any], allowed: set[str], key_path: str, where: str) -> None:
    for key in table:
        if key not in allowed:
            full = f"{key_path}.{key}" if key_path else key
            full = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", full)
            raise SchemaError(
                f"{where}: {full}: unknown key; expected one of {', '.join(sorted(allowed))}"
            )


def _str(value: Any, key_path: str, where: str) -> str:
    if value is None:
        raise SchemaError(f"{where}: {key_path}: missing")
    if not isinstance(value, str):
        raise SchemaError(f"{where}: {key_path}: expected text, got {type(value).__name__}")
    control = _CONTROL.search(value)
    if control:
        raise SchemaError(
            f"{where}: {key_path}: holds the control character U+{ord(control.group()):04X}, "
            "which no schema text may hold"
        )
    return value
