import type { Member } from '../../services/member-service.js';
import { escapeHtml, starBar } from './html.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** The member's public card (亮身份) in HTML. */
export function renderCard(t: T, m: Member, standard?: string): string {
  const badges = [t(`membership-${m.membership}`)];
  if (m.isLeading) badges.push(t('card-leading'));
  if (m.isElderly) badges.push(t('card-elderly'));
  const plate = m.titleHeld ? t('card-title-held') : m.plateOn ? t('card-plate-on') : t('card-plate-off');
  return [
    `🏅 <b>${escapeHtml(m.realName)}</b> · ${badges.join(' · ')}`,
    t('card-post-line', { post: escapeHtml(m.post), unit: escapeHtml(m.unit) }),
    `${starBar(m.stars)}  ${plate}`,
    `“${escapeHtml(m.motto)}”`,
    ...(standard ? [t('card-standard', { text: escapeHtml(standard) })] : []),
  ].join('\n');
}

/** One line of the roster board (公示榜) per member. */
export function renderRosterLine(index: number, m: Member): string {
  const plate = m.plateOn ? '' : ' 🚫';
  return `${index}. ${starBar(m.stars)} <b>${escapeHtml(m.realName)}</b> · ${escapeHtml(m.post)} · ${escapeHtml(m.unit)}${plate}\n    “${escapeHtml(m.motto)}”`;
}

/** The whole roster board: branch heading, slogan, members by stars. */
export function renderRoster(t: T, branch: { name: string }, members: Member[]): string {
  const head = t('roster-title', { branch: escapeHtml(branch.name) });
  const body = members.length
    ? members.map((m, i) => renderRosterLine(i + 1, m)).join('\n')
    : t('roster-empty');
  return [head, t('slogan'), '', body, '', t('roster-footer', { count: members.length })].join('\n');
}
