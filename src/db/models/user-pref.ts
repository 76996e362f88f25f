import { Schema, type Connection } from 'mongoose';

/**
 * What we know of a Telegram user across chats: chosen language, whether they started the bot.
 * No timestamps: a user's record changes as they use the bot, and a time of change stored here
 * could be matched against an anonymous entry (README, "Anonymity").
 */
const userPrefSchema = new Schema(
  {
    _id: { type: Number, required: true },
    /** Chosen with /language; wins over the Telegram language. */
    language: { type: String, enum: ['zh', 'en'] },
    /** language_code as Telegram last reported it. */
    telegramLanguage: { type: String },
    username: { type: String, lowercase: true },
    firstName: { type: String },
    startedBot: { type: Boolean, default: false },
    remindersPaused: { type: Boolean, default: false },
  },
  { versionKey: false, timestamps: false },
);
userPrefSchema.index({ username: 1 }, { sparse: true });

export function userPrefModel(conn: Connection) {
  return conn.model('UserPref', userPrefSchema);
}
