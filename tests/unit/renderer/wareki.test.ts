import { describe, expect, it } from 'vitest';
import { eraLabel, isoDate, westernYear } from '../../../src/shared/wareki.js';

describe('和暦', () => {
  it('turns era years into calendar dates and refuses days that do not exist', () => {
    expect(westernYear('showa', 23)).toBe(1948);
    expect(isoDate('showa', 23, 4, 1)).toBe('1948-04-01');
    expect(isoDate('heisei', 1, 1, 8)).toBe('1989-01-08');
    expect(isoDate('reiwa', 1, 5, 1)).toBe('2019-05-01');
    expect(isoDate('western', 1975, 9, 9)).toBe('1975-09-09');
    expect(isoDate('showa', 23, 2, 30)).toBeNull();
    expect(isoDate('showa', 70, 1, 1)).toBeNull(); // 昭和 ended in its 64th year
    expect(isoDate('taisho', 0, 1, 1)).toBeNull();
  });

  it('reads a date back in the era people know it by', () => {
    expect(eraLabel('1948-04-01')).toBe('昭和23年');
    expect(eraLabel('1989-06-01')).toBe('平成元年');
    expect(eraLabel('2020-01-01')).toBe('令和2年');
  });
});
