import type { Types } from 'mongoose';
import { localDate } from '../../src/domain/dates.js';
import { roundCloseDate, roundOpeningOn } from '../../src/domain/rating-schedule.js';
import type { BranchDoc } from '../../src/db/models/branch.js';
import { settingsOf } from '../../src/services/branch-settings.js';
import { monthLabel } from '../../src/services/notice.js';
import type { ScheduleJobData } from '../queues.js';
import type { JobDeps } from './context.js';

/** The deep link that opens the masses' rating dialog of a round in private. */
export const rateLink = (botUsername: string, branchId: string) =>
  `https://t.me/${botUsername}?start=rate_${branchId}`;

/**
 * Daily at the opening hour: on the opening day (or with `data.month`, the secretary opening
 * early) opens the round and posts how to rate, with the button into the private dialog.
 */
export async function processRoundOpen(deps: JobDeps, data: ScheduleJobData, asOf: Date) {
  const branch = await deps.models.Branch.findById(data.branchId).lean<BranchDoc>();
  if (!branch?.active) return 'no-branch';
  const s = settingsOf(branch);
  const month = data.month ?? roundOpeningOn(localDate(asOf, s.timeZone), s);
  if (!month) return 'not-today';
  const { round, created } = await deps.ratings.open(branch._id as Types.ObjectId, month, { asOf });
  // Opened early by the secretary: the bot posted the round then.
  if (!created && round.openedBy !== undefined) return `opened early ${month}`;
  const lang = s.language;
  await deps.outbox.send({
    key: `round-open:${branch._id}:${month}`,
    chatId: branch.chatId,
    text: deps.t(lang, 'rating-round-opened', {
      month: monthLabel(month, lang),
      max: s.dimensionMax,
      close: `${roundCloseDate(month, s)} ${String(s.roundCloseHour).padStart(2, '0')}:00`,
    }),
    buttons: [
      [
        {
          text: deps.t(lang, 'rating-round-button-rate'),
          url: rateLink(deps.botUsername, String(branch._id)),
        },
      ],
    ],
  });
  return `opened ${month}`;
}
