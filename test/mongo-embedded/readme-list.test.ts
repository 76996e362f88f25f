import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_FIELDS, STATEMENT_FIELDS } from '../../src/mongo-embedded/commands/options.js';
import {
  UNSUPPORTED_EXPRESSION_OPERATORS,
  UNSUPPORTED_QUERY_OPERATORS,
  UNSUPPORTED_STAGES,
} from '../../src/mongo-embedded/unsupported.js';

// The README's store section is the list people read before relying on the embedded server: it
// must name everything the server refuses, and say production runs on a real MongoDB.
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const start = readme.indexOf('## The embedded MongoDB-compatible store');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

describe("the README's store section", () => {
  it('says production runs on a real MongoDB', () => {
    expect(start).toBeGreaterThan(-1);
    expect(section).toMatch(/Production runs on a real MongoDB/);
  });

  it('lists every refused stage, operator and command option', () => {
    const options = [...Object.values(COMMAND_FIELDS), ...Object.values(STATEMENT_FIELDS)].flatMap(
      (t) => t.refused,
    );
    const names = [
      ...UNSUPPORTED_STAGES,
      ...UNSUPPORTED_QUERY_OPERATORS,
      ...UNSUPPORTED_EXPRESSION_OPERATORS,
      ...options,
    ];
    expect(names.filter((n) => !section.includes(`\`${n}\``))).toEqual([]);
  });
});
