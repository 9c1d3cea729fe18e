"""Request bodies checked against Discord's official OpenAPI description (``spec/openapi.json``).

The fake's own rules (:mod:`.validation`) cover the limits bots trip over and the spec leaves
out; this module covers everything the spec *does* say, so a test cannot pass on a body real
Discord would refuse just because nobody thought of writing a rule for it.

Why it is built this way:

* The operation is found by method + path template, exactly as the spec names it, and its
  ``application/json`` request-body schema is validated with every ``$ref`` resolved against
  the whole document (``referencing``). Multipart bodies are validated through their
  ``payload_json`` part, which is what Discord parses as the JSON body.
* The spec is OpenAPI 3.1 without ``jsonSchemaDialect``, so its schemas are JSON Schema 2020-12
  (the OAS base dialect only adds annotations).
* A request body that is a union keyed by ``type`` (the interaction callback: seven schemas,
  each pinning its ``type`` values) is validated against the one branch its ``type`` selects:
  a plain ``anyOf`` failure says only "not valid under any of the given schemas", which tells
  nobody what to fix. Nested unions (components, command options) are validated as written;
  their errors are reported from the branch the value's own ``type`` names.
* Where the spec is looser or stricter than Discord, the fix is by name in one place:
  :data:`ALLOWED_LOOSENESS` here, the documented limits in :mod:`.validation`.
* Loading, reference resolution and validators are built once per process (the document is
  1.2 MB and every test in the suite talks to the fake), and the verdict on a body already
  seen is reused: most tests bulk-overwrite the same command list.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import reprlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .validation import LIMITS_BY_ROUTE, ApiError

__all__ = [
    "ALLOWED_LOOSENESS",
    "EXCUSED",
    "SPEC_PATH",
    "UNVALIDATED",
    "VALIDATED",
    "VALIDATED_CALLBACK_TYPES",
    "Allowance",
    "Operation",
    "Refusal",
    "SpecCheck",
    "check_body",
    "check_request",
    "find_operation",
    "route_counts_report",
]

SPEC_PATH = Path(__file__).with_name("spec") / "openapi.json"
# The document is registered under a URN so that its internal "#/components/..." references
# resolve against the whole document wherever validation starts.
_SPEC_URI = "urn:discord-api-spec:openapi.json"
_METHODS = ("get", "put", "post", "patch", "delete")
# jsonschema would silently skip "uri"/"date-time" without optional packages and knows nothing
# of the OpenAPI integer formats; these are the formats the spec uses whose meaning is certain.
_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1), "snowflake": (0, 2**64 - 1)}

#: Bodies validated against the spec since the process started, by (method, path template).
VALIDATED: Counter[tuple[str, str]] = Counter()
#: Interaction callbacks validated, by callback ``type`` (the branch of the union they selected).
VALIDATED_CALLBACK_TYPES: Counter[int] = Counter()
#: Bodies sent to a route whose operation the spec does not give a JSON body (or does not know).
UNVALIDATED: Counter[tuple[str, str]] = Counter()
#: Errors the allow-list excused, by "route field" (so an excuse in use is never invisible).
EXCUSED: Counter[str] = Counter()


@dataclass(frozen=True)
class Allowance:
    """One place where Discord accepts what its spec refuses (or discord.py's wire format
    differs from the spec in a way Discord tolerates). Matched by route, field and keyword, so
    it excuses exactly that and nothing else."""

    routes: frozenset[str]
    #: Path of the field inside the body; "*" matches any list index or key.
    path: tuple[str, ...]
    keyword: str
    accepts: Callable[[Any], bool]
    why: str

    def excuses(self, route: str, error: ValidationError) -> bool:
        path = tuple(error.absolute_path)
        return (
            route in self.routes
            and error.validator == self.keyword
            and len(path) == len(self.path)
            and all(want == "*" or want == str(got) for want, got in zip(self.path, path, strict=True))
            and self.accepts(error.instance)
        )


_CALLBACK = "POST /interactions/{interaction_id}/{interaction_token}/callback"
_MESSAGE_ROUTES = frozenset(
    {
        "POST /webhooks/{webhook_id}/{webhook_token}",
        "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original",
        "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
        "POST /channels/{channel_id}/messages",
        "PATCH /channels/{channel_id}/messages/{message_id}",
    }
)


def _upload_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10


#: The only places the spec is relaxed. Add an entry only with evidence that Discord accepts the
#: body, and say why; never loosen a schema in general.
ALLOWED_LOOSENESS: tuple[Allowance, ...] = (
    Allowance(
        routes=_MESSAGE_ROUTES,
        path=("attachments", "*", "id"),
        keyword="type",
        accepts=_upload_index,
        why=(
            "discord.py (File.to_dict) sends a new upload's attachment id as the integer index of its "
            "files[N] part; the spec types every attachment id as a snowflake string, but Discord "
            "matches new uploads to parts by that index and accepts it as a number"
        ),
    ),
    Allowance(
        routes=frozenset({_CALLBACK}),
        path=("data", "attachments", "*", "id"),
        keyword="type",
        accepts=_upload_index,
        why="the same upload index, in an interaction callback's message (types 4 and 7)",
    ),
)


@dataclass(frozen=True)
class Operation:
    """One operation of the spec: where its request-body schema is, and how to pick a branch."""

    method: str
    template: str
    operation_id: str
    #: JSON pointer (into the document) of the application/json request-body schema, if any.
    body_pointer: str | None
    body_required: bool
    #: For a body that is a union keyed by ``type``: type value -> pointer of its branch.
    branches: Mapping[int, str]

    @property
    def route(self) -> str:
        return f"{self.method} {self.template}"


@dataclass
class Refusal:
    """Why real Discord would refuse a request body."""

    route: str
    #: "openapi spec" or "documented limit".
    rule: str
    error: ApiError
    problems: list[str]


@dataclass
class SpecCheck:
    """What validating one body found: Discord's error (None if valid) and readable problems."""

    operation: Operation | None
    error: ApiError | None
    problems: list[str]
    #: Errors the allow-list excused, as readable problems (kept so the excuse stays visible).
    excused: list[str]


