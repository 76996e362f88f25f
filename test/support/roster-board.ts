import type { Logger } from 'pino';
import { createAdminCache } from '../../src/bot/admins.js';
import { createNotifier } from '../../src/bot/notify.js';
import { createRosterBoard } from '../../src/bot/roster-board.js';
import type { Translator } from '../../src/i18n.js';
import type { AppServices } from '../../src/services/index.js';
import type { Outbox } from '../../jobs/outbox.js';

/** The bot's roster board as create-bot wires it, its notices going to `outbox`. */
export function testRosterBoard(deps: {
  services: AppServices;
  i18n: Translator;
  log: Logger;
  outbox: Pick<Outbox, 'send'>;
}) {
  const { services, i18n, log, outbox } = deps;
  return createRosterBoard({
    services,
    i18n,
    admins: createAdminCache(),
    log,
    botUsername: () => 'model_post_bot',
    notify: createNotifier({ outbox, i18n, services, log }),
  });
}
