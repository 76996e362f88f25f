import type { Actor, Role } from '../../src/domain/roles.js';

/**
 * An Actor as the bot builds it (services take the acting person, not a bare id): by default a
 * secretary or committee member who is an admin of the group now.
 */
export function actor(userId: number, role: Role = 'secretary', isChatAdmin = true): Actor {
  return { userId, role, isChatAdmin };
}
