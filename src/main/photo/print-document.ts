// What goes to the photo printer: a one-page PDF exactly the paper's size with the rendered sheet
// filling it, printed at 100 % (scaling off), so a millimetre on the sheet is a millimetre on
// paper and the calibration holds. The raster is embedded as it is (PNG), nothing resampled.
import PDFDocument from 'pdfkit';
import { paperMm, type Paper } from './sheet.js';

const PT_PER_MM = 72 / 25.4;

export function sheetPdf(png: Buffer, paper: Paper, landscape: boolean): Promise<Buffer> {
  const mm = paperMm(paper, landscape);
  const w = mm.width * PT_PER_MM;
  const h = mm.height * PT_PER_MM;
  return new Promise((resolve, reject) => {
    // No title, author or dates: the document carries nothing but the picture.
    const doc = new PDFDocument({ size: [w, h], margin: 0, autoFirstPage: false, info: { Producer: 'madoguchi', Creator: 'madoguchi' } });
    const parts: Buffer[] = [];
    doc.on('data', (c: Buffer) => parts.push(c));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.addPage({ size: [w, h], margin: 0 });
    doc.image(png, 0, 0, { width: w, height: h });
    doc.end();
  });
}
