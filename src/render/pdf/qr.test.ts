import { test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { QR_MASK_PATTERN, qrMatrix } from './qr.js';

const FS =
  'A:123456789*B:999999990*C:PT*D:FS*E:N*F:20190812*G:FS CDVF/12345*H:CDF7T5HD-12345*I1:PT*I7:0.65*I8:0.15*N:0.15*O:0.80*Q:YhGV*R:9999*S:NU;0.80';

test('QR symbols: ECC M, byte mode, version 9 at least and larger only when needed (QR spec §2)', () => {
  const small = qrMatrix('A:1');
  assert.equal(small.version, 9);
  assert.equal(small.size, 53);
  assert.equal(qrMatrix(FS).version, 9, 'the spec FS example (141 chars) is a version 9 symbol');
  assert.equal(qrMatrix('x'.repeat(209)).version, 10, '209 characters need version 10 at ECC M');
  assert.equal(qrMatrix('x'.repeat(452)).version, 17, 'the spec FT example length needs version 17');
  const reference = QRCode.create([{ data: Buffer.from(FS), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    version: 9,
    maskPattern: QR_MASK_PATTERN,
  });
  assert.equal(reference.maskPattern, QR_MASK_PATTERN, 'one mask, no trial of the 8');
  assert.equal(
    reference.errorCorrectionLevel.bit,
    QRCode.create('x', { errorCorrectionLevel: 'M' }).errorCorrectionLevel.bit,
  );
  assert.deepEqual(
    Array.from(qrMatrix(FS).modules),
    Array.from(reference.modules.data),
    'same symbol as qrcode with ECC M, byte mode, v9, the fixed mask',
  );
  assert.equal(reference.segments[0].mode.id, 'Byte');
});
