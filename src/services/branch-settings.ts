import { DEFAULT_SETTINGS, resolveSettings, type BranchSettings } from '../domain/settings.js';
import type { BranchDoc } from '../db/models/branch.js';

/** The branch's settings with defaults filled in; a broken stored value falls back to the defaults. */
export function settingsOf(branch: Pick<BranchDoc, 'settings'>): BranchSettings {
  const resolved = resolveSettings(branch.settings);
  return resolved.ok ? resolved.value : DEFAULT_SETTINGS;
}
