// The sandbox's chat page: talks only to the control API under /sandbox and its event stream.
import { filterCommands, loadChats, loadHistory, loadUsers, setReply } from './chat-view.js';
import { esc, nameOf } from './render.js';
import { $, api, botQuery, chatKey, state, toast } from './state.js';

let pending = null;
function refresh() {
  pending ??= setTimeout(async () => {
    pending = null;
    await loadUsers();
    await loadChats();
    await loadHistory();
  }, 30);
}

/** The composer grows with its lines (up to its CSS max-height), like Telegram's. */
function fitComposer() {
  const t = $('#text');
  t.style.height = 'auto';
  t.style.height = `${t.scrollHeight + 2}px`;
}

async function send(body) {
  const c = state.current;
  if (!c || !state.me) return;
  if (state.replyTo) body.reply_to_message_id = state.replyTo;
  await api('POST', `/chats/${c.id}/messages?${botQuery()}`, { from: state.me, ...body });
  setReply(null, true);
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
    fitComposer();
    $('#command-list').dataset.open = '0';
    filterCommands();
    // api() has shown the refusal; the text comes back so nothing typed is lost.
    await send({ text }).catch(() => {
      $('#text').value = text;
      fitComposer();
    });
  });
  $('#text').addEventListener('input', () => {
    fitComposer();
    filterCommands();
  });
  // Enter sends, Shift+Enter starts a new line (as in Telegram's apps); not while an IME composes.
  $('#text').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    $('#composer').requestSubmit();
  });
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
