#!/usr/bin/env bash
# The long randomized run: every property test with many more tries than the suite's default
# (ci/campaign.sh [TRIES], default $MICROS_CAMPAIGN or 10000). For a nightly job, not for every change.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./micros test --campaign "${1:-${MICROS_CAMPAIGN:-10000}}"
