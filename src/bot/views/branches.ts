import type { BranchDoc } from '../../db/models/branch.js';
import type { BranchOverview } from '../../services/committee-overview.js';
import type { Committee } from '../../services/committee-service.js';
import type { TreeNode } from '../../services/committee-tree.js';
import { escapeHtml } from './html.js';

type T = (key: string, params?: Record<string, string | number>) => string;
const MAX = 3800;

/**
 * `/branches`: the tree with each branch's figures, split into messages under Telegram's limit
 * (a committee of 500 branches takes several).
 */
export function renderBranches(
  t: T,
  c: Committee,
  nodes: TreeNode[],
  figures: Map<string, BranchOverview>,
  labels: { month: string; closeLabel: (o: NonNullable<BranchOverview['lastClose']>) => string },
): string[] {
  const line = (b: BranchDoc, indent: string) => {
    const o = figures.get(String(b._id))!;
    return (
      indent +
      t('committee-branches-line', {
        name: escapeHtml(b.name),
        members: o.members,
        plates: o.plates,
        fiveStar: o.fiveStar,
        selfRated: o.selfRated,
        deeds: o.deedsVerified,
        overdue: o.overdueItems,
        lastClose: o.lastClose ? labels.closeLabel(o.lastClose) : t('committee-branches-never-closed'),
      })
    );
  };
  const lines: string[] = [];
  for (const n of nodes) {
    if (n.kind === 'branch') lines.push(line(n.branch, '• '));
    else {
      lines.push(t('committee-branches-general', { name: escapeHtml(n.name), count: n.branches.length }));
      for (const b of n.branches) lines.push(line(b, '   ◦ '));
    }
  }
  const count = nodes.reduce((s, n) => s + (n.kind === 'branch' ? 1 : n.branches.length), 0);
  const head = t('committee-branches-title', { name: escapeHtml(c.name), count, month: labels.month });
  if (lines.length === 0) return [`${head}\n${t('committee-branches-none')}`];
  const pages: string[] = [];
  let page = head;
  for (const l of lines) {
    if (page.length + l.length + 1 > MAX) {
      pages.push(page);
      page = l;
    } else page += `\n${l}`;
  }
  pages.push(page);
  return pages;
}
