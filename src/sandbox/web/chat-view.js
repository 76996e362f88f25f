// Loads and renders the chat list, the open chat, its members and the command list.
import { avatar, esc, messageHtml, nameOf } from './render.js';
import { $, api, botQuery, chatKey, state } from './state.js';

export async function loadUsers() {
  state.users = await api('GET', '/users');
  state.bots = await api('GET', '/bots');
  const saved = Number(localStorage.getItem('sandbox.me'));
  if (!state.users.some((u) => u.id === state.me)) {
    state.me = state.users.find((u) => u.id === saved)?.id ?? state.users[0]?.id ?? null;
  }
  $('#identity').innerHTML = state.users
    .map(
      (u) =>
        `<option value="${u.id}" ${u.id === state.me ? 'selected' : ''}>${esc(nameOf(u))}${u.username ? ` @${esc(u.username)}` : ''}</option>`,
    )
    .join('');
  $('#bots').textContent = state.bots
    .map((b) => `机器人 @${b.username}${b.privacy ? '' : ' (privacy off)'}`)
    .join('  ');
}

export async function loadChats() {
  state.chats = state.me ? await api('GET', `/chats?user_id=${state.me}`) : [];
  if (state.current && !state.chats.some((c) => chatKey(c) === chatKey(state.current))) state.current = null;
  $('#chat-list').innerHTML = state.chats
    .map((c) => {
      const title = c.type === 'private' ? nameOf(c.bot) : c.title;
      const gone = c.type !== 'private' && !c.members.some((m) => m.user.id === state.me);
      const active = state.current && chatKey(c) === chatKey(state.current) ? 'active' : '';
      const preview = c.last_message
        ? `${c.last_message.from ? nameOf(c.last_message.from) + ': ' : ''}${c.last_message.preview}`
        : '';
      const badge = c.type === 'private' ? ' <span class="badge">bot</span>' : '';
      return `<li class="${active} ${gone ? 'gone' : ''}" data-key="${chatKey(c)}">${avatar(title, c.id)}<div class="body"><div class="title">${esc(title)}${badge}</div><div class="muted">${esc(preview)}</div></div></li>`;
    })
    .join('');
}

