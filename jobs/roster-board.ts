import type { Api } from 'grammy';
import { isNotModified } from './api-errors.js';
import type { Logger } from 'pino';
import type { AppServices } from '../src/services/index.js';
import { inlineKeyboard, type OutgoingMessage, type Translate } from '../src/services/notice.js';
import { settleRosterPin, type RosterDraft, type RosterPorts } from '../src/services/roster-board.js';
import type { Outbox } from './outbox.js';

/**
 * The worker's half of the roster board (src/services/roster-board.ts): a new board is posted by
 * the sender with the newest text stored at that moment, and once it is out its id is kept on the
 * branch and it is pinned. A board sent in doubt never gets here (the sender does not call
 * `onSent` without a real id): no made-up id is kept and nothing is pinned.
 */
export function createRosterBoardKeeper(deps: {
  services: Pick<AppServices, 'branches'>;
  /** The worker's own Bot API (not the sender's wire-marking one): an edit and a pin, not sends. */
  api: Api;
  outbox: Pick<Outbox, 'send'>;
  t: Translate;
  log: Logger;
}) {
  const { services, t, log } = deps;
  const ports = workerRosterPorts(deps);
  return {
    /** At send time: the board's newest draft, or null when it is no longer wanted. */
    async prepare(msg: OutgoingMessage): Promise<OutgoingMessage | null> {
      if (msg.keep?.kind !== 'roster-board') return msg;
      const draft = await services.branches.rosterToSend(msg.keep.id, msg.keep.gen);
      if (!draft) {
        log.info({ key: msg.key }, 'roster board no longer wanted (kept or replaced meanwhile): not sent');
        return null;
      }
      return { ...msg, text: draft.text, html: true, buttons: draft.buttons };
    },

    /** Posted: keep its id, bring in a draft stored since, pin it. */
    async kept(ref: { id: string; gen: number }, messageId: number, sent: OutgoingMessage) {
      const before = await services.branches.keepRoster(ref.id, ref.gen, messageId);
      if (!before) {
        log.warn({ branchId: ref.id, gen: ref.gen, messageId }, 'roster board posted but not kept');
        return;
      }
      // The board as kept now: its id is this message's.
      const kept = { ...before, rosterMessageId: messageId };
      const draft = before.rosterDraft as RosterDraft | undefined;
      // A confirmation came between reading the draft and keeping the id: its board is this one.
      if (draft && draft.text !== sent.text) await ports.edit(kept, messageId, draft);
      await settleRosterPin({ branches: services.branches, ports, t }, kept, messageId);
    },
  };
}

/**
 * The Telegram side of the shared refresh (src/services/roster-board.ts) over one Bot API: the
 * edit (an unchanged board is no failure), the pin, and where a post and the missing-right notice
 * are queued. The worker's roster sync tries the pin (it has no admin cache; a refusal leaves it
 * unpinned); the bot asks its admin cache first (`mayPin`) and forgets the chat when Telegram
 * refuses (`pinRefused`).
 */
export function rosterPorts(deps: {
  api: Api;
  log: Logger;
  queue: RosterPorts['queue'];
  missingPinKey: RosterPorts['missingPinKey'];
  mayPin?: (chatId: number) => Promise<boolean>;
  pinRefused?: (chatId: number) => void;
}): RosterPorts {
  const { api, log } = deps;
  return {
    async edit(branch, messageId, board) {
      try {
        await api.editMessageText(branch.chatId, messageId, board.text, {
          parse_mode: 'HTML',
          ...(board.buttons && { reply_markup: inlineKeyboard(board.buttons) }),
        });
        return true;
      } catch (err) {
        if (isNotModified(err)) return true;
        log.warn({ err, chatId: branch.chatId }, 'roster board could not be edited');
        return false;
      }
    },
    async pin(branch, messageId) {
      if (deps.mayPin && !(await deps.mayPin(branch.chatId))) return false;
      try {
        await api.pinChatMessage(branch.chatId, messageId, { disable_notification: true });
        return true;
      } catch (err) {
        // Without the right Telegram refuses (400); anything else leaves it unpinned too.
        log.warn({ err, chatId: branch.chatId }, 'roster board could not be pinned');
        deps.pinRefused?.(branch.chatId);
        return false;
      }
    },
    queue: deps.queue,
    missingPinKey: deps.missingPinKey,
  };
}

/** The worker's ports: the outbox queues, one missing-right notice per board message. */
export function workerRosterPorts(deps: {
  api: Api;
  outbox: Pick<Outbox, 'send'>;
  log: Logger;
}): RosterPorts {
  return rosterPorts({
    api: deps.api,
    log: deps.log,
    queue: (msg) => deps.outbox.send(msg),
    missingPinKey: (branch) => `rights-missing-pin:${branch._id.toString()}:m${branch.rosterMessageId ?? 0}`,
  });
}