def _pointer(*segments: str) -> str:
    # referencing percent-decodes a pointer before splitting it, so "{...}" must be quoted and
    # "~" / "/" escaped as JSON pointer requires.
    return "/" + "/".join(quote(s.replace("~", "~0").replace("/", "~1"), safe="~") for s in segments)


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


# OpenAPI 3.1's default dialect: JSON Schema 2020-12 plus annotation-only keywords.
_DIALECTS = ("https://spec.openapis.org/oas/3.1/dialect/base", "https://json-schema.org/draft/2020-12/schema")


@lru_cache(maxsize=1)
def _registry() -> Registry[Any]:
    doc = document()
    dialect = doc.get("jsonSchemaDialect", _DIALECTS[0])
    if not doc.get("openapi", "").startswith("3.1") or dialect not in _DIALECTS:
        # A new copy of the spec in another dialect must not be validated with the wrong rules.
        raise RuntimeError(f"spec is OpenAPI {doc.get('openapi')} / {dialect}; the validator assumes 3.1 / 2020-12")
    return Registry().with_resource(_SPEC_URI, DRAFT202012.create_resource(doc))


def _resolve(node: Any) -> Any:
    """Follow a local ``$ref`` (one level is all the spec's request unions use)."""
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = document()
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _type_branches(schema: Any) -> dict[int, str]:
    """type value -> branch pointer, if ``schema`` is a union whose every branch pins ``type``."""
    schema = _resolve(schema)
    union = schema.get("anyOf") or schema.get("oneOf") if isinstance(schema, Mapping) else None
    if not union:
        return {}
    out: dict[int, str] = {}
    for branch in union:
        ref = branch.get("$ref") if isinstance(branch, Mapping) else None
        enum = (_resolve(branch).get("properties", {}).get("type") or {}).get("enum")
        if not isinstance(ref, str) or not ref.startswith("#/") or not enum:
            return {}
        for value in enum:
            out[int(value)] = ref[1:]
    return out


