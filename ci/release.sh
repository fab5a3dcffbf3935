#!/usr/bin/env bash
# The release build: release/ from the checked-out commit, signed with keys taken from the environment.
#   MICROS_DB_KEY, MICROS_DB_CERT   PEM db key and certificate (the certificate users enroll)
#   MICROS_GPG_HOME, MICROS_GPG_KEY OpenPGP home holding the signing key, and its id
# A CI service keeps the private halves as secrets and writes them to files first (see
# .github/workflows/ci.yml). Refuses to run without them: a release is never signed with a key made
# on the spot. The result is checked (certificate, signatures, checksums, build record) and a second
# build is compared with the first before anything is written to release/.
set -euo pipefail
cd "$(dirname "$0")/.."
for v in MICROS_DB_KEY MICROS_DB_CERT MICROS_GPG_HOME MICROS_GPG_KEY; do
  [ -n "${!v:-}" ] || { echo "ci/release.sh: $v is not set (the release keys come from the environment)" >&2; exit 1; }
done
./micros iso --check-reproducible
./micros release
