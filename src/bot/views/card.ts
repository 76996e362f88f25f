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

export { renderRoster } from '../../services/roster-view.js';
