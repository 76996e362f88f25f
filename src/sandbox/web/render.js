// Renders Bot API messages to HTML the way Telegram clients show them.

export const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

export const nameOf = (u) => (u ? [u.first_name, u.last_name].filter(Boolean).join(' ') : '?');

const COLORS = ['#e17076', '#7bc862', '#65aadd', '#a695e7', '#ee7aae', '#6ec9cb', '#faa774'];

/** A round avatar with the first character of the name, coloured by id like Telegram does. */
export const avatar = (name, id) =>
  `<span class="avatar" style="background:${COLORS[Math.abs(Number(id)) % 7]}">${esc([...String(name ?? '?')][0] ?? '?')}</span>`;

const safeUrl = (u) => (/^(https?|tg):/i.test(u ?? '') ? u : '#');

function openTag(e, text) {
  const part = text.slice(e.offset, e.offset + e.length);
  switch (e.type) {
    case 'bold':
      return '<b>';
    case 'italic':
      return '<i>';
    case 'underline':
      return '<u>';
    case 'strikethrough':
      return '<s>';
    case 'spoiler':
      return '<span class="spoiler" title="spoiler">';
    case 'code':
      return '<code>';
    case 'pre':
      return `<pre data-lang="${esc(e.language ?? '')}">`;
    case 'blockquote':
    case 'expandable_blockquote':
      return '<blockquote>';
    case 'text_link':
      return `<a href="${esc(safeUrl(e.url))}" target="_blank" rel="noopener" data-link="${esc(e.url)}">`;
    case 'url':
      return `<a href="${esc(safeUrl(part))}" target="_blank" rel="noopener" data-link="${esc(part)}">`;
    case 'mention':
    case 'text_mention':
    case 'hashtag':
    case 'cashtag':
    case 'bot_command':
      return `<span class="${e.type}">`;
    default:
      return '<span>';
  }
}

const closeTag = (e) =>
  ({
    bold: '</b>',
    italic: '</i>',
    underline: '</u>',
    strikethrough: '</s>',
    code: '</code>',
    pre: '</pre>',
    blockquote: '</blockquote>',
    expandable_blockquote: '</blockquote>',
    text_link: '</a>',
    url: '</a>',
  })[e.type] ?? '</span>';

/** Text with entities → HTML. Offsets are UTF-16 code units, as JavaScript strings index. */
export function formatEntities(text, entities = []) {
  const list = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const stack = [];
  let out = '';
  let next = 0;
  const boundaries = new Set([0, text.length]);
  for (const e of list) boundaries.add(e.offset).add(e.offset + e.length);
  const points = [...boundaries].filter((p) => p <= text.length).sort((a, b) => a - b);
  for (const p of points) {
    out += esc(text.slice(next, p));
    next = p;
    // close what ends here; reopen anything closed only to keep tags nested
    const ending = stack.filter((e) => e.offset + e.length <= p);
    if (ending.length) {
      const reopen = [];
      while (stack.some((e) => e.offset + e.length <= p)) {
        const top = stack.pop();
        out += closeTag(top);
        if (top.offset + top.length > p) reopen.unshift(top);
      }
      for (const e of reopen) {
        out += openTag(e, text);
        stack.push(e);
      }
    }
    for (const e of list.filter((x) => x.offset === p && x.length > 0)) {
      out += openTag(e, text);
      stack.push(e);
    }
  }
  while (stack.length) out += closeTag(stack.pop());
  return out.replace(/\n/g, '<br>');
}

