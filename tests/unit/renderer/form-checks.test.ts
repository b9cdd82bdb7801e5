// The console forms' own checks: what they refuse, and that they name the field as the form does.
import { describe, expect, it } from 'vitest';
import { wordsIn } from '../../../src/renderer/i18n.js';
import { dayProblem, hoursProblem, spanProblem } from '../../../src/renderer/ui/form-checks.js';

const ja = wordsIn('ja');
const en = wordsIn('en');
const from = (value: string) => ({ label: '開始日', value });
const to = (value: string) => ({ label: '終了日', value });

describe('the console forms’ own checks', () => {
  it('passes a whole date and a span in order, the same day at both ends included', () => {
    expect(dayProblem(ja, from('2026-11-25'))).toBeNull();
    expect(spanProblem(ja, from('2026-11-19'), to('2026-11-25'))).toBeNull();
    expect(spanProblem(ja, from('2026-11-25'), to('2026-11-25'))).toBeNull();
  });

  it('names a day left empty or half typed (the browser hands over the empty string), and one that is no date', () => {
    expect(spanProblem(ja, from(''), to('2026-11-25'))).toBe('開始日を年・月・日まで入れてください。');
    expect(spanProblem(ja, from('2026-11-19'), to(''))).toBe('終了日を年・月・日まで入れてください。');
    expect(dayProblem(ja, from('2026-13-01'))).not.toBeNull();
    expect(dayProblem(ja, from('26-11-01'))).not.toBeNull();
  });

  it('names both ends, with their dates, when the last day is before the first', () => {
    expect(spanProblem(ja, from('2026-11-25'), to('2026-11-19'))).toBe('終了日（2026-11-19）が開始日（2026-11-25）より前になっています。');
    expect(spanProblem(en, { label: 'From', value: '2026-11-25' }, { label: 'To', value: '2026-11-19' })).toBe('To (2026-11-19) is before From (2026-11-25).');
  });

  it('wants opening hours whole and the closing time after the opening time', () => {
    const opens = (value: string) => ({ label: '開始時刻', value });
    const closes = (value: string) => ({ label: '終了時刻', value });
    expect(hoursProblem(ja, opens('10:00'), closes('17:00'))).toBeNull();
    expect(hoursProblem(ja, opens(''), closes('17:00'))).toBe('開始時刻を時・分まで入れてください。');
    expect(hoursProblem(ja, opens('10:00'), closes('24:00'))).toBe('終了時刻を時・分まで入れてください。');
    expect(hoursProblem(ja, opens('17:00'), closes('10:00'))).toBe('終了時刻（10:00）は開始時刻（17:00）より後の時刻にしてください。');
    expect(hoursProblem(ja, opens('10:00'), closes('10:00'))).not.toBeNull();
  });
});