@lru_cache(maxsize=1)
def operations() -> dict[str, list[tuple[re.Pattern[str], Operation]]]:
    """Every operation, by method, most specific template first ("/messages/@original" must win
    over "/messages/{message_id}")."""
    by_method: dict[str, list[tuple[int, re.Pattern[str], Operation]]] = defaultdict(list)
    for template, item in document()["paths"].items():
        parts = template.strip("/").split("/")
        regex = "".join("/[^/]+" if p.startswith("{") and p.endswith("}") else "/" + re.escape(p) for p in parts)
        literals = sum(not p.startswith("{") for p in parts)
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            content = (op.get("requestBody") or {}).get("content") or {}
            pointer = None
            branches: dict[int, str] = {}
            if "application/json" in content:
                pointer = _pointer("paths", template, method, "requestBody", "content", "application/json", "schema")
                branches = _type_branches(content["application/json"]["schema"])
            operation = Operation(
                method=method.upper(),
                template=template,
                operation_id=op.get("operationId", ""),
                body_pointer=pointer,
                body_required=bool((op.get("requestBody") or {}).get("required")),
                branches=branches,
            )
            by_method[method.upper()].append((literals, re.compile(regex), operation))
    return {m: [(rx, op) for _, rx, op in sorted(ops, key=lambda t: -t[0])] for m, ops in by_method.items()}


def find_operation(method: str, path: str) -> Operation | None:
    """The spec's operation for an API-relative path such as ``/applications/1/commands``."""
    for regex, operation in operations().get(method.upper(), []):
        if regex.fullmatch(path):
            return operation
    return None


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, (low, high) in _INT_RANGES.items():

        def in_range(value: Any, low: int = low, high: int = high) -> bool:
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                return True
            try:
                return low <= int(value) <= high
            except ValueError:
                return True  # a non-numeric string is the pattern's or type's to report

        checker.checks(name)(in_range)

    @checker.checks("date-time", raises=ValueError)
    def is_datetime(value: Any) -> bool:
        return not isinstance(value, str) or bool(datetime.datetime.fromisoformat(value))

    @checker.checks("uri")
    def is_uri(value: Any) -> bool:
        # RFC 3986: an absolute URI has a scheme; Discord refuses relative links.
        return not isinstance(value, str) or bool(urlsplit(value).scheme)

    return checker


@cache
def _validator(pointer: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": _SPEC_URI + "#" + pointer}, registry=_registry(), format_checker=_format_checker()
    )


# --- errors as Discord shapes them ------------------------------------------------------------
_short = reprlib.Repr()
_short.maxstring = 50
_short.maxother = 50
_TYPE_CODES = {
    "string": ("STRING_TYPE_CONVERT", "Could not interpret {value} as string."),
    "integer": ("NUMBER_TYPE_COERCE", "Value {value} is not int."),
    "number": ("NUMBER_TYPE_COERCE", "Value {value} is not a valid number."),
    "boolean": ("BOOLEAN_TYPE_CONVERT", "Must be either true or false."),
    "array": ("LIST_TYPE_CONVERT", "Must be an array."),
    "object": ("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType."),
}


def _rules_out(error: ValidationError) -> bool:
    """Does this error show the instance is simply another variant of the union?"""
    path = list(error.relative_path)
    if error.validator in ("const", "enum") and path == ["type"]:
        return True  # a tagged union: the body's "type" names another branch
    # An enum spelled as oneOf-of-consts, or a branch of another JSON type (e.g. the null one).
    return error.validator in ("type", "const", "enum") and not path


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors worth reporting: inside a union, those of the branch the body meant."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    by_branch: dict[Any, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        by_branch[sub.relative_schema_path[0]].append(sub)
    plausible = [errors for errors in by_branch.values() if not any(_rules_out(e) for e in errors)]
    if not plausible:
        return [error]

    def fit(errors: list[ValidationError]) -> tuple[int, int, int]:
        # Values of the wrong JSON type say the body was written for another branch (string
        # choices against the integer-choice data); then fewer problems, then the branch that
        # got deepest into the body.
        mistyped = sum(e.validator == "type" for e in errors)
        return (-mistyped, -len(errors), max(len(e.absolute_path) for e in errors))

    best = max(plausible, key=fit)
    return [leaf for sub in best for leaf in _leaves(sub)]


def _union_types(error: ValidationError) -> list[Any]:
    values: list[Any] = []
    for sub in error.context:
        if sub.validator in ("const", "enum") and list(sub.relative_path) == ["type"]:
            values.extend([sub.validator_value] if sub.validator == "const" else sub.validator_value)
    return sorted(set(values), key=lambda v: (not isinstance(v, int), v if isinstance(v, int) else 0, str(v)))


