#!/usr/bin/env bash
# The one command that installs and runs every check and test. Its last line is the count:
# "N passed, N failed" (a test that did not run counts as failed).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
mkdir -p .test-artifacts

failed_checks=()
run_check() {
  local name=$1; shift
  echo "== $name" >&2
  "$@" || failed_checks+=("$name")
}
run_check typecheck npx tsc -p tsconfig.json --noEmit
run_check lint npx eslint .
run_check format npx prettier --check . --log-level warn

echo "== tests" >&2
rm -f .test-artifacts/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-artifacts/vitest.json
tests_status=$?

[ ${#failed_checks[@]} -gt 0 ] && echo "checks failed: ${failed_checks[*]}" >&2
node scripts/count-tests.mjs .test-artifacts/vitest.json "${#failed_checks[@]}"
count_status=$?
[ $tests_status -eq 0 ] && [ $count_status -eq 0 ] && [ ${#failed_checks[@]} -eq 0 ]
