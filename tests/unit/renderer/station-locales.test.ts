// Every station language says everything: each survey question and choice, and every word.
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, LiveHint } from '../../../src/shared/contract.js';
import { PHOTO_CHECK_IDS } from '../../../src/shared/photo-checks.js';
import { SURVEY } from '../../../src/shared/survey.js';
import { bandRange, STATION_LANGS, STATION_WORDS } from '../../../src/renderer/station/locales.js';

describe('station locales', () => {
  it('cover every survey question and choice in every language', () => {
    for (const lang of STATION_LANGS) {
      const w = STATION_WORDS[lang];
      for (const q of SURVEY) {
        expect(w.survey[q.id]?.q, `${lang} ${q.id}`).toBeTruthy();
        for (const c of q.choices) expect(w.survey[q.id]?.choices[c.id], `${lang} ${q.id}.${c.id}`).toBeTruthy();
      }
      for (const [k, v] of Object.entries(w)) if (typeof v === 'string') expect(v.trim(), `${lang}.${k}`).not.toBe('');
    }
  });

  it('explain every photo check and every framing hint in every language', () => {
    for (const lang of STATION_LANGS) {
      const p = STATION_WORDS[lang].photo;
      for (const id of PHOTO_CHECK_IDS) expect(p.checks[id]?.trim(), `${lang} check ${id}`).toBeTruthy();
      for (const h of LiveHint.options) expect(p.hints[h]?.trim(), `${lang} hint ${h}`).toBeTruthy();
      for (const [k, v] of Object.entries(p)) if (typeof v === 'string') expect(v.trim(), `${lang}.photo.${k}`).not.toBe('');
    }
  });

  it('keeps the Japanese source in Japanese, and the shared Japanese survey the same', () => {
    for (const q of SURVEY) {
      expect(STATION_WORDS.ja.survey[q.id]?.q).toBe(q.text.ja);
      for (const c of q.choices) expect(STATION_WORDS.ja.survey[q.id]?.choices[c.id]).toBe(c.text.ja);
    }
    const values = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(values) : []);
    // htmlLang is a language code, not words.
    const words = Object.fromEntries(Object.entries(STATION_WORDS.ja).filter(([k]) => k !== 'htmlLang'));
    // English fallback shows as lowercase words; acronyms used in Japanese (SNS) are fine.
    for (const text of values(words)) expect(text.replace(/\{\w+\}/g, ""), text).not.toMatch(/[a-z]{2,}/);
  });

  it('names every age band', () => {
    expect(bandRange('40-44')).toEqual([40, 44]);
    expect(bandRange('85+')).toEqual([85, null]);
    for (const lang of STATION_LANGS) for (const b of AGE_BANDS) expect(STATION_WORDS[lang].band(...bandRange(b))).toMatch(/\d/);
  });
});
