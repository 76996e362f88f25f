// Prints vitest's JSON result as the closing line CI reads, the count alone: "N passed, N failed".
// A failed check (typecheck, lint, format) counts as one failed test, so it cannot hide; so does a
// test that did not run (its file's set-up failed: nothing in the suite is skipped on purpose).
import { existsSync, readFileSync } from 'node:fs';

const [file, failedChecksArg = '0'] = process.argv.slice(2);
const failedChecks = Number(failedChecksArg);
if (!file || !existsSync(file)) {
  console.log(`0 passed, ${1 + failedChecks} failed`);
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const passed = r.numPassedTests ?? 0;
// A file that failed to load has no test results of its own: count it once.
const brokenFiles = (r.testResults ?? []).filter(
  (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
).length;
const notRun = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
const failed = (r.numFailedTests ?? 0) + notRun + brokenFiles + failedChecks;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
