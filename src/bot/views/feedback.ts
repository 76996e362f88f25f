import type { FeedbackRecord } from '../../db/models/feedback.js';
import { escapeHtml } from './html.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * A feedback entry for the secretary or the member: kind, about whom, text, and the outcome once
 * handled. The sender's name is given only to the secretary, and only for named entries.
 */
export function renderFeedback(t: T, f: FeedbackRecord, aboutName?: string, senderName?: string): string {
  const about = aboutName ? t('feedback-about', { name: escapeHtml(aboutName) }) : t('feedback-about-branch');
  const by = f.anonymous
    ? t('feedback-anonymous')
    : senderName
      ? t('feedback-named-by', { name: escapeHtml(senderName) })
      : t('feedback-named');
  const lines = [`${t(`feedback-kind-${f.kind}`)} · ${about} · ${by}`, escapeHtml(f.text)];
  if (f.status === 'handled') {
    lines.push(t('feedback-outcome', { outcome: escapeHtml(f.outcome ?? '') }));
    if (f.kind === 'complaint') lines.push(t(f.upheld ? 'feedback-upheld' : 'feedback-not-upheld'));
  }
  return lines.join('\n');
}
