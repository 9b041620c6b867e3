import { inflateSync } from 'node:zlib';

/** What a logo upload is, read from its own bytes (the declared content type is not trusted). */
export interface ImageInfo {
  contentType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const PNG_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** PNG (IHDR) or JPEG (SOFn) type and dimensions from the header; undefined for anything else or truncated data. */
export function imageInfo(b: Uint8Array): ImageInfo | undefined {
  if (b.length >= 33 && PNG_SIGNATURE.every((v, i) => b[i] === v)) {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (String.fromCharCode(b[12], b[13], b[14], b[15]) !== 'IHDR') return undefined;
    return { contentType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  const sof = jpegFrame(b);
  return sof ? { contentType: 'image/jpeg', width: sof.width, height: sof.height } : undefined;
}

function jpegFrame(b: Uint8Array): { width: number; height: number; channels: number } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = (b[i + 2] << 8) | b[i + 3];
    if (len < 2) return undefined;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8], channels: b[i + 9] };
    }
    i += 2 + len;
  }
  return undefined;
}

/**
 * Checks that an image can be embedded in a PDF as it is: a well-formed PNG whose pixel data inflates to
 * the size its header announces (the PDF library decodes PNG data asynchronously, where a corrupt stream
 * could not be caught), or a JPEG with 1, 3 or 4 components. Returns the problem, or undefined when fine.
 */
export function imageProblem(b: Uint8Array): string | undefined {
  const info = imageInfo(b);
  if (!info) return 'The logo must be a PNG or JPEG image.';
  if (info.contentType === 'image/jpeg') {
    const sof = jpegFrame(b)!;
    if (![1, 3, 4].includes(sof.channels)) return 'The JPEG must be grayscale, RGB or CMYK.';
    if (sof.width < 1 || sof.height < 1) return 'The JPEG has no size.';
    return undefined;
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const depth = b[24];
  const colorType = b[25];
  const interlace = b[28];
  if (!PNG_DEPTHS[colorType]?.includes(depth)) return 'The PNG has an invalid colour type or bit depth.';
  if (interlace !== 0) return 'Interlaced PNG images are not supported; save the logo without interlacing.';
  const idat: Uint8Array[] = [];
  let hasPalette = false;
  let end = false;
  for (let i = 8; i + 12 <= b.length;) {
    const len = view.getUint32(i);
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    if (i + 12 + len > b.length) return 'The PNG is truncated.';
    if (type === 'IDAT') idat.push(b.subarray(i + 8, i + 8 + len));
    if (type === 'PLTE') hasPalette = true;
    if (type === 'IEND') {
      end = true;
      break;
    }
    i += 12 + len;
  }
  if (!end || idat.length === 0) return 'The PNG is truncated.';
  if (colorType === 3 && !hasPalette) return 'The PNG has no palette.';
  const rowBytes = Math.ceil((info.width * PNG_CHANNELS[colorType] * depth) / 8);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: (rowBytes + 1) * info.height + 1 });
  } catch {
    return 'The PNG pixel data is corrupt.';
  }
  if (pixels.length !== (rowBytes + 1) * info.height) return 'The PNG pixel data does not match its size.';
  return undefined;
}
