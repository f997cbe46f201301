#!/usr/bin/env bash
# Fuzzes a running API with schemathesis (coverage, fuzzing and stateful phases) against its own
# OpenAPI document; exits non-zero on any finding.
#
#   scripts/schemathesis.sh <api url> <provider admin token> [more `st run` options, e.g. -n 50]
#
# Start the API with API_RATE_LIMIT_PER_MINUTE=1000000 (the run sends thousands of requests with one
# token). Schemathesis, pinned, goes into .tools/schemathesis-venv on first use (python3 with venv).
set -euo pipefail

VERSION=4.32.5
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/../.tools/schemathesis-venv"
if [[ $# -lt 2 ]]; then
  echo "usage: $0 <api url, e.g. http://127.0.0.1:3000> <provider admin token> [st run options]" >&2
  exit 2
fi
url="${1%/}"
token="$2"
shift 2

if [[ "$("$venv/bin/st" --version 2>/dev/null || true)" != *"$VERSION"* ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==$VERSION"
fi

export SCHEMATHESIS_HOOKS=schemathesis_hooks
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
exec "$venv/bin/st" --config-file "$here/schemathesis.toml" run "$url/openapi.json" \
  -H "Authorization: Bearer $token" \
  --phases=coverage,fuzzing,stateful \
  --max-examples 30 \
  "$@"
