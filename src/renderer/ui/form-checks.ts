// Checks a console form makes before it sends anything, worded with the form's own labels. The
// browser's own checks (a date's min, max) would stop the form with a tooltip that vanishes in a
// few seconds and names no field; these stay on screen in the error note until the field is put
// right. The contract refuses the same things, in case a form is bypassed.
import type { WordKey } from '../i18n.js';

type Words = (key: WordKey) => string;

/** A field as the form shows it: its label and what it holds now. */
export interface Field {
  label: string;
  value: string;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A date field that holds no whole date. (A date field half filled in, "2026/11/", holds the
 * empty string: the browser keeps the part typed on screen only.)
 */
export function dayProblem(t: Words, f: Field): string | null {
  return DAY.test(f.value) ? null : t('formDayMissing').replace('{field}', f.label);
}

/** A span of days: both days whole, the last not before the first. */
export function spanProblem(t: Words, first: Field, last: Field): string | null {
  const missing = dayProblem(t, first) ?? dayProblem(t, last);
  if (missing) return missing;
  return last.value < first.value ? order(t('formDayOrder'), first, last) : null;
}

/** A stretch of hours in one day: both times whole, the end after the start. */
export function hoursProblem(t: Words, start: Field, end: Field): string | null {
  for (const f of [start, end]) if (!TIME.test(f.value)) return t('formTimeMissing').replace('{field}', f.label);
  return end.value <= start.value ? order(t('formTimeOrder'), start, end) : null;
}

const order = (words: string, first: Field, last: Field) =>
  words.replace('{first}', first.label).replace('{firstValue}', first.value).replace('{last}', last.label).replace('{lastValue}', last.value);
