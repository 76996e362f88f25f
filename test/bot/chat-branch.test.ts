import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { createChatBranch } from '../../src/bot/chat-branch.js';
import type { Branch } from '../../src/services/branch-service.js';

function counting() {
  const asked: number[] = [];
  const branches = {
    findByChat: (chatId: number) => {
      asked.push(chatId);
      return Promise.resolve({ chatId } as unknown as Branch);
    },
  } as never;
  return { asked, chatBranch: createChatBranch({ branches }) };
}
const update = (id: number) => ({ update_id: id }) as Update;

describe('chatBranch', () => {
  it('looks the group up once per update, and again for the next update', async () => {
    const { asked, chatBranch } = counting();
    const first = { update: update(1), chat: { id: -5, type: 'supergroup' } };
    await chatBranch(first);
    await chatBranch({ ...first });
    expect(asked).toEqual([-5]);
    await chatBranch({ update: update(2), chat: { id: -5, type: 'supergroup' } });
    expect(asked).toEqual([-5, -5]);
  });

  it('asks nothing for a private chat or an update without a chat', async () => {
    const { asked, chatBranch } = counting();
    expect(await chatBranch({ update: update(1), chat: { id: 7, type: 'private' } })).toBeNull();
    expect(await chatBranch({ update: update(2) })).toBeNull();
    expect(asked).toEqual([]);
  });
});
