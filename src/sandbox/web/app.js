// The sandbox's chat page: talks only to the control API under /sandbox and its event stream.
import { avatar, esc, messageHtml, nameOf } from './render.js';

const $ = (sel) => document.querySelector(sel);
const state = {
  users: [],
  bots: [],
  chats: [],
  me: null,
  current: null,
  history: null,
  replyTo: null,
  consumed: new Set(),
};

async function api(method, path, body) {
  const res = await fetch(`/sandbox${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) {
    toast(json.error ?? `HTTP ${res.status}`, true);
    throw new Error(json.error);
  }
  return json;
}

function toast(text, alert = false) {
  const t = $('#toast');
  t.textContent = text;
  t.className = alert ? 'alert' : '';
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), alert ? 5000 : 2500);
}

const chatKey = (c) => `${c.id}:${c.bot_id ?? ''}`;
const botQuery = () => (state.current?.bot_id ? `bot_id=${state.current.bot_id}` : '');

async function loadUsers() {
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

async function loadChats() {
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

async function loadHistory() {
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
  if (atBottom || loadHistory.lastKey !== chatKey(c)) box.scrollTop = box.scrollHeight;
  loadHistory.lastKey = chatKey(c);
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

function filterCommands() {
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

let pending = null;
function refresh() {
  pending ??= setTimeout(async () => {
    pending = null;
    await loadUsers();
    await loadChats();
    await loadHistory();
  }, 30);
}

async function send(body) {
  const c = state.current;
  if (!c || !state.me) return;
  if (state.replyTo) body.reply_to_message_id = state.replyTo;
  await api('POST', `/chats/${c.id}/messages?${botQuery()}`, { from: state.me, ...body });
  setReply(null, true);
}

function setReply(id, consume = false) {
  if (consume && state.replyTo && state.current)
    state.consumed.add(`${chatKey(state.current)}:${state.me}:${state.replyTo}`);
  state.replyTo = id;
  const m = id && state.history?.messages.find((x) => x.message_id === id);
  $('#reply-bar').hidden = !m;
  if (m)
    $('#reply-bar span').textContent = `回复 ${nameOf(m.from)}: ${(m.text ?? m.caption ?? '').slice(0, 50)}`;
}

async function pressButton(btn) {
  const c = state.current;
  if (btn.dataset.cb !== undefined) {
    await api('POST', '/callback', {
      from: state.me,
      chat_id: c.id,
      message_id: Number(btn.dataset.msg),
      data: btn.dataset.cb,
      bot_id: c.bot_id,
    });
  } else if (btn.dataset.url) await openUrl(btn.dataset.url);
}

async function openUrl(url) {
  if (/^(https?:\/\/(t|telegram)\.me\/|tg:\/\/resolve)/i.test(url)) {
    const group =
      new URL(url, location.href).searchParams.has('startgroup') && state.current?.id < 0
        ? state.current.id
        : undefined;
    const r = await api('POST', '/start-link', { from: state.me, url, chat_id: group });
    state.current = {
      id: r.chat.id,
      bot_id: r.chat.type === 'private' ? state.bots.find((b) => url.includes(b.username))?.id : undefined,
    };
    refresh();
  } else window.open(url, '_blank', 'noopener');
}

function wire() {
  $('#identity').addEventListener('change', (e) => {
    state.me = Number(e.target.value);
    localStorage.setItem('sandbox.me', String(state.me));
    setReply(null);
    refresh();
  });
  $('#chat-list').addEventListener('click', (e) => {
    const li = e.target.closest('li');
    if (!li) return;
    const c = state.chats.find((x) => chatKey(x) === li.dataset.key);
    state.current = { id: c.id, bot_id: c.bot_id };
    setReply(null);
    refresh();
  });
  $('#messages').addEventListener('click', (e) => {
    const btn = e.target.closest('.kb-btn');
    if (btn) return void pressButton(btn).catch(() => {});
    const r = e.target.closest('[data-reply]');
    if (r) return setReply(Number(r.dataset.reply));
    const a = e.target.closest('a[data-link]');
    if (a && /(t|telegram)\.me\//.test(a.dataset.link)) {
      e.preventDefault();
      void openUrl(a.dataset.link).catch(() => {});
    }
  });
  $('#reply-cancel').addEventListener('click', () => setReply(null, true));
  $('#reply-keyboard').addEventListener('click', (e) => {
    const b = e.target.closest('.rk-btn');
    if (b) void send({ text: b.textContent });
  });
  $('#start-btn').addEventListener('click', () => void send({ text: '/start' }));
  $('#composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('#text').value.trim();
    if (!text) return;
    $('#text').value = '';
    $('#command-list').dataset.open = '0';
    filterCommands();
    await send({ text }).catch(() => ($('#text').value = text));
  });
  $('#text').addEventListener('input', filterCommands);
  $('#commands-btn').addEventListener('click', () => {
    const list = $('#command-list');
    list.dataset.open = list.dataset.open === '1' ? '0' : '1';
    filterCommands();
  });
  $('#command-list').addEventListener('click', (e) => {
    const li = e.target.closest('li');
    if (!li) return;
    $('#text').value = `/${li.dataset.cmd} `;
    $('#command-list').dataset.open = '0';
    filterCommands();
    $('#text').focus();
  });
  $('#file').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    e.target.value = '';
    if (!f) return;
    const data = await new Promise((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result).split(',')[1]);
      r.readAsDataURL(f);
    });
    const file = { data, file_name: f.name, mime_type: f.type };
    const caption = $('#text').value.trim();
    $('#text').value = '';
    await send(f.type.startsWith('image/') ? { photo: file, caption } : { document: file, caption });
  });
  $('#members-btn').addEventListener('click', () => ($('#members').hidden = !$('#members').hidden));
  $('#member-list').addEventListener('click', async (e) => {
    const b = e.target.closest('button[data-act]');
    if (b)
      await api('POST', `/chats/${state.current.id}/members`, {
        user_id: Number(b.dataset.user),
        action: b.dataset.act,
        by: state.me,
      });
  });
  $('#add-member-btn').addEventListener('click', async () => {
    const id = Number($('#add-member-user').value);
    if (id)
      await api('POST', `/chats/${state.current.id}/members`, { user_id: id, action: 'add', by: state.me });
  });
  $('#migrate-btn').addEventListener('click', async () => {
    const c = await api('POST', `/chats/${state.current.id}/migrate`, { by: state.me });
    state.current = { id: c.id };
    refresh();
  });
  $('#add-user-btn').addEventListener('click', () => $('#user-dialog').showModal());
  $('#user-form').addEventListener('submit', async (e) => {
    if (e.submitter?.value !== 'ok') return;
    const body = Object.fromEntries([...new FormData(e.target)].filter(([, v]) => v !== ''));
    const u = await api('POST', '/users', body);
    state.me = u.id;
    localStorage.setItem('sandbox.me', String(u.id));
    e.target.reset();
    refresh();
  });
  $('#new-group-btn').addEventListener('click', () => {
    $('#group-people').innerHTML =
      '<tr><th></th><th>成员</th><th>管理员</th></tr>' +
      state.users
        .filter((u) => u.id !== state.me)
        .map(
          (u) =>
            `<tr><td>${esc(nameOf(u))}</td><td><input type="checkbox" name="m" value="${u.id}" checked></td><td><input type="checkbox" name="a" value="${u.id}"></td></tr>`,
        )
        .join('');
    $('#group-dialog').showModal();
  });
  $('#group-form').addEventListener('submit', async (e) => {
    if (e.submitter?.value !== 'ok' || !state.me) return;
    const fd = new FormData(e.target);
    const admins = fd.getAll('a').map(Number);
    const members = fd
      .getAll('m')
      .map(Number)
      .filter((id) => !admins.includes(id));
    const c = await api('POST', '/chats', {
      type: fd.get('type'),
      title: fd.get('title'),
      creator: state.me,
      admins,
      members,
      bot_admin: fd.get('bot_admin') === 'on',
    });
    state.current = { id: c.id };
    refresh();
  });
}

function listen() {
  const es = new EventSource('/sandbox/events');
  es.addEventListener('toast', (e) => {
    const d = JSON.parse(e.data);
    if (d.user_id === state.me && d.text) toast(d.text, d.show_alert);
    if (d.user_id === state.me && d.url) void openUrl(d.url).catch(() => {});
  });
  for (const type of [
    'message',
    'edit',
    'delete',
    'pin',
    'keyboard',
    'chats',
    'users',
    'bots',
    'commands',
    'reset',
  ]) {
    es.addEventListener(type, refresh);
  }
  es.onopen = refresh;
}

wire();
listen();
refresh();
