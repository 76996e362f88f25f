import type { Models } from '../db/models/index.js';
import { createAppraisalService } from './appraisal-service.js';
import { createBranchService } from './branch-service.js';
import { createCommitteeComparison } from './committee-comparison.js';
import { createCommitteeReports } from './committee-reports.js';
import { createCommitteeService } from './committee-service.js';
import { createCommitteeTree } from './committee-tree.js';
import { createDeedService } from './deed-service.js';
import { createDialogService } from './dialog-service.js';
import { createExportService } from './export/export-service.js';
import { createFeedbackService } from './feedback-service.js';
import { createMemberService } from './member-service.js';
import { createPendingService } from './pending-service.js';
import { createRatingCommentary } from './rating-commentary.js';
import { createRatingObjections } from './rating-objections.js';
import { createRatingScores } from './rating-scores.js';
import { createRatingService } from './rating-service.js';
import { createPledgeService } from './pledge-service.js';
import { createStandardService } from './standard-service.js';
import { createUserService } from './user-service.js';
import { createRoundCloseCheck } from './round-close-check.js';
import { createRoundProgress } from './round-progress.js';
import { createRoundFinalize } from './round-finalize.js';
import { createRoundService } from './round-service.js';
import { createRosterChanges } from './roster-changes.js';
import { createTopTenService } from './top-ten-service.js';

/** Every use case, built once per process from the models and a clock. */
export function createServices(deps: { models: Models; clock: () => Date }) {
  const ratings = createRatingService(deps);
  return {
    branches: createBranchService(deps),
    appraisals: createAppraisalService(deps),
    topTen: createTopTenService(deps),
    users: createUserService(deps),
    members: createMemberService(deps),
    ratings,
    finalizeEarly: createRoundFinalize({ ...deps, ratings }),
    closeCheck: createRoundCloseCheck(deps),
    progress: createRoundProgress(deps),
    rounds: createRoundService(deps),
    rosterChanges: createRosterChanges(deps),
    ratingScores: createRatingScores(deps),
    objections: createRatingObjections(deps),
    commentary: createRatingCommentary(deps),
    pledges: createPledgeService(deps),
    deeds: createDeedService(deps),
    dialogs: createDialogService(deps),
    feedback: createFeedbackService(deps),
    pending: createPendingService(deps),
    standards: createStandardService(deps),
    exports: createExportService(deps),
    committees: createCommitteeService(deps),
    tree: createCommitteeTree(deps),
    comparison: createCommitteeComparison(deps),
    committeeReports: createCommitteeReports(deps),
  };
}
export type AppServices = ReturnType<typeof createServices>;
