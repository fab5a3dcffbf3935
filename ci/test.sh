#!/usr/bin/env bash
# The test run CI makes on every change: ./micros test (set-up, build, every test, the QEMU boot matrix).
# .ci/run calls ./micros test directly; this is the same for a CI service that calls ci/.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./micros test "$@"