def _discord_errors(error: ValidationError) -> list[tuple[list[str], str, str]]:
    """(field path, Discord error code, message) for one leaf error."""
    path = [str(p) for p in error.absolute_path]
    keyword, expected, value = error.validator, error.validator_value, error.instance
    if keyword == "required":
        missing = [name for name in expected if isinstance(value, Mapping) and name not in value]
        return [([*path, name], "BASE_TYPE_REQUIRED", "This field is required") for name in missing]
    if keyword in ("anyOf", "oneOf"):
        types = _union_types(error)
        if types and isinstance(value, Mapping):
            allowed = ", ".join(str(t) for t in types)
            return [([*path, "type"], "UNION_TYPE_CHOICES", f'Value of field "type" must be one of ({allowed}).')]
        consts = [sub.validator_value for sub in error.context if sub.validator == "const" and not sub.relative_path]
        if consts:
            return [(path, "BASE_TYPE_CHOICES", f"Value must be one of {tuple(consts)!r}.")]
        if not error.context:
            return [(path, "UNION_TYPE_CHOICES", f"{_short.repr(value)} matches more than one variant.")]
        return [(path, "UNION_TYPE_CHOICES", f"{_short.repr(value)} matches no variant allowed here.")]
    if keyword in ("maxLength", "maxItems", "maxProperties"):
        return [(path, "BASE_TYPE_MAX_LENGTH", f"Must be {expected} or fewer in length.")]
    if keyword in ("minLength", "minItems", "minProperties"):
        return [(path, "BASE_TYPE_MIN_LENGTH", f"Must be {expected} or more in length.")]
    if keyword == "type":
        wanted = [t for t in ([expected] if isinstance(expected, str) else expected) if t != "null"]
        code, message = _TYPE_CODES.get(wanted[0] if wanted else "", ("BASE_TYPE_INVALID", "Invalid type {value}."))
        return [(path, code, message.format(value=_short.repr(value)))]
    if keyword in ("enum", "const"):
        choices = expected if keyword == "enum" else [expected]
        return [(path, "BASE_TYPE_CHOICES", f"Value must be one of {tuple(choices)!r}.")]
    if keyword == "pattern":
        if expected == document()["components"]["schemas"]["SnowflakeType"]["pattern"]:
            return [(path, "NUMBER_TYPE_COERCE", f"Value {_short.repr(value)} is not snowflake.")]
        return [(path, "STRING_TYPE_REGEX", f"String value did not match validation regex {expected}.")]
    if keyword == "minimum":
        return [(path, "NUMBER_TYPE_MIN", f"int value should be greater than or equal to {expected}.")]
    if keyword == "maximum":
        return [(path, "NUMBER_TYPE_MAX", f"int value should be less than or equal to {expected}.")]
    if keyword == "uniqueItems":
        return [(path, "LIST_ITEM_VALUE_DUPLICATE", "List items must be unique.")]
    if keyword == "format":
        return [(path, "BASE_TYPE_BAD_FORMAT", f"Value {_short.repr(value)} is not a valid {expected}.")]
    return [(path, "BASE_TYPE_INVALID", f"{keyword} {_short.repr(expected)} failed for {_short.repr(value)}.")]


