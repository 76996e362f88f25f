/**
 * The yardstick of bench/updates.ts: a bare grammY bot as grammY's docs suggest for load, with
 * @grammyjs/runner (concurrent polling) and `sequentialize` by chat. It remembers the groups it is
 * added to, and answers /help with one MongoDB read (the group, by its indexed chat id) and one
 * reply. Run as its own process: BOT_TOKEN, TELEGRAM_API_ROOT and MONGODB_URI in the environment;
 * prints `runner bot started` when it polls.
 */
import { run, sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import mongoose, { Schema } from 'mongoose';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const conn = await mongoose.createConnection(env('MONGODB_URI')).asPromise();
const Group = conn.model(
  'Group',
  new Schema({ chatId: { type: Number, required: true, unique: true }, title: String }),
);
await Group.syncIndexes();

const bot = new Bot(env('BOT_TOKEN'), { client: { apiRoot: env('TELEGRAM_API_ROOT') } });
bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
bot.on('my_chat_member', async (ctx) => {
  const title = 'title' in ctx.chat ? ctx.chat.title : '';
  await Group.updateOne({ chatId: ctx.chat.id }, { $set: { title } }, { upsert: true });
});
bot.command('help', async (ctx) => {
  const group = await Group.findOne({ chatId: ctx.chat.id }).lean();
  await ctx.reply(group ? `Help for ${group.title}: /help shows this.` : 'Help: /help shows this.');
});
bot.catch((err) => console.error('runner bot error', err.error));

await bot.init();
const runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'my_chat_member'] } } });
console.log('runner bot started');

for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, async () => {
    await runner.stop();
    await conn.close();
    process.exit(0);
  });
