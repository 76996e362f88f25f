import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The closing line of `scripts/test.sh` (what `.ci/run` ends with) from vitest's JSON report. */
const dir = mkdtempSync(join(tmpdir(), 'count-tests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function count(report: object | null, failedChecks = 0) {
  const file = join(dir, `r${Math.random()}.json`);
  if (report) writeFileSync(file, JSON.stringify(report));
  const r = spawnSync(process.execPath, ['scripts/count-tests.mjs', file, String(failedChecks)], {
    encoding: 'utf8',
  });
  return { line: r.stdout.trim(), code: r.status };
}

const file = (status: string, results: string[]) => ({
  status,
  assertionResults: results.map((s) => ({ status: s })),
});

describe('the count line', () => {
  it.each<[string, object | null, number, string, number]>([
    [
      'all passed',
      { numPassedTests: 3, testResults: [file('passed', ['passed'])] },
      0,
      '3 passed, 0 failed',
      0,
    ],
    ['a failed test', { numPassedTests: 2, numFailedTests: 1, testResults: [] }, 0, '2 passed, 1 failed', 1],
    [
      'tests that did not run (their set-up failed) count as failed',
      { numPassedTests: 2, numPendingTests: 4, testResults: [file('failed', ['skipped', 'skipped'])] },
      0,
      '2 passed, 4 failed',
      1,
    ],
    [
      'a file that did not load',
      { numPassedTests: 2, testResults: [file('failed', [])] },
      0,
      '2 passed, 1 failed',
      1,
    ],
    ['a failed check', { numPassedTests: 2, testResults: [] }, 1, '2 passed, 1 failed', 1],
    ['no report', null, 0, '0 passed, 1 failed', 1],
  ])('%s', (_name, report, checks, line, code) => {
    expect(count(report, checks)).toEqual({ line, code });
  });
});
