import type { Connection } from 'mongoose';
import { ballotBoxModel } from './ballot-box.js';
import { commentaryModel } from './commentary.js';
import { objectionModel } from './objection.js';
import { orgEvaluationModel } from './org-evaluation.js';
import { ratingResultModel } from './rating-result.js';
import { ratingRoundModel } from './rating-round.js';
import { selfEvaluationModel } from './self-evaluation.js';

/** The models of the monthly rating (一月一考评) and the quarterly commentary, registered together. */
export function ratingModels(conn: Connection) {
  return {
    RatingRound: ratingRoundModel(conn),
    SelfEvaluation: selfEvaluationModel(conn),
    BallotBox: ballotBoxModel(conn),
    OrgEvaluation: orgEvaluationModel(conn),
    RatingResult: ratingResultModel(conn),
    Objection: objectionModel(conn),
    Commentary: commentaryModel(conn),
  };
}