/** One line describing a service message, or null for ordinary messages. */
export function serviceText(m) {
  const by = nameOf(m.from);
  if (m.new_chat_members) {
    const who = m.new_chat_members.map(nameOf).join('、');
    return m.new_chat_members.some((u) => u.id === m.from?.id) ? `${who} 加入了群组` : `${by} 邀请了 ${who}`;
  }
  if (m.left_chat_member) {
    return m.left_chat_member.id === m.from?.id
      ? `${nameOf(m.left_chat_member)} 离开了群组`
      : `${by} 移除了 ${nameOf(m.left_chat_member)}`;
  }
  if (m.group_chat_created || m.supergroup_chat_created) return `${by} 创建了群组`;
  if (m.pinned_message)
    return `${by} 置顶了「${(m.pinned_message.text ?? m.pinned_message.caption ?? '消息').slice(0, 40)}」`;
  if (m.migrate_to_chat_id) return `群组已升级为超级群 (${m.migrate_to_chat_id})`;
  if (m.migrate_from_chat_id) return `由普通群 ${m.migrate_from_chat_id} 升级而来`;
  if (m.new_chat_title) return `${by} 修改群名为「${m.new_chat_title}」`;
  return null;
}

const time = (d) => new Date(d * 1000).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });

function keyboard(m) {
  const rows = m.reply_markup?.inline_keyboard ?? [];
  if (!rows.length) return '';
  return `<div class="keyboard">${rows
    .map(
      (row) =>
        `<div class="kb-row">${row
          .map((b, i) => {
            const attrs =
              b.callback_data !== undefined
                ? `data-cb="${esc(b.callback_data)}"`
                : b.url
                  ? `data-url="${esc(b.url)}"`
                  : 'disabled';
            return `<button type="button" class="kb-btn" data-msg="${m.message_id}" data-i="${i}" ${attrs}>${esc(b.text)}${b.url ? ' ↗' : ''}</button>`;
          })
          .join('')}</div>`,
    )
    .join('')}</div>`;
}

function media(m) {
  let out = '';
  if (m.photo?.length) {
    const p = m.photo[m.photo.length - 1];
    out += `<img class="photo" alt="photo" src="/sandbox/files/${esc(p.file_id)}" />`;
  }
  if (m.document) {
    const d = m.document;
    const kb = d.file_size ? ` · ${Math.max(1, Math.round(d.file_size / 1024))} KB` : '';
    out += `<a class="document" href="/sandbox/files/${esc(d.file_id)}" download="${esc(d.file_name ?? 'file')}"><span class="doc-icon">${esc((d.file_name ?? '').split('.').pop().slice(0, 4).toUpperCase())}</span><span>${esc(d.file_name ?? 'file')}</span><small>${esc(d.mime_type ?? '')}${kb}</small></a>`;
  }
  return out;
}

/** A message bubble (or a centred service line). `me` is the acting user's id. */
export function messageHtml(m, me, isGroup) {
  const service = serviceText(m);
  if (service) return `<div class="service" data-id="${m.message_id}">${esc(service)}</div>`;
  const mine = m.from?.id === me;
  const cls = ['msg', mine ? 'mine' : '', m.from?.is_bot ? 'bot' : ''].join(' ');
  const from =
    isGroup && !mine
      ? `<div class="from">${esc(nameOf(m.from))}${m.from?.is_bot ? ' <span class="badge">bot</span>' : ''}</div>`
      : '';
  const reply = m.reply_to_message
    ? `<div class="quote"><b>${esc(nameOf(m.reply_to_message.from))}</b> ${esc((m.reply_to_message.text ?? m.reply_to_message.caption ?? '').slice(0, 60))}</div>`
    : '';
  const body =
    m.text !== undefined
      ? formatEntities(m.text, m.entities)
      : m.caption
        ? formatEntities(m.caption, m.caption_entities)
        : '';
  const meta = `<span class="meta">${m.edit_date ? '已编辑 ' : ''}${time(m.date)}</span>`;
  return `<div class="${cls}" data-id="${m.message_id}">
    <div class="bubble">${from}${reply}${media(m)}<div class="text">${body}</div>${meta}
      <button type="button" class="reply-btn" title="回复 reply" data-reply="${m.message_id}">↩ 回复</button></div>
    ${keyboard(m)}</div>`;
}
