// The 申請書ID from a QR code or typed: 23 digits, or an https URL carrying them; a 12-digit
// individual number is refused by name; any other input ends in a clear refusal, never a throw.
import { describe, expect, it } from 'vitest';
import { maskApplicationId, parseApplicationId } from '../../../src/shared/application-id.js';
import { ScanDetector } from '../../../src/shared/scan-detector.js';

const ID = '12345678901234567890123';

describe('application ID', () => {
  it('accepts the bare 23 digits, full-width or grouped, and an https URL carrying them', () => {
    expect(parseApplicationId(ID)).toEqual({ ok: true, id: ID, url: null });
    expect(parseApplicationId('１２３４５６７８９０１２３４５６７８９０１２３')).toMatchObject({ ok: true, id: ID });
    expect(parseApplicationId('1234-5678-9012-3456-7890-123 ')).toMatchObject({ ok: true, id: ID });
    expect(parseApplicationId(`https://apply.example.jp/start?applyId=${ID}&x=1`)).toEqual({ ok: true, id: ID, url: `https://apply.example.jp/start?applyId=${ID}&x=1` });
    expect(parseApplicationId(`https://apply.example.jp/form/${ID}`)).toMatchObject({ ok: true, id: ID });
  });

  it('refuses 22 and 24 digits, a 12-digit individual number, URLs without the ID, and http', () => {
    expect(parseApplicationId(ID.slice(1))).toMatchObject({ ok: false, reason: 'length' });
    expect(parseApplicationId(ID + '4')).toMatchObject({ ok: false, reason: 'length' });
    const mine = parseApplicationId('1234 5678 9012');
    expect(mine).toMatchObject({ ok: false, reason: 'individualNumber' });
    expect(!mine.ok && mine.message.ja).toContain('個人番号');
    expect(parseApplicationId('https://apply.example.jp/start')).toMatchObject({ ok: false, reason: 'noId' });
    expect(parseApplicationId(`https://a.example.jp/${ID}?b=${ID.replace('1', '9')}`)).toMatchObject({ ok: false, reason: 'severalIds' });
    expect(parseApplicationId(`http://apply.example.jp/?id=${ID}`)).toMatchObject({ ok: false, reason: 'notHttps' });
    expect(parseApplicationId('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseApplicationId(`${ID}\u0007`)).toMatchObject({ ok: false, reason: 'control' });
    expect(parseApplicationId('x'.repeat(5000))).toMatchObject({ ok: false, reason: 'tooLong' });
    expect(parseApplicationId('申請書です')).toMatchObject({ ok: false, reason: 'notDigits' });
  });

  it('ends every random input in a result with a message, never a throw', () => {
    const alphabet = '0123456789０１ -:/?=&#%abcXYZhttps\u0000\n申請';
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i += 1) {
      const s = Array.from({ length: Math.floor(rnd() * 60) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const r = parseApplicationId(s);
      if (r.ok) expect(r.id).toMatch(/^\d{23}$/);
      else expect(r.message.ja.length).toBeGreaterThan(5);
    }
  });

  it('shows staff only the last four digits', () => {
    expect(maskApplicationId(ID)).toBe('•••••••••••••••••••0123');
  });
});

describe('scanner in keyboard mode', () => {
  const feed = (d: ScanDetector, s: string, start: number, gap: number) => {
    let t = start;
    let out: string | null = null;
    for (const ch of s) out = d.key(ch, (t += gap)) ?? out;
    return d.key('Enter', t + gap) ?? out;
  };

  it('takes a fast burst ending in Enter as a scan, and typing as typing', () => {
    const d = new ScanDetector();
    expect(feed(d, ID, 0, 4)).toBe(ID);
    expect(feed(d, ID, 10_000, 120)).toBeNull();
    // Typing first, then a scan: only the scan.
    let t = 20_000;
    for (const ch of 'abc') d.key(ch, (t += 150));
    expect(feed(d, ID, t + 400, 3)).toBe(ID);
    // Too short to be a code.
    expect(feed(d, '12345', 40_000, 3)).toBeNull();
  });
});
