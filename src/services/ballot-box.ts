import { randomInt } from 'node:crypto';
import type { Types } from 'mongoose';
import { ballotBoxId, type BallotEntry } from '../db/models/ballot-box.js';
import type { Models } from '../db/models/index.js';

/** Tries before giving up when other ballots for the same member keep arriving at the same moment. */
const MAX_TRIES = 50;

export type CastOutcome = 'cast' | 'duplicate';

/**
 * Puts a ballot and its rater into the member's ballot box in one write, each at a position drawn
 * uniformly from the box's current size (so the boxes hold their ballots and their raters in two
 * independent random orders whatever the order of arrival). The write is guarded by the size it
 * drew from; a concurrent cast makes it draw again. Acknowledged means journaled: the caller tells
 * the voter only after this returns.
 */
export async function putInBallotBox(
  models: Pick<Models, 'BallotBox'>,
  box: { roundId: Types.ObjectId; memberId: Types.ObjectId },
  raterUserId: number,
  entry: BallotEntry,
): Promise<CastOutcome> {
  const { BallotBox } = models;
  const _id = ballotBoxId(box.roundId, box.memberId);
  for (let i = 0; i < MAX_TRIES; i++) {
    const current = await BallotBox.findById(_id, { size: 1, raters: 1 }).lean();
    if (current?.raters.includes(raterUserId)) return 'duplicate';
    if (!current) {
      const inserted = await BallotBox.create({
        _id,
        ...box,
        raters: [raterUserId],
        entries: [entry],
        size: 1,
      })
        .then(() => true)
        .catch((err: unknown) => {
          if ((err as { code?: number }).code === 11000) return false;
          throw err;
        });
      if (inserted) return 'cast';
      continue;
    }
    const n = current.size;
    const res = await BallotBox.updateOne(
      { _id, size: n, raters: { $ne: raterUserId } },
      {
        $push: {
          entries: { $each: [entry], $position: randomInt(n + 1) },
          raters: { $each: [raterUserId], $position: randomInt(n + 1) },
        },
        $inc: { size: 1 },
      },
    );
    if (res.modifiedCount === 1) return 'cast';
  }
  throw new Error(`ballot box ${_id}: too many concurrent casts`);
}

/** The members a rater has already rated in a round. */
export async function ratedBy(
  models: Pick<Models, 'BallotBox'>,
  roundId: Types.ObjectId,
  raterUserId: number,
) {
  const boxes = await models.BallotBox.find({ roundId, raters: raterUserId }, { memberId: 1 }).lean();
  return new Set(boxes.map((b) => String(b.memberId)));
}
