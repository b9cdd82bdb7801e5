import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { columns, EscPos, renderPreview, TICKET_COLUMNS } from '../../../src/main/devices/ticket-printer/escpos.js';
import { testTicket } from '../../../src/main/app.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ESC/POS bytes', () => {
  it('starts by initialising and selecting Shift_JIS Kanji mode', () => {
    expect(hex(new EscPos().bytes())).toBe('1b40' + '1c4301' + '1c26');
  });

  it('encodes Japanese as Shift_JIS and ends lines with LF', () => {
    const b = new EscPos().line('受付 12').bytes();
    const body = Buffer.from(b.subarray(7));
    expect(body.equals(Buffer.concat([iconv.encode('受付 12', 'Shift_JIS'), Buffer.from([0x0a])]))).toBe(true);
    expect(hex(iconv.encode('受', 'Shift_JIS'))).toBe('8ef3');
  });

  it('drops control characters so text cannot inject commands', () => {
    const b = new EscPos().line('A\x1b@B\x1dV\x00C').bytes();
    expect(Buffer.from(b.subarray(7)).toString('latin1')).toBe('A@BVC\n');
  });

  it('builds alignment, bold, magnification, feed and cut commands', () => {
    const b = hex(new EscPos().align('center').bold(true).size(3, 2).feed(4).cut().bytes().subarray(7));
    expect(b).toBe('1b6101' + '1b4501' + '1d2121' + '1b6404' + '1d564203');
  });
});

describe('ticket preview', () => {
  it('renders what the test ticket says, centred, with a cut, and no unknown commands', () => {
    const preview = renderPreview(testTicket(new Date('2026-11-23T01:02:00Z')));
    expect(preview).toContain('マイナンバーカード 出張申請窓口');
    expect(preview).toContain('000  (×3)');
    expect(preview).toContain('✂');
    expect(preview).not.toMatch(/\[\?[0-9A-F]{2}\]/);
    const rule = preview.split('\n').find((l) => l.includes('-----'));
    expect(rule?.trim().length).toBe(TICKET_COLUMNS);
  });

  it('marks unknown commands', () => {
    expect(renderPreview(Uint8Array.from([0x41, 0x07, 0x0a]))).toContain('[?07]');
  });

  it('counts full-width characters as two columns', () => {
    expect(columns('受付A')).toBe(5);
  });
});
