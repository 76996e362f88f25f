import type { Connection } from 'mongoose';
import { affiliationModel } from './affiliation.js';
import { appraisalModel } from './appraisal.js';
import { topTenVoteModel } from './top-ten-vote.js';
import { auditModel } from './audit.js';
import { branchModel } from './branch.js';
import { committeeAwardModel } from './committee-award.js';
import { committeeCommentModel } from './committee-comment.js';
import { committeeInviteModel } from './committee-invite.js';
import { committeeModel } from './committee.js';
import { deedModel } from './deed.js';
import { dialogStateModel } from './dialog-state.js';
import { feedbackModel } from './feedback.js';
import { memberModel } from './member.js';
import { standardModel } from './standard.js';
import { pledgeItemModel } from './pledge-item.js';
import { pledgeModel } from './pledge.js';
import { progressPostModel } from './progress-post.js';
import { ratingModels } from './rating-models.js';
import { userPrefModel } from './user-pref.js';

/** Registers every model on one connection. */
export function createModels(conn: Connection) {
  return {
    Branch: branchModel(conn),
    Audit: auditModel(conn),
    DialogState: dialogStateModel(conn),
    UserPref: userPrefModel(conn),
    Member: memberModel(conn),
    Standard: standardModel(conn),
    Pledge: pledgeModel(conn),
    PledgeItem: pledgeItemModel(conn),
    Deed: deedModel(conn),
    Feedback: feedbackModel(conn),
    ...ratingModels(conn),
    Committee: committeeModel(conn),
    Affiliation: affiliationModel(conn),
    CommitteeInvite: committeeInviteModel(conn),
    Appraisal: appraisalModel(conn),
    TopTenVote: topTenVoteModel(conn),
    CommitteeAward: committeeAwardModel(conn),
    CommitteeComment: committeeCommentModel(conn),
    ProgressPost: progressPostModel(conn),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Builds the indexes now rather than on first use, so duplicate-key rules hold from the start. */
export async function syncIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
}
