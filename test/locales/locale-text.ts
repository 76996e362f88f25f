/** Checks of locale text as data, shared by the locale file test and its own table test. */

const HAN = /\p{Script=Han}/u;
/** CJK characters and the punctuation of Chinese writing (CJK symbols and full-width forms). */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu;
/** ASCII marks that Chinese text writes full-width: ，；：？！（）and 。 for a full stop. */
const ASCII_MARKS = /[,;:?!().]/g;

/**
 * The literal text pieces of a parsed Fluent entry (its value, attributes and every select
 * variant), with each placeable (a variable, a term, a function) cut out: a piece ends where a
 * placeable starts, so nothing is judged against a neighbour that is a variable.
 */
export function textsOf(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const n of node) textsOf(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'str' && typeof o.value === 'string') out.push(o.value);
    else if (o.type === 'select')
      textsOf(
        (o.variants as { value: unknown }[]).map((v) => v.value),
        out,
      );
    else if ('id' in o) textsOf([o.value, o.attributes], out);
    else if (!('type' in o)) for (const v of Object.values(o)) textsOf(v, out);
  }
  return out;
}

/** The names of the `$variables` an entry uses, sorted, each once. */
export function variablesOf(node: unknown, out = new Set<string>()): string[] {
  if (Array.isArray(node)) for (const n of node) variablesOf(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'var' && typeof o.name === 'string') out.add(o.name);
    for (const v of Object.values(o)) variablesOf(v, out);
  }
  return [...out].sort();
}

/** English text: every CJK character or full-width mark, with the text around it. */
export function enTextProblems(text: string): string[] {
  return [...text.matchAll(CJK)].map((m) => `"${m[0]}" in "${around(text, m.index)}"`);
}

/**
 * Chinese text: an ASCII mark (, ; : ? ! ( ) .) whose nearest character on either side, spaces
 * skipped, is a Chinese character. Marks between digits or Latin text (09:00, 1/4, /rate, Q4, a
 * list's "1.") are left alone.
 */
export function zhTextProblems(text: string): string[] {
  const out: string[] = [];
  let openWrong = false;
  for (const m of text.matchAll(ASCII_MARKS)) {
    const before = text.slice(0, m.index).trimEnd().slice(-1);
    const after = text
      .slice(m.index + 1)
      .trimStart()
      .slice(0, 1);
    const hanBefore = HAN.test(before);
    const nextToHan = hanBefore || HAN.test(after);
    // A full stop is wrong only after Chinese (before it may come a list's number, "1. "); a
    // closing parenthesis is wrong when its opening one was.
    const wrong: boolean = m[0] === '.' ? hanBefore : m[0] === ')' ? nextToHan || openWrong : nextToHan;
    if (m[0] === '(') openWrong = wrong;
    if (wrong) out.push(`"${m[0]}" in "${around(text, m.index)}"`);
  }
  return out;
}

/**
 * Chinese text rendered with a variable's value `value` (Latin letters and digits, as a month,
 * a date, a number or a Latin name would be): the value written straight against a Chinese
 * character, with no space between, as in "考评结果2026-11".
 */
export function zhSpacingProblems(text: string, value: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const before = text.slice(at - 1, at);
    const after = text.slice(at + value.length, at + value.length + 1);
    if (HAN.test(before) || HAN.test(after)) out.push(`no space in "${around(text, at)}"`);
  }
  return out;
}

const around = (text: string, at: number) => text.slice(Math.max(0, at - 12), at + 12).replace(/\n/g, '⏎');
