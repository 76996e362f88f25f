/** Which `$` names the server runs: for the check that product queries use only those. */
import { SUPPORTED_STAGES } from './commands/aggregate.js';
import { mingoHasOperator } from './query.js';
import { REFUSED } from './unsupported.js';
import { UPDATE_OPERATORS } from './update-validation.js';

/** The modifiers of `$push` (manual, "$push Modifiers"), which the update operators apply. */
const PUSH_MODIFIERS = new Set(['$each', '$position', '$slice', '$sort']);

/** An update operator or modifier, a pipeline stage, or an operator mingo has, and not refused (115). */
export function isImplementedOperator(name: string): boolean {
  if (REFUSED.has(name)) return false;
  return (
    UPDATE_OPERATORS.has(name) ||
    PUSH_MODIFIERS.has(name) ||
    SUPPORTED_STAGES.has(name) ||
    mingoHasOperator(name)
  );
}
