#!/usr/bin/env bash
# The benchmark environment: plotting next to matcher, each peer in its own virtual environment.
# Usage: bash benchmarks/setup.sh   (from the repository, with matcher installed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python -m pip install -r "$here/requirements.txt"
for peer in highs tf; do
    venv="$here/.venv-$peer"
    [ -x "$venv/bin/python" ] || python -m venv "$venv"
    "$venv/bin/pip" install -r "$here/requirements-$peer.txt"
done
