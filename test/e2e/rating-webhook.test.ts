/**
 * The rating e2e again with the bot in webhook mode (issue 13: "the rating e2e also in webhook
 * mode"): the sandbox POSTs every update to the bot's webhook with the secret, and the same tests
 * and assertions as test/e2e/rating.test.ts run against it. The variable is read when the file's
 * world starts, after this line; each test file runs in a process of its own.
 */
process.env.E2E_BOT_MODE = 'webhook';
await import('./rating.test.js');