export async function loadHistory() {
  const c = state.current;
  $('#chat').classList.toggle('empty', !c);
  if (!c) return;
  const h = await api('GET', `/chats/${c.id}/messages?${botQuery()}`);
  state.history = h;
  const isGroup = h.chat.type !== 'private';
  $('#chat-title').textContent = isGroup ? h.chat.title : nameOf(h.chat.bot);
  $('#chat-sub').textContent = isGroup
    ? `${h.chat.type} · ${h.chat.member_count} 位成员 · id ${h.chat.id}${h.chat.migrated_to ? ` · 已升级到 ${h.chat.migrated_to}` : ''}`
    : `@${h.chat.bot?.username ?? ''} · 机器人`;
  const pin = h.pinned_message_id && h.messages.find((m) => m.message_id === h.pinned_message_id);
  $('#pinned').hidden = !pin;
  if (pin) $('#pinned').innerHTML = `<b>置顶消息</b> ${esc((pin.text ?? pin.caption ?? '').slice(0, 120))}`;
  const box = $('#messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
  box.innerHTML = h.messages.map((m) => messageHtml(m, state.me, isGroup)).join('');
  // A new message (or another chat) always brings the newest into view; an edit or a button press
  // further up keeps the place the reader scrolled to.
  const newest = `${chatKey(c)}:${h.messages.at(-1)?.message_id ?? 0}`;
  const follow = atBottom || loadHistory.lastNewest !== newest;
  loadHistory.lastNewest = newest;
  if (follow) {
    box.scrollTop = box.scrollHeight;
    // Photos size themselves when they load: keep the newest in view once they have.
    for (const img of box.querySelectorAll('img'))
      if (!img.complete)
        img.addEventListener('load', () => (box.scrollTop = box.scrollHeight), { once: true });
  }
  const kb = h.reply_keyboard?.keyboard;
  $('#reply-keyboard').hidden = !kb;
  $('#reply-keyboard').innerHTML = kb
    ? kb
        .map(
          (row) =>
            `<div class="kb-row">${row.map((b) => `<button type="button" class="rk-btn">${esc(b.text)}</button>`).join('')}</div>`,
        )
        .join('')
    : '';
  // force_reply: a Telegram app opens a reply to the prompt for the users it is meant for
  const fr = h.force_reply;
  const frKey = fr && `${chatKey(c)}:${state.me}:${fr.message_id}`;
  if (
    fr &&
    !state.replyTo &&
    !state.consumed.has(frKey) &&
    (!fr.selective || fr.user_ids.includes(state.me))
  ) {
    setReply(fr.message_id);
  }
  const chat = state.chats.find((x) => chatKey(x) === chatKey(c));
  $('#start-bar').hidden = !(chat?.type === 'private' && chat.started === false);
  $('#members-btn').hidden = !isGroup;
  if (!isGroup) $('#members').hidden = true;
  renderMembers();
  await loadCommands();
}

async function loadCommands() {
  const c = state.current;
  state.commands =
    c && state.me
      ? await api('GET', `/chats/${c.id}/commands?user_id=${state.me}&${botQuery()}`).catch(() => [])
      : [];
  filterCommands();
}

export function filterCommands() {
  const text = $('#text').value;
  const show = $('#command-list').dataset.open === '1' || (/^\/\w*$/.test(text) && text.length > 0);
  const q = text.startsWith('/') ? text.slice(1).toLowerCase() : '';
  const list = (state.commands ?? []).filter((c) => c.command.startsWith(q));
  $('#command-list').hidden = !show || !list.length;
  $('#command-list').innerHTML = list
    .map(
      (c) =>
        `<li data-cmd="${esc(c.command)}"><b>/${esc(c.command)}</b> <span class="muted">${esc(c.description)}</span></li>`,
    )
    .join('');
}

function renderMembers() {
  const h = state.history;
  if (!h || h.chat.type === 'private') return;
  const label = {
    creator: '创建者',
    administrator: '管理员',
    member: '成员',
    kicked: '已封禁',
    left: '已离开',
  };
  $('#member-list').innerHTML = h.chat.members
    .map((m) => {
      const acts =
        m.status === 'member'
          ? `<button data-act="promote" data-user="${m.user.id}">设为管理员</button><button data-act="kick" data-user="${m.user.id}">移除</button>`
          : m.status === 'administrator'
            ? `<button data-act="demote" data-user="${m.user.id}">取消管理员</button><button data-act="kick" data-user="${m.user.id}">移除</button>`
            : m.status === 'kicked'
              ? `<button data-act="add" data-user="${m.user.id}">重新加入</button>`
              : '';
      return `<li><span>${esc(nameOf(m.user))}${m.user.is_bot ? ' <span class="badge">bot</span>' : ''} <small class="muted">${label[m.status] ?? m.status}</small></span><span class="acts">${acts}</span></li>`;
    })
    .join('');
  const present = new Set(h.chat.members.filter((m) => m.status !== 'kicked').map((m) => m.user.id));
  const candidates = [...state.users, ...state.bots].filter((u) => !present.has(u.id));
  $('#add-member-user').innerHTML = candidates
    .map((u) => `<option value="${u.id}">${esc(nameOf(u))}${u.is_bot ? ' (bot)' : ''}</option>`)
    .join('');
  $('#migrate-btn').hidden = h.chat.type !== 'group' || !!h.chat.migrated_to;
}

export function setReply(id, consume = false) {
  if (consume && state.replyTo && state.current)
    state.consumed.add(`${chatKey(state.current)}:${state.me}:${state.replyTo}`);
  state.replyTo = id;
  const m = id && state.history?.messages.find((x) => x.message_id === id);
  $('#reply-bar').hidden = !m;
  if (m)
    $('#reply-bar span').textContent = `回复 ${nameOf(m.from)}: ${(m.text ?? m.caption ?? '').slice(0, 50)}`;
}
