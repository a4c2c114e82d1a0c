import { startTestCloud } from './harness';

test('localcloud starts and answers an unknown route with 404', async () => {
  const lc = await startTestCloud();
  try {
    const res = await fetch(`${lc.url}/nowhere`);
    expect(res.status).toBe(404);
  } finally {
    await lc.stop();
  }
});
