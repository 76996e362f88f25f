import type { Member } from './member-service.js';
import { escapeHtml, starBar } from './html.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** One line of the roster board (公示榜) per member. */
export function renderRosterLine(index: number, m: Member): string {
  const plate = m.plateOn ? '' : ' 🚫';
  return `${index}. ${starBar(m.stars)} <b>${escapeHtml(m.realName)}</b> · ${escapeHtml(m.post)} · ${escapeHtml(m.unit)}${plate}\n    “${escapeHtml(m.motto)}”`;
}

/** Telegram's message limit is 4096 characters; tags do not count, so this leaves room. */
const ROSTER_MAX = 3800;

/**
 * The whole roster board: branch heading, the red flag while the branch holds it, slogan, members
 * by stars; cut short to fit one message.
 */
export function renderRoster(
  t: T,
  branch: { name: string },
  members: Member[],
  flag?: { committee: string; period: string } | null,
): string {
  const head = [
    t('roster-title', { branch: escapeHtml(branch.name) }),
    ...(flag ? [t('redflag-board', { committee: escapeHtml(flag.committee), period: flag.period })] : []),
    t('slogan'),
    '',
  ];
  const foot = ['', t('roster-footer', { count: members.length })];
  const lines: string[] = [];
  let size = [...head, ...foot].join('\n').length;
  for (const [i, m] of members.entries()) {
    const line = renderRosterLine(i + 1, m);
    if (size + line.length + 80 > ROSTER_MAX) {
      lines.push(t('roster-more', { count: members.length - i }));
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return [...head, ...(members.length ? lines : [t('roster-empty')]), ...foot].join('\n');
}
