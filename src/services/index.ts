import type { Models } from '../db/models/index.js';
import { createBranchService } from './branch-service.js';
import { createMemberService } from './member-service.js';
import { createStandardService } from './standard-service.js';
import { createUserService } from './user-service.js';

/** Every use case, built once per process from the models and a clock. */
export function createServices(deps: { models: Models; clock: () => Date }) {
  return {
    branches: createBranchService(deps),
    users: createUserService(deps),
    members: createMemberService(deps),
    standards: createStandardService(deps),
  };
}
export type AppServices = ReturnType<typeof createServices>;
