// The pieces every Japanese A4 document of the app shares: the page, the colours, a section
// heading, keeping a block on one page, and the footer stamped on every page at the end.
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';

export type Doc = InstanceType<typeof PDFDocument>;

export const A4 = { width: 595.28, height: 841.89 } as const;
export const INK = '#1d2633';
export const MUTED = '#5b6675';
export const ACCENT = '#1f5fa8';
/** The ideographic space that separates items on a Japanese line. */
export const IDEO_SPACE = '\u3000';

/** A new A4 document with this margin, buffered so footers can be stamped at the end, and its bytes when it ends. */
export function startA4(title: string, margin: number): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin, bufferPages: true, info: { Title: title, Author: 'madoguchi', Creator: 'madoguchi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

/** A new page unless `height` points still fit above the bottom margin (less `slack`). */
export function ensureRoom(doc: Doc, height: number, slack: number): void {
  if (doc.y + height > A4.height - doc.page.margins.bottom - slack) doc.addPage();
}

export interface HeadingStyle {
  /** Kept on the page with this much of what follows. */
  need: number;
  slack: number;
  /** Where the accent line sits under the heading, pt. */
  rule: number;
  /** Lines of space after it, and the body text size that follows. */
  below: number;
  bodySize: number;
}

/** A section heading with an accent line under it, then the body font. */
export function sectionHeading(doc: Doc, text: string, s: HeadingStyle): void {
  const left = doc.page.margins.left;
  const width = A4.width - left - doc.page.margins.right;
  ensureRoom(doc, s.need, s.slack);
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(13).fillColor(INK).text(text, left, doc.y);
  doc.moveTo(left, doc.y + s.rule).lineTo(left + width, doc.y + s.rule).lineWidth(0.8).strokeColor(ACCENT).stroke();
  doc.moveDown(s.below).font(FONT_REGULAR).fontSize(s.bodySize).fillColor(INK);
}

/** A line centred in the bottom margin of every page (`line(page, pages)`), once the document is laid out. */
export function stampFooters(doc: Doc, line: (page: number, pages: number) => string, o: { size: number; below: number }): void {
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const { left, right, bottom } = doc.page.margins;
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font(FONT_REGULAR).fontSize(o.size).fillColor(MUTED).text(line(i + 1, pages.count), left, A4.height - bottom + o.below, { width: A4.width - left - right, align: 'center', lineBreak: false });
  }
}
