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
