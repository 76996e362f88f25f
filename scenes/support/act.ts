import { DomainError, type DomainErrorKey, type ErrorParams } from '../../src/domain/errors.js';
import { ServiceError, type ServiceErrorKey } from '../../src/services/errors.js';
import type { Dialog } from './ask.js';

/** How a refusal is kept in the dialog's recorded state: plain data, so it survives cloning and storage. */
interface KeptRefusal {
  refusal: 'service' | 'domain';
  key: string;
  params: Record<string, string | number>;
}

function keep(err: unknown): unknown {
  if (err instanceof ServiceError)
    return { refusal: 'service', key: err.key, params: { ...err.params } } satisfies KeptRefusal;
  if (err instanceof DomainError)
    return { refusal: 'domain', key: err.key, params: { ...err.params } } satisfies KeptRefusal;
  return err;
}

function restore(kept: unknown): unknown {
  if (typeof kept !== 'object' || kept === null || !('refusal' in kept)) return kept;
  const r = kept as KeptRefusal;
  return r.refusal === 'service'
    ? new ServiceError(r.key as ServiceErrorKey, r.params)
    : new DomainError(r.key as DomainErrorKey, r.params as ErrorParams);
}

/**
 * Runs a service call from inside a dialog (the conversations plugin's `external`, recorded and
 * replayed). The plugin clones what a failed call threw, and a clone of an error keeps only its
 * message: a refusal would reach the error boundary as an unknown error ("处理时出错了") and the
 * update be tried again. Here a refusal is kept as data and thrown again as itself, so the person
 * reads the sentence for it and the dialog ends there.
 */
export function act<T>(dialog: Dialog, task: () => Promise<T>): Promise<T> {
  return dialog.external({ task, beforeStoreError: keep, afterLoadError: restore });
}
