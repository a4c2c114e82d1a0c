import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deviceOperation, signDeviceRequest } from '../../server/devices/qr-devices';

// The test vector printed in docs/devices.md: device makers check their implementation against it.

const VECTOR = {
  secret: '3f8a1c5e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a',
  timestamp: '1795500000',
  nonce: '5f2b8c1d9e4a7f30',
  operation: '/verify',
  body: '{"code":"TX1.eyJ2IjoxfQ.c2lnbmF0dXJl","temperature":36.5}',
  bodyHash: 'a8baef4d8a341f9986e30143a5f420c39b64e18d62a3439636c4e958badbd04d',
  signature: '9b1ef4b68137f05b72f1ecab6452f04c3d922e4214b1cf7bd90615984ca3a6f8',
};

test('the documented device request signature', () => {
  expect(createHash('sha256').update(VECTOR.body).digest('hex')).toBe(VECTOR.bodyHash);
  expect(
    signDeviceRequest(VECTOR.secret, {
      method: 'POST',
      operation: VECTOR.operation,
      timestamp: VECTOR.timestamp,
      nonce: VECTOR.nonce,
      body: VECTOR.body,
    }),
  ).toBe(VECTOR.signature);
});

test('docs/devices.md prints the same vector the code signs', () => {
  const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'devices.md'), 'utf8');
  const vector = doc.slice(doc.indexOf('**Test vector.**'), doc.indexOf('### Answers'));
  expect(vector).toContain(`Secret \`${VECTOR.secret}\``);
  expect(vector).toContain(`timestamp \`${VECTOR.timestamp}\``);
  expect(vector).toContain(`nonce \`${VECTOR.nonce}\``);
  expect(vector).toContain(`operation \`${VECTOR.operation}\``);
  expect(vector).toContain(`\`${VECTOR.body}\``);
  expect(vector).toContain(`SHA-256 of the body: \`${VECTOR.bodyHash}\``);
  expect(vector).toContain(`signature: \`${VECTOR.signature}\``);
});

test('the operation is the final path segment, however the route is mounted', () => {
  expect(deviceOperation('/verify')).toBe('/verify');
  expect(deviceOperation('/device/verify')).toBe('/verify');
  expect(deviceOperation('/any/prefix/verify')).toBe('/verify');
  expect(deviceOperation('/device/open')).toBe('/open');
  for (const none of ['/', '', '/device/', 'verify']) expect(deviceOperation(none)).toBeUndefined();
});
