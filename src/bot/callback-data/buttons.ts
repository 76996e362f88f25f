import { LOCALES, type Locale } from '../../domain/locale.js';
import { recordButtons } from './record-buttons.js';

/** Pledge items (承诺事项): approve (pa), return (pr), confirm done (pc), reject a done claim (px), mark done (pd). */
export const pledgeButtons = recordButtons(['pa', 'pr', 'pc', 'px', 'pd']);

/** Deeds (一件事一记录): verify (dv), reject (dr), edit (de), withdraw (dw). */
export const deedButtons = recordButtons(['dv', 'dr', 'de', 'dw']);

/** A registration (亮身份): confirm (mc), return (mr). */
export const memberButtons = recordButtons(['mc', 'mr']);

/** An entry of the feedback book (意见簿): handle it (fh). */
export const feedbackButtons = recordButtons(['fh']);

/** A member's objection to a provisional result: resolve it (obj). */
export const objectionButtons = recordButtons(['obj']);

/** A standard's review button: approve (sa) or return (sr) one revision; a stale revision is refused. */
export type StandardButton = { kind: 'sa' | 'sr'; id: string; revision: number };

export const standardButtons = {
  kinds: ['sa', 'sr'] as const,
  pack: (b: StandardButton): string => `${b.kind}:${b.id}:${b.revision}`,
  unpack(data: string): StandardButton | null {
    const m = /^(sa|sr):([0-9a-f]{24}):(\d{1,6})$/.exec(data);
    return m ? { kind: m[1] as StandardButton['kind'], id: m[2]!, revision: Number(m[3]) } : null;
  },
  /** Matches both kinds; read the press with `unpack(ctx.callbackQuery.data)`. */
  filter: /^(sa|sr):[0-9a-f]{24}:\d{1,6}$/,
};

/** /language: the presser's own language (lang:zh, lang:en). */
export const languageButtons = {
  pack: (locale: Locale): string => `lang:${locale}`,
  unpack(data: string): Locale | null {
    const m = /^lang:([a-z]{2})$/.exec(data);
    return m && (LOCALES as readonly string[]).includes(m[1]!) ? (m[1] as Locale) : null;
  },
  filter: /^lang:[a-z]{2}$/,
};

/** 挂牌: the plate link's buttons for one member, feedback (pf) and the masses ballot (pb). */
export type PlateButton = { kind: 'pf' | 'pb'; branchId: string; memberId: string };

export const plateButtons = {
  kinds: ['pf', 'pb'] as const,
  pack: (b: PlateButton): string => `${b.kind}:${b.branchId}-${b.memberId}`,
  unpack(data: string): PlateButton | null {
    const m = /^(pf|pb):([0-9a-f]{24})-([0-9a-f]{24})$/.exec(data);
    return m ? { kind: m[1] as PlateButton['kind'], branchId: m[2]!, memberId: m[3]! } : null;
  },
  /** Matches both kinds; read the press with `unpack(ctx.callbackQuery.data)`. */
  filter: /^(pf|pb):[0-9a-f]{24}-[0-9a-f]{24}$/,
};

/** /closeround's question for one month: close now (y) or keep the round open (n). */
export type RoundCloseButton = { close: boolean; month: string };

export const roundCloseButtons = {
  pack: (b: RoundCloseButton): string => `rclose:${b.close ? 'y' : 'n'}:${b.month}`,
  unpack(data: string): RoundCloseButton | null {
    const m = /^rclose:([yn]):(\d{4}-(?:0[1-9]|1[0-2]))$/.exec(data);
    return m ? { close: m[1] === 'y', month: m[2]! } : null;
  },
  filter: /^rclose:[yn]:\d{4}-\d{2}$/,
};

/** /progress's 🔄 刷新: edits the pressed message (one per chat), so it carries nothing else. */
export const progressButtons = {
  refresh: 'prog:r',
  filter: /^prog:r$/,
};
