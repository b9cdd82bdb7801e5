// ESC/POS command bytes for receipt-width ticket printers, built in memory so tests can assert
// them and the simulated printer can show them. Japanese text goes out as Shift_JIS in Kanji mode
// (FS C 1, FS &), which Japanese-market printers (TM-T88 -J models and their kin) understand.
import iconv from 'iconv-lite';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';

/** Printable columns of font A on 80 mm paper. */
export const TICKET_COLUMNS = 42;

export class EscPos {
  private readonly parts: number[] = [];

  constructor() {
    this.raw(ESC, 0x40); // initialise
    this.raw(FS, 0x43, 0x01); // Kanji code system: Shift_JIS
    this.raw(FS, 0x26); // Kanji mode on
  }

  private raw(...bytes: number[]): this {
    this.parts.push(...bytes);
    return this;
  }

  align(a: Align): this {
    return this.raw(ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2);
  }

  bold(on: boolean): this {
    return this.raw(ESC, 0x45, on ? 1 : 0);
  }

  /** Character magnification, 1–8 in each direction. */
  size(width: number, height: number): this {
    const w = Math.min(8, Math.max(1, Math.round(width))) - 1;
    const h = Math.min(8, Math.max(1, Math.round(height))) - 1;
    return this.raw(GS, 0x21, (w << 4) | h);
  }

  /** One line of text. Control characters are dropped so text cannot smuggle in commands. */
  line(s = ''): this {
    // eslint-disable-next-line no-control-regex
    const clean = s.replace(/[\u0000-\u001f\u007f]/g, '');
    for (const b of iconv.encode(clean, 'Shift_JIS')) this.parts.push(b);
    return this.raw(LF);
  }

  rule(char = '-'): this {
    return this.line(char.repeat(TICKET_COLUMNS));
  }

  feed(lines: number): this {
    return this.raw(ESC, 0x64, Math.min(255, Math.max(0, lines)));
  }

  /** Feed to the cutter and make a partial cut. */
  cut(): this {
    return this.raw(GS, 0x56, 0x42, 0x03);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Display width in columns: full-width (CJK) characters take two. */
export function columns(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/**
 * Renders ESC/POS bytes as the text a ticket would show: alignment applied, magnified text
 * marked, cuts drawn. Unknown commands appear as [?XX] so a test notices them.
 */
export function renderPreview(bytes: Uint8Array): string {
  const out: string[] = [];
  let align: Align = 'left';
  let mag = { w: 1, h: 1 };
  let bold = false;
  let pending: number[] = [];
  const flush = () => {
    let s = iconv.decode(Buffer.from(pending), 'Shift_JIS');
    pending = [];
    if (bold && s) s = `**${s}**`;
    const width = columns(s) * mag.w;
    const padTotal = Math.max(0, TICKET_COLUMNS - width);
    const pad = align === 'center' ? Math.floor(padTotal / 2) : align === 'right' ? padTotal : 0;
    const shown = mag.w > 1 || mag.h > 1 ? `${s}  (×${mag.w})` : s;
    out.push(' '.repeat(pad) + shown);
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    const n1 = bytes[i + 1];
    if (b === LF) {
      flush();
    } else if (b === ESC && n1 === 0x40) {
      align = 'left';
      mag = { w: 1, h: 1 };
      bold = false;
      i += 1;
    } else if (b === ESC && n1 === 0x61) {
      const v = bytes[i + 2];
      align = v === 1 ? 'center' : v === 2 ? 'right' : 'left';
      i += 2;
    } else if (b === ESC && n1 === 0x45) {
      bold = bytes[i + 2] === 1;
      i += 2;
    } else if (b === ESC && n1 === 0x64) {
      for (let k = 0; k < (bytes[i + 2] ?? 0); k++) out.push('');
      i += 2;
    } else if (b === GS && n1 === 0x21) {
      const v = bytes[i + 2] ?? 0;
      mag = { w: (v >> 4) + 1, h: (v & 0x0f) + 1 };
      i += 2;
    } else if (b === GS && n1 === 0x56) {
      if (pending.length) flush();
      out.push('✂' + '-'.repeat(TICKET_COLUMNS - 1));
      i += bytes[i + 2] === 0x41 || bytes[i + 2] === 0x42 ? 3 : 2;
    } else if (b === FS && n1 === 0x43) {
      i += 2;
    } else if (b === FS && (n1 === 0x26 || n1 === 0x2e)) {
      i += 1;
    } else if (b < 0x20) {
      out.push(`[?${b.toString(16).padStart(2, '0').toUpperCase()}]`);
    } else {
      pending.push(b);
    }
  }
  if (pending.length) flush();
  return out.join('\n');
}