def _problem(error: ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "(body)"
    rule = "/".join(str(p) for p in error.absolute_schema_path if p not in ("properties", "items"))
    expected, got = _short.repr(error.validator_value), _short.repr(error.instance)
    return f"{where}: {error.validator} {expected} failed for {got} [{rule}]"


def _tree(entries: Iterable[tuple[list[str], str, str]]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path, code, message in entries:
        node = tree
        for key in path:
            node = node.setdefault(key, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return tree


def check_body(method: str, path: str, body: Any, *, allowed: Sequence[Allowance] = ALLOWED_LOOSENESS) -> SpecCheck:
    """Validate ``body`` (parsed JSON, or a multipart body's ``payload_json``; None if there was
    none) against the request-body schema of the operation for ``method`` + ``path``."""
    operation = find_operation(method, path)
    if operation is None or operation.body_pointer is None:
        if body is not None:
            UNVALIDATED[(method.upper(), operation.template if operation else path)] += 1
        return SpecCheck(operation, None, [], [])
    if body is None:
        if not operation.body_required:
            return SpecCheck(operation, None, [], [])
        return SpecCheck(
            operation,
            ApiError(400, 50109, "The request body contains invalid JSON."),
            [f"{operation.route}: a JSON body is required"],
            [],
        )
    VALIDATED[(operation.method, operation.template)] += 1
    pointer = operation.body_pointer
    if operation.branches and isinstance(body, Mapping) and isinstance(body.get("type"), int):
        pointer = operation.branches.get(body["type"], pointer)
        if operation.route == _CALLBACK:
            VALIDATED_CALLBACK_TYPES[body["type"]] += 1
    if allowed is ALLOWED_LOOSENESS:
        # Most tests start a bot that bulk-overwrites the same command list (14 ms to validate:
        # every option is tried against an 11-way oneOf); the verdict on equal JSON is equal.
        verdict = _cached_verdict(operation.route, pointer, json.dumps(body))
    else:
        verdict = _verdict(operation.route, pointer, body, allowed)
    tree, problems, excused_at, excused = verdict
    for where in excused_at:
        EXCUSED[f"{operation.route} {where}"] += 1
    error = None if tree is None else ApiError(400, 50035, "Invalid Form Body", copy.deepcopy(tree))
    return SpecCheck(operation, error, list(problems), list(excused))


_Verdict = tuple[dict[str, Any] | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _verdict(route: str, pointer: str, body: Any, allowed: Sequence[Allowance]) -> _Verdict:
    """(Discord's error tree or None, problems, where errors were excused, excused problems)."""
    leaves: dict[tuple[tuple[Any, ...], tuple[Any, ...]], ValidationError] = {}
    for error in _validator(pointer).iter_errors(body):
        for leaf in _leaves(error):
            # "required" yields one error per missing property, each naming them all.
            leaves.setdefault((tuple(leaf.absolute_path), tuple(leaf.absolute_schema_path)), leaf)
    excused: list[ValidationError] = []
    refused: list[ValidationError] = []
    for leaf in leaves.values():
        (excused if any(a.excuses(route, leaf) for a in allowed) else refused).append(leaf)
    tree = _tree(d for e in refused for d in _discord_errors(e)) if refused else None
    return (
        tree,
        tuple(_problem(e) for e in refused),
        tuple(".".join(map(str, e.absolute_path)) for e in excused),
        tuple(_problem(e) for e in excused),
    )


@lru_cache(maxsize=1024)
def _cached_verdict(route: str, pointer: str, body_json: str) -> _Verdict:
    return _verdict(route, pointer, json.loads(body_json), ALLOWED_LOOSENESS)


def check_request(method: str, path: str, body: Any, *, has_files: bool = False) -> Refusal | None:
    """Everything the fake checks about a body: the spec, then (on a body the spec accepted,
    so they may rely on its shape) the documented limits it leaves out. None if Discord
    would take it."""
    checked = check_body(method, path, body)
    route = checked.operation.route if checked.operation else f"{method.upper()} {path}"
    if checked.error is not None:
        return Refusal(route, "openapi spec", checked.error, checked.problems)
    limits = LIMITS_BY_ROUTE.get(route)
    err = limits(body, has_files) if limits is not None and body is not None else None
    return None if err is None else Refusal(route, "documented limit", err, [])


def route_counts_report() -> list[str]:
    """Lines for the pytest summary: how many bodies each route had validated."""
    lines = [f"{count:6d}  {method} {template}" for (method, template), count in sorted(VALIDATED.items())]
    if VALIDATED_CALLBACK_TYPES:
        types = ", ".join(f"type {t}: {n}" for t, n in sorted(VALIDATED_CALLBACK_TYPES.items()))
        lines.append(f"        interaction callbacks by type: {types}")
    lines += [f"{count:6d}  NOT VALIDATED (no JSON body in the spec): {m} {t}" for (m, t), count in UNVALIDATED.items()]
    lines += [f"{count:6d}  allowed by name (ALLOWED_LOOSENESS): {where}" for where, count in sorted(EXCUSED.items())]
    return lines
