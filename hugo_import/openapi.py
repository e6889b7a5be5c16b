"""An OpenAPI 3 specification as Markdown, following hugo-book's `openapi` shortcode.

Same sections, headings and tables as the shortcode's template (info, servers, security,
operations grouped by tag, models), so the imported page says what the Hugo page said.
Maps are walked in sorted key order, as Go templates walk them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .errors import HugoImportError
from .headings import hugo_slug

METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
LOCATIONS = (
    ("path", "Path parameters"),
    ("query", "Query parameters"),
    ("header", "Header parameters"),
    ("cookie", "Cookie parameters"),
)
Spec = Mapping[str, Any]


def load_spec(path: Path) -> Spec:
    """Read a JSON or YAML specification."""
    try:
        text = path.read_text(encoding="utf-8")
        spec = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise HugoImportError(f"{path}: not a readable OpenAPI specification:\n{error}") from None
    if not isinstance(spec, dict):
        raise HugoImportError(f"{path}: not an OpenAPI specification (not a mapping)")
    return spec


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def _deref(spec: Spec, value: Any) -> Any:
    while isinstance(value, dict) and "$ref" in value:
        node: Any = spec
        for part in str(value["$ref"]).lstrip("#/").split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        value = node
    return value if isinstance(value, dict) else {}


def _model_link(ref: str) -> str:
    name = ref.rsplit("/", 1)[-1]
    return f"[{name}](#model-{hugo_slug(name)})"


def _type(spec: Spec, schema: Any) -> str:
    if not isinstance(schema, dict):
        return ""
    if "$ref" in schema:
        return _model_link(str(schema["$ref"]))
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) and kind else kind
    if kind == "array":
        return "array of " + _type(spec, schema.get("items"))
    if kind:
        return f"{kind} ({schema['format']})" if schema.get("format") else str(kind)
    return "enum" if schema.get("enum") else ""


def _info(spec: Spec) -> list[str]:
    info = spec.get("info") or {}
    out = [str(info.get("description") or "").strip()]
    meta = []
    if info.get("version"):
        meta.append(f"`v{info['version']}`")
    license_ = info.get("license") or {}
    if license_.get("name"):
        meta.append(
            f"[{license_['name']}]({license_['url']})" if license_.get("url") else license_["name"]
        )
    email = (info.get("contact") or {}).get("email")
    if email:
        meta.append(f"[{email}](mailto:{email})")
    if info.get("termsOfService"):
        meta.append(f"[Terms of service]({info['termsOfService']})")
    docs = spec.get("externalDocs") or {}
    if docs.get("url"):
        meta.append(f"[{docs.get('description') or docs['url']}]({docs['url']})")
    out.append("  \n".join(meta))
    return out


def _servers(spec: Spec) -> list[str]:
    servers = spec.get("servers") or []
    if not servers:
        return []
    out = ["## Servers"]
    for server in servers:
        lines = [
            _one_line(server.get("description")) or "Server",
            f": [`{server.get('url')}`]({server.get('url')})",
        ]
        for name, var in sorted((server.get("variables") or {}).items()):
            extra = f", enum: {', '.join(map(str, var['enum']))}" if var.get("enum") else ""
            extra += f", {_one_line(var['description'])}" if var.get("description") else ""
            lines.append(f": `{name}`: default `{var.get('default')}`{extra}")
        out.append("\n".join(lines))
    return out


def _security(spec: Spec) -> list[str]:
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    if not schemes:
        return []
    out = ["## Security"]
    for name, ref in sorted(schemes.items()):
        scheme = _deref(spec, ref)
        head = (
            f"{_one_line(scheme['description'])}\n: `{name}`"
            if scheme.get("description")
            else f"`{name}`"
        )
        detail = f": `{scheme.get('type')}`"
        if scheme.get("scheme"):
            detail += f" `{scheme['scheme']}`"
        if scheme.get("in"):
            detail += f" in `{scheme['in']}`"
        if scheme.get("name"):
            detail += f" (`{scheme['name']}`)"
        if scheme.get("bearerFormat"):
            detail += f" `{scheme['bearerFormat']}`"
        out.append(f"{head}\n{detail}")
    return out


def _properties(spec: Spec, schema: Any) -> list[str]:
    value = _deref(spec, schema)
    props: dict[str, Any] = dict(value.get("properties") or {})
    required = list(value.get("required") or [])
    for part in value.get("allOf") or []:
        if isinstance(part, dict) and "$ref" not in part:
            props.update(part.get("properties") or {})
            required += part.get("required") or []
    if not props:
        return []
    rows = [
        "| Property | Type | Required | Description |",
        "|----------|------|----------|-------------|",
    ]
    for name, prop in sorted(props.items()):
        description = _one_line(_deref(spec, prop).get("description"))
        yes = "yes" if name in required else "no"
        rows.append(f"| `{name}` | {_type(spec, prop)} | {yes} | {description} |")
    return ["\n".join(rows)]


def _examples(media: str, obj: Mapping[str, Any], spec: Spec) -> list[str]:
    out = []
    examples = obj.get("examples") or {}
    fence = f'```jsonc title="{media}"'
    if examples:
        for name, ref in sorted(examples.items()):
            example = _deref(spec, ref)
            label = example.get("summary") or name
            if example.get("description"):
                label += f" - {_one_line(example['description'])}"
            out.append(f"{label}\n\n{fence}\n{json.dumps(example.get('value'), indent=2)}\n```")
    elif "example" in obj:
        out.append(f"{fence}\n{json.dumps(obj['example'], indent=2)}\n```")
    return out


def _schema_summary(spec: Spec, content: Mapping[str, Any]) -> list[str]:
    schema = next(
        (obj.get("schema") for _, obj in sorted(content.items()) if obj.get("schema")), None
    )
    if schema is None:
        return []
    out = [f"Schema: {_type(spec, schema)}"]
    value = _deref(spec, schema)
    item = value.get("items") if not value.get("properties") and value.get("items") else schema
    item_value = _deref(spec, item)
    if item_value.get("properties") or item_value.get("allOf"):
        out += _properties(spec, item)
    return out


def _operation(
    spec: Spec, path: str, method: str, operation: Mapping[str, Any], item: Mapping[str, Any]
) -> list[str]:
    title = operation.get("summary") or f"`{method.upper()} {path}`"
    if operation.get("deprecated"):
        title = f"~~{title}~~"
    anchor = (
        f" {{#op-{hugo_slug(operation['operationId'])}}}" if operation.get("operationId") else ""
    )
    out = [f"### {title}{anchor}"]
    if operation.get("description"):
        out.append(str(operation["description"]).strip())
    docs = operation.get("externalDocs") or {}
    if docs.get("url"):
        out.append(f"[{_one_line(docs.get('description')) or docs['url']}]({docs['url']})")
    security = operation.get("security") or spec.get("security") or []
    requirements = [
        " and ".join(f"[{name}](#security)" for name in sorted(r)) for r in security if r
    ]
    required = f" (requires {', '.join(requirements)})" if requirements else ""
    out.append(f"#### Request{required}")
    out.append(f"```tpl\n{method.upper()} {path}\n```")
    own = [_deref(spec, p) for p in operation.get("parameters") or []]
    keys = {(p.get("in"), p.get("name")) for p in own}
    shared = [_deref(spec, p) for p in item.get("parameters") or []]
    params = [p for p in shared if (p.get("in"), p.get("name")) not in keys] + own
    for location, label in LOCATIONS:
        chosen = [p for p in params if p.get("in") == location]
        if not chosen:
            continue
        rows = [
            "| Parameter name | Value | Description | Additional |",
            "|----------------|-------|-------------|------------|",
        ]
        for param in chosen:
            rows.append(
                f"| `{param.get('name')}` | {_type(spec, param.get('schema'))} | "
                f"{_one_line(param.get('description'))} | {_param_extras(spec, param)} |"
            )
        out += [f"#### {label}", "\n".join(rows)]
    body = _deref(spec, operation.get("requestBody")) if operation.get("requestBody") else {}
    if body.get("description") or body.get("content"):
        out.append(f"#### Request body{' (required)' if body.get('required') else ''}")
        if body.get("description"):
            out.append(str(body["description"]).strip())
        content = body.get("content") or {}
        for media, obj in sorted(content.items()):
            out += _examples(media, obj, spec)
        out += _schema_summary(spec, content)
    responses = operation.get("responses") or {}
    if responses:
        out.append("#### Responses")
        for code, ref in sorted(responses.items(), key=lambda kv: str(kv[0])):
            response = _deref(spec, ref)
            line = f"`{code}`" + (
                f": {_one_line(response['description'])}" if response.get("description") else ""
            )
            out.append(line)
            content = response.get("content") or {}
            for media, obj in sorted(content.items()):
                out += _examples(media, obj, spec)
            out += _schema_summary(spec, content)
            headers = response.get("headers") or {}
            if headers:
                rows = [
                    f"`{code}` response headers:",
                    "",
                    "| Name | Type | Description |",
                    "|------|------|-------------|",
                ]
                for name, header_ref in sorted(headers.items()):
                    header = _deref(spec, header_ref)
                    kind, text = (
                        _type(spec, header.get("schema")),
                        _one_line(header.get("description")),
                    )
                    rows.append(f"| `{name}` | {kind} | {text} |")
                out.append("\n".join(rows))
    return out


def _param_extras(spec: Spec, param: Mapping[str, Any]) -> str:
    bits = []
    if param.get("required"):
        bits.append("Required")
    if param.get("deprecated"):
        bits.append("Deprecated")
    schema = _deref(spec, param.get("schema"))
    example = param.get("example", schema.get("example"))
    if schema.get("default") is not None:
        bits.append(f"Default: `{schema['default']}`")
    if example is not None:
        bits.append(f"Example: `{example}`")
    return ", ".join(bits)


def _operations(spec: Spec) -> list[str]:
    by_tag: dict[str, list[tuple[str, str, Mapping[str, Any], Mapping[str, Any]]]] = {}
    for path, item in sorted((spec.get("paths") or {}).items()):
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                for tag in operation.get("tags") or ["API"]:
                    by_tag.setdefault(tag, []).append((path, method, operation, item))
    out: list[str] = []
    for tag, entries in sorted(by_tag.items()):
        out.append(f"## {tag[:1].upper() + tag[1:]}")
        for path, method, operation, item in entries:
            out += _operation(spec, path, method, operation, item)
    return out


def _models(spec: Spec) -> list[str]:
    schemas = (spec.get("components") or {}).get("schemas") or {}
    if not schemas:
        return []
    out = ["## Models"]
    for name, ref in sorted(schemas.items()):
        value = _deref(spec, ref)
        out.append(f"### {name} {{#model-{hugo_slug(name)}}}")
        if value.get("description"):
            out.append(str(value["description"]).strip())
        parents = [
            p["$ref"] for p in value.get("allOf") or [] if isinstance(p, dict) and "$ref" in p
        ]
        if parents:
            out.append("Inherits from " + ", ".join(_model_link(p) for p in parents) + ".")
        if value.get("properties") or value.get("allOf"):
            out += _properties(spec, ref)
        else:
            enum = value.get("enum")
            listed = f" (enum: {', '.join(f'`{v}`' for v in enum)})" if enum else ""
            out.append(f"Type: {_type(spec, ref)}{listed}")
    return out


def render_openapi(spec: Spec) -> str:
    """The specification as Markdown: info, servers, security, operations, models."""
    parts = [*_info(spec), *_servers(spec), *_security(spec), *_operations(spec), *_models(spec)]
    return "\n\n".join(part for part in parts if part.strip())
