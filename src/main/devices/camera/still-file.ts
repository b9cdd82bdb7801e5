// What a camera handed over for a still, read from its first bytes: a JPEG (what the pipeline
// takes), or a RAW or HEIF file from a body set to record those (gphoto2 --stdout passes on
// whatever the body wrote; with RAW+JPEG both files, one after the other).

export type StillFormat = 'jpeg' | 'raw' | 'heif' | 'unknown';

const ascii = (buf: Buffer, from: number, to: number) => buf.toString('latin1', from, to);

export function stillFormat(buf: Buffer): StillFormat {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length < 12) return 'unknown';
  const head = ascii(buf, 0, 4);
  // TIFF-based RAW: Canon CR2, Nikon NEF, Sony ARW, DNG (II*\0, MM\0*); Olympus ORF (IIRO); Panasonic RW2 (IIU\0).
  if (head === 'II*\0' || head === 'MM\0*' || head === 'IIRO' || head === 'IIU\0') return 'raw';
  if (ascii(buf, 0, 15) === 'FUJIFILMCCD-RAW') return 'raw';
  if (ascii(buf, 4, 8) === 'ftyp') {
    const brand = ascii(buf, 8, 12);
    if (brand === 'crx ') return 'raw'; // Canon CR3
    if (['heic', 'heix', 'heim', 'heis', 'hevc', 'mif1', 'msf1', 'avif'].includes(brand)) return 'heif';
  }
  return 'unknown';
}

/**
 * Where the JPEG at the start of `buf` ends (just after its end-of-image marker), or null when it
 * does not end. Segments are skipped by their lengths, so an end marker inside the EXIF thumbnail
 * is not taken for the picture's; in the compressed data a real marker is the only FF not followed
 * by 00 (stuffing) or a restart marker.
 */
export function jpegEnd(buf: Buffer): number | null {
  if (stillFormat(buf) !== 'jpeg') return null;
  let i = 2;
  while (i + 1 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1] as number;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return i + 2;
    // Markers without a length: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (i + 3 >= buf.length) return null;
    const length = buf.readUInt16BE(i + 2);
    if (length < 2) return null;
    i += 2 + length;
    if (marker !== 0xda) continue;
    // Start of scan: compressed data up to the next marker.
    while (i + 1 < buf.length) {
      if (buf[i] === 0xff) {
        const next = buf[i + 1] as number;
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
      }
      i += 1;
    }
  }
  return null;
}
