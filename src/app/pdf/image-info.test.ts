import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { imageInfo, imageProblem } from './image-info.js';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

function png(width: number, height: number, pixels?: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // 8-bit RGB
  const raw = pixels ?? Buffer.alloc((width * 3 + 1) * height);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('reads PNG and JPEG sizes and refuses anything else', () => {
  assert.deepEqual(imageInfo(png(500, 200)), { contentType: 'image/png', width: 500, height: 200 });
  const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0001108006400c803012200021101031101', 'hex');
  assert.deepEqual(imageInfo(jpeg), { contentType: 'image/jpeg', width: 200, height: 100 });
  assert.equal(imageProblem(jpeg), undefined);
  assert.equal(imageInfo(Buffer.from('GIF89a')), undefined);
  assert.equal(imageInfo(Buffer.from('89504e470d0a1a0a', 'hex')), undefined);
  assert.equal(imageInfo(new Uint8Array()), undefined);
});

test('a PNG must inflate to the size its header announces', () => {
  assert.equal(imageProblem(png(4, 3)), undefined);
  assert.match(imageProblem(png(4, 3, Buffer.alloc(10)))!, /does not match/);
  const corrupt = png(4, 3);
  corrupt[corrupt.length - 20] ^= 0xff;
  assert.ok(imageProblem(corrupt));
  assert.match(imageProblem(png(4, 3).subarray(0, 40))!, /truncated/);
  assert.match(imageProblem(Buffer.from('not an image'))!, /PNG or JPEG/);
});
