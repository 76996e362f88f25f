/** Escapes user text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** ★★★☆☆ for three of five stars. */
export function starBar(stars: number, max = 5): string {
  const n = Math.max(0, Math.min(max, stars));
  return '★'.repeat(n) + '☆'.repeat(max - n);
}
