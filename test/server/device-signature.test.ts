import { createHash } from 'node:crypto';
import { signDeviceRequest } from '../../server/devices/qr-devices';

// The test vector printed in docs/devices.md: device makers check their implementation against it.

test('the documented device request signature', () => {
  const body = '{"code":"TX1.eyJ2IjoxfQ.c2lnbmF0dXJl","temperature":36.5}';
  expect(createHash('sha256').update(body).digest('hex')).toBe(
    'a8baef4d8a341f9986e30143a5f420c39b64e18d62a3439636c4e958badbd04d',
  );
  expect(
    signDeviceRequest('3f8a1c5e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a', {
      method: 'POST',
      path: '/device/verify',
      timestamp: '1795500000',
      nonce: '5f2b8c1d9e4a7f30',
      body,
    }),
  ).toBe('49ac9ea7af7c20eb9b280a6a6457d08f320846782dbf2c4ffde02c94665b6d4c');
});
