// QR codes read from pictures offline: a form's QR alone, and held up in front of the camera.
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readQrCodes } from '../../../src/main/online/qr-reader.js';
import { ASTRONAUT } from '../../support/photos.js';

const URL_WITH_ID = 'https://apply.example.jp/start?applyId=12345678901234567890123';

describe('QR reader (zxing-wasm, local wasm)', () => {
  it('reads a QR code on its own and one held up in a camera frame', async () => {
    const qr = await QRCode.toBuffer(URL_WITH_ID, { margin: 2, width: 240 });
    expect(await readQrCodes(qr)).toEqual([URL_WITH_ID]);
    const frame = await sharp(ASTRONAUT.file).resize(1280, 1280).composite([{ input: qr, left: 860, top: 900 }]).jpeg({ quality: 85 }).toBuffer();
    expect(await readQrCodes(frame)).toEqual([URL_WITH_ID]);
  });

  it('answers no code for a picture without one, and for bytes that are no picture', async () => {
    expect(await readQrCodes(await sharp(ASTRONAUT.file).jpeg().toBuffer())).toEqual([]);
    expect(await readQrCodes(new Uint8Array([1, 2, 3, 4]))).toEqual([]);
  });
});
