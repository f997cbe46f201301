"""
Schemathesis hooks for scripts/schemathesis.sh: the one check they add replaces schemathesis's own
`positive_data_acceptance` (turned off in scripts/schemathesis.toml) and differs from it only in
the refusals of a request the OpenAPI document allows that no schema can rule out, because they
depend on what exists or was sent before. Each is named by its problem type (and pointer), as the
document's descriptions of that operation and parameter name it; any other refusal of a schema-valid
request is still a failure.
"""

import json

import schemathesis
from schemathesis.specs.openapi.checks import ensure_resource_availability, positive_data_acceptance

# A key belongs to one request: sent again with another body or path it answers 422 (every POST).
KEY_REUSED = "idempotency-key-reused"
# Which job types exist, and which of them are archived, is the provider's data, not the document's.
JOB_TYPE_STATE = {"unknown-job-type", "job-type-archived"}

UNPROCESSABLE = {
    # The values a job type takes, and the companies invited for a fleet, are the provider's data.
    ("POST", "/v1/jobs"): JOB_TYPE_STATE | {"invalid-values", "company-not-invited"},
    ("POST", "/v1/jobs/import"): JOB_TYPE_STATE | {"invalid-import"},
    # A YAML source is a string to the document; the grammar of job types is a schema of its own.
    ("PUT", "/v1/job-types/{id}"): {"invalid-job-type"},
}

# GET /v1/jobs answers 400 for a cursor it did not give out or gave out for another order, and for a
# range that ends before it starts: the document says so, no parameter's schema can.
LIST_REFUSALS = (
    ("/cursor", "is not a cursor from this API"),
    ("/cursor", "was issued for sort="),
    ("/createdTo", "is before createdFrom"),
    ("/requestedStartTo", "is before requestedStartFrom"),
    ("/finishedTo", "is before finishedFrom"),
)
LIST_RULES = {"cursor", "range"}


def _problem(response):
    try:
        body = json.loads(response.content or b"")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


# Where a webhook may point depends on what its host resolves to, and on whether the installation
# allows private targets (then also plain http): DNS and settings, not the document.
WEBHOOK_URL_STATE = {"resolvable", "public-address", "scheme"}
WEBHOOK_URL_OPERATIONS = {("POST", "/v1/webhooks"), ("PATCH", "/v1/webhooks/{webhookId}")}


def _stateful_refusal(case, response):
    problem = _problem(response)
    kind = str(problem.get("type", "")).rsplit("/", 1)[-1]
    operation = (case.method.upper(), case.operation.path)
    if response.status_code == 422 and kind == "invalid-webhook-url" and operation in WEBHOOK_URL_OPERATIONS:
        errors = problem.get("errors") or []
        return bool(errors) and all(error.get("rule") in WEBHOOK_URL_STATE for error in errors)
    if response.status_code == 422:
        allowed = UNPROCESSABLE.get(operation, set()) | ({KEY_REUSED} if case.method.upper() == "POST" else set())
        return kind in allowed
    if response.status_code == 400 and kind == "invalid-request" and _nul_refusal(problem):
        return True
    if response.status_code == 400 and kind == "invalid-request" and _same_name_refusal(problem):
        return True
    if response.status_code == 400 and kind == "invalid-request" and _prototype_key_refusal(problem):
        return True
    if response.status_code == 400 and operation == ("GET", "/v1/events/stream") and kind == "invalid-request":
        # An event id past the newest event was never given out: where the feed ends is its state.
        errors = problem.get("errors") or []
        return bool(errors) and all(error.get("rule") == "given-out" for error in errors)
    if response.status_code == 400 and operation == ("GET", "/v1/jobs") and kind == "invalid-request":
        errors = problem.get("errors") or []
        # Problems the query's schema finds carry the JSON Schema keyword they break; these carry the API's own rules.
        return bool(errors) and all(
            error.get("rule") in LIST_RULES
            and any(error.get("pointer") == pointer and str(error.get("message", "")).startswith(text) for pointer, text in LIST_REFUSALS)
            for error in errors
        )
    return False


def _nul_refusal(problem):
    # Free JSON (a job's values, sample values) holds no NUL in its texts or keys, at any depth. The
    # document says so of free keys and texts; saying it of every depth takes a schema that refers
    # to itself, which generated clients (openapi-typescript) cannot type. The API answers 400 at the key or text.
    errors = problem.get("errors") or []
    return bool(errors) and all("NUL character (U+0000)" in str(error.get("message", "")) for error in errors)


def _prototype_key_refusal(problem):
    # The JSON parser refuses a `__proto__` key anywhere (co-body's guard against prototype poisoning).
    # The document says so of free keys at their own level; every depth would take a schema that refers
    # to itself, as for NUL above.
    errors = problem.get("errors") or []
    return bool(errors) and all(
        error.get("rule") == "json" and "forbidden prototype property" in str(error.get("message", "")) for error in errors
    )


def _same_name_refusal(problem):
    # A list of customers names each once however it is spelt ("Demo", " demo"): uniqueItems, which
    # the document gives, compares exactly; a schema cannot compare without case, and the description says so.
    errors = problem.get("errors") or []
    return bool(errors) and all(
        error.get("rule") == "uniqueItems" and "names are compared ignoring case and blanks" in str(error.get("message", "")) for error in errors
    )


def _all_positive(case):
    # The coverage phase may label a case positive while one of its parts (a body of `0`, say) was drawn negative.
    components = getattr(case.meta, "components", None) or {}
    return all(getattr(getattr(info, "mode", None), "is_positive", True) for info in components.values())


@schemathesis.check
def positive_data_acceptance_but_state(ctx, response, case):
    """Schema-valid requests are accepted, unless refused for state the document names and no schema can hold."""
    if case.meta is not None and not _all_positive(case):
        return None
    try:
        return positive_data_acceptance(ctx, response, case)
    except AssertionError:
        if _stateful_refusal(case, response):
            return None
        raise


def _replayed(response):
    # An answer repeated for a request sent again with its Idempotency-Key (api/idempotency.ts).
    headers = {str(name).lower(): value for name, value in (getattr(response, "headers", None) or {}).items()}
    value = headers.get("idempotent-replayed")
    values = value if isinstance(value, list) else [value]
    return any(str(item).lower() == "true" for item in values if item is not None)


@schemathesis.check
def ensure_resource_availability_but_replays(ctx, response, case):
    """A resource just created can be read, unless the "creation" was the replay of an earlier one, removed since."""
    parent = ctx.internals.find_parent(case_id=case.id)
    parent_response = ctx.internals.find_response(case_id=parent.id) if parent is not None else None
    if parent_response is not None and _replayed(parent_response):
        return None
    return ensure_resource_availability(ctx, response, case)
