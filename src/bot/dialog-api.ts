import { Api } from 'grammy';

/**
 * A dialog's Api with `install`'s transformers (metrics, retries, the replay guard) inside the
 * conversations plugin's own. The plugin's transformer records each call's result in the dialog's
 * state and, when the dialog is replayed for a later update, returns the recorded result without a
 * call. Installed outside it (`api.config.use`), the replay guard would number those replayed calls
 * too, and, handling an update again after a crash, would answer one from its kept results without
 * the plugin seeing it: the dialog's replay loses its place ("Bad replay"). Inside, the guard sees
 * only real calls, and what it returns (a kept or in-doubt result) is what the dialog records.
 */
export function dialogApi(api: Api, install: (api: Api) => void): Api {
  const inner = new Api(api.token, api.options);
  install(inner);
  for (const t of api.config.installedTransformers()) inner.config.use(t);
  return inner;
}
