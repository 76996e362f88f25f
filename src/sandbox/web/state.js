// Shared page state and the control API client.

export const $ = (sel) => document.querySelector(sel);
export const state = {
  users: [],
  bots: [],
  chats: [],
  me: null,
  current: null,
  history: null,
  replyTo: null,
  consumed: new Set(),
};

export async function api(method, path, body) {
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

export function toast(text, alert = false) {
  const t = $('#toast');
  t.textContent = text;
  t.className = alert ? 'alert' : '';
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), alert ? 5000 : 2500);
}

export const chatKey = (c) => `${c.id}:${c.bot_id ?? ''}`;
export const botQuery = () => (state.current?.bot_id ? `bot_id=${state.current.bot_id}` : '');
