import { usePageTests } from './support/app';
import { waitUntil } from './support/wait';

// app.ts at a cold start: which cloud environment the build reaches, and what a build without one does.

const app = usePageTests();

test("a develop build of the tourist AppID reaches localcloud's environment", async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  expect(mp.phone.cloudEnv).toBe('tongxing-local');
  await waitUntil(() => mp.currentPage.has('.pass-card'), "the function's answer");
  expect(mp.phone.calls.showModal).toEqual([]);
});

test('a trial build whose environment id was never filled in says so and calls no function', async () => {
  const first = await app.launch('pages/home/index', 'resident');
  await waitUntil(() => first.currentPage.has('.pass-card'), 'the pass card');
  first.exit();
  first.phone.account = { appId: 'wx0123456789abcdef', envVersion: 'trial' };
  first.phone.calls.callFunction.length = 0;

  const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const mp = await app.launch('pages/home/index', first.phone);
  expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('trial 版本的云环境 id 尚未填写'));
  consoleError.mockRestore();
  expect(mp.phone.cloudEnv).toBeUndefined();
  expect(mp.phone.calls.showModal).toEqual([
    expect.objectContaining({
      title: '云环境未配置',
      content: expect.stringContaining('trial 版本的云环境 id 尚未填写'),
    }),
  ]);
  await waitUntil(() => mp.currentPage.text().includes('尚未填写'), 'the problem on the page');
  expect(mp.phone.calls.callFunction).toEqual([]);
});
