/**
 * The preview's page stack against WeChat's documented behaviour (framework guide, 页面路由: the page stack table,
 * "Tab 切换对应的生命周期", the 10-page limit, and each route API's fail messages).
 */
import {
  PAGE_STACK_LIMIT,
  PageStack,
  RouteError,
  parseQuery,
  resolveRoute,
  type PageHost,
} from '../../preview/client/page-stack';

interface FakePage {
  name: string;
}

const PAGES = [
  'pages/a/index',
  'pages/b/index',
  'pages/c/index',
  'pages/d/index',
  'pages/tab-a/index',
  'pages/tab-b/index',
  'packages/visit/pages/book/index',
];
const TABS = ['pages/tab-a/index', 'pages/tab-b/index'];

/** A stack whose host records every lifecycle call as `<page>.<lifecycle>` (page = its route's folder name). */
function recordingStack() {
  const log: string[] = [];
  const destroyed: string[] = [];
  let created = 0;
  const host: PageHost<FakePage> = {
    create(route) {
      created += 1;
      return { name: route.split('/').at(-2) as string };
    },
    destroy: (page) => void destroyed.push(page.name),
    call(page, lifecycle, query) {
      log.push(
        query && Object.keys(query).length
          ? `${page.name}.${lifecycle}(${JSON.stringify(query)})`
          : `${page.name}.${lifecycle}`,
      );
    },
    present: () => undefined,
  };
  const stack = new PageStack(host, { pages: PAGES, tabPages: TABS });
  const take = () => log.splice(0);
  const open = () => stack.open.map((entry) => entry.page.name);
  return { stack, take, open, destroyed, created: () => created };
}

test('launch: the first page gets onLoad(query), onShow, onReady', () => {
  const { stack, take, open } = recordingStack();
  stack.reLaunch('/pages/a/index?id=7&from=share');
  expect(take()).toEqual(['a.onLoad({"id":"7","from":"share"})', 'a.onShow', 'a.onReady']);
  expect(open()).toEqual(['a']);
});

test('navigateTo: the current page onHide, then the new one onLoad, onShow, onReady', () => {
  const { stack, take, open } = recordingStack();
  stack.reLaunch('/pages/a/index');
  take();
  stack.navigateTo('/pages/b/index?x=1');
  expect(take()).toEqual(['a.onHide', 'b.onLoad({"x":"1"})', 'b.onShow', 'b.onReady']);
  expect(open()).toEqual(['a', 'b']);
});

test('navigateBack: the top page onUnload, then the one below onShow (no onLoad again)', () => {
  const { stack, take, open, destroyed } = recordingStack();
  stack.reLaunch('/pages/a/index');
  stack.navigateTo('/pages/b/index');
  take();
  stack.navigateBack();
  expect(take()).toEqual(['b.onUnload', 'a.onShow']);
  expect(open()).toEqual(['a']);
  expect(destroyed).toEqual(['b']);
});

test('navigateBack(delta): pages leave top first; a delta past the stack stops at the first page', () => {
  const { stack, take, open } = recordingStack();
  stack.reLaunch('/pages/a/index');
  stack.navigateTo('/pages/b/index');
  stack.navigateTo('/pages/c/index');
  stack.navigateTo('/pages/d/index');
  take();
  stack.navigateBack(2);
  expect(take()).toEqual(['d.onUnload', 'c.onUnload', 'b.onShow']);
  stack.navigateBack(5);
  expect(take()).toEqual(['b.onUnload', 'a.onShow']);
  expect(open()).toEqual(['a']);
});

test('navigateBack on the first page fails as WeChat does, and changes nothing', () => {
  const { stack, take, open } = recordingStack();
  stack.reLaunch('/pages/a/index');
  take();
  expect(() => stack.navigateBack()).toThrow(new RouteError('navigateBack', 'cannot navigate back at first page.'));
  expect(take()).toEqual([]);
  expect(open()).toEqual(['a']);
});

test('redirectTo: the current page onUnload, then the new one onLoad, onShow, onReady', () => {
  const { stack, take, open } = recordingStack();
  stack.reLaunch('/pages/a/index');
  stack.navigateTo('/pages/b/index');
  take();
  stack.redirectTo('/pages/c/index');
  expect(take()).toEqual(['b.onUnload', 'c.onLoad', 'c.onShow', 'c.onReady']);
  expect(open()).toEqual(['a', 'c']);
});

test('reLaunch closes every page, top first, and the tab pages kept alive, then opens the new one', () => {
  const { stack, take, open } = recordingStack();
  stack.reLaunch('/pages/tab-a/index');
  stack.switchTab('/pages/tab-b/index');
  stack.navigateTo('/pages/b/index');
  stack.navigateTo('/pages/c/index');
  take();
  stack.reLaunch('/pages/d/index');
  expect(take()).toEqual([
    'c.onUnload',
    'b.onUnload',
    'tab-b.onUnload',
    'tab-a.onUnload',
    'd.onLoad',
    'd.onShow',
    'd.onReady',
  ]);
  expect(open()).toEqual(['d']);
});

test(`the stack holds at most ${PAGE_STACK_LIMIT} pages: the next navigateTo fails and nothing runs`, () => {
  const { stack, take, open, created } = recordingStack();
  stack.reLaunch('/pages/a/index');
  for (let i = 1; i < PAGE_STACK_LIMIT; i += 1) stack.navigateTo('/pages/b/index');
  expect(open()).toHaveLength(PAGE_STACK_LIMIT);
  take();
  const before = created();
  expect(() => stack.navigateTo('/pages/c/index')).toThrow('navigateTo:fail webview count limit exceed');
  expect(take()).toEqual([]);
  expect(created()).toBe(before);
  // redirectTo replaces the top page, so it still works at the limit
  stack.redirectTo('/pages/c/index');
  expect(open()).toHaveLength(PAGE_STACK_LIMIT);
});

test('tab pages are reached only with switchTab (or reLaunch); other pages never with switchTab', () => {
  const { stack } = recordingStack();
  stack.reLaunch('/pages/a/index');
  expect(() => stack.navigateTo('/pages/tab-a/index')).toThrow('navigateTo:fail can not navigateTo a tabbar page');
  expect(() => stack.redirectTo('/pages/tab-a/index')).toThrow('redirectTo:fail can not redirectTo a tabbar page');
  expect(() => stack.switchTab('/pages/b/index')).toThrow('switchTab:fail can not switch to no-tabBar page');
  expect(() => stack.navigateTo('/pages/nope/index')).toThrow('navigateTo:fail page "pages/nope/index" is not found');
});

describe('switchTab, as the table "Tab 切换对应的生命周期" lists it (A, B tab pages; C opened from A; D from C)', () => {
  test('A → B, B never opened: A.onHide, B.onLoad, B.onShow', () => {
    const { stack, take } = recordingStack();
    stack.reLaunch('/pages/tab-a/index');
    take();
    stack.switchTab('/pages/tab-b/index');
    expect(take()).toEqual(['tab-a.onHide', 'tab-b.onLoad', 'tab-b.onShow', 'tab-b.onReady']);
  });

  test('A → B opened before: A.onHide, B.onShow (B stayed loaded)', () => {
    const { stack, take } = recordingStack();
    stack.reLaunch('/pages/tab-a/index');
    stack.switchTab('/pages/tab-b/index');
    stack.switchTab('/pages/tab-a/index');
    take();
    stack.switchTab('/pages/tab-b/index');
    expect(take()).toEqual(['tab-a.onHide', 'tab-b.onShow']);
  });

  test('A → A: nothing happens', () => {
    const { stack, take } = recordingStack();
    stack.reLaunch('/pages/tab-a/index');
    take();
    stack.switchTab('/pages/tab-a/index');
    expect(take()).toEqual([]);
  });

  test('C → A: C.onUnload, A.onShow', () => {
    const { stack, take, open } = recordingStack();
    stack.reLaunch('/pages/tab-a/index');
    stack.navigateTo('/pages/c/index');
    take();
    stack.switchTab('/pages/tab-a/index');
    expect(take()).toEqual(['c.onUnload', 'tab-a.onShow']);
    expect(open()).toEqual(['tab-a']);
  });

  test('C → B: C.onUnload, B.onLoad, B.onShow (A stays loaded, hidden)', () => {
    const { stack, take, open } = recordingStack();
    stack.reLaunch('/pages/tab-a/index');
    stack.navigateTo('/pages/c/index');
    take();
    stack.switchTab('/pages/tab-b/index');
    expect(take()).toEqual(['c.onUnload', 'tab-b.onLoad', 'tab-b.onShow', 'tab-b.onReady']);
    expect(open()).toEqual(['tab-b']);
    stack.switchTab('/pages/tab-a/index');
    expect(take()).toEqual(['tab-b.onHide', 'tab-a.onShow']);
  });

  test('D → B: D.onUnload, C.onUnload, B.onLoad, B.onShow', () => {
    const { stack, take } = recordingStack();
    stack.reLaunch('/pages/tab-a/index');
    stack.navigateTo('/pages/c/index');
    stack.navigateTo('/pages/d/index');
    take();
    stack.switchTab('/pages/tab-b/index');
    expect(take()).toEqual(['d.onUnload', 'c.onUnload', 'tab-b.onLoad', 'tab-b.onShow', 'tab-b.onReady']);
  });

  test('D opened from a share → A: D.onUnload, A.onLoad, A.onShow', () => {
    const { stack, take } = recordingStack();
    stack.reLaunch('/pages/d/index');
    take();
    stack.switchTab('/pages/tab-a/index?ignored=1');
    expect(take()).toEqual(['d.onUnload', 'tab-a.onLoad', 'tab-a.onShow', 'tab-a.onReady']);
  });
});

test('urls: absolute, relative to the current page, in subpackages; query values stay as written', () => {
  expect(resolveRoute('pages/a/index', '../b/index')).toBe('pages/b/index');
  expect(resolveRoute('pages/a/index', './index')).toBe('pages/a/index');
  expect(resolveRoute('pages/a/index', '/packages/visit/pages/book/index')).toBe('packages/visit/pages/book/index');
  expect(parseQuery('name=%E5%BC%A0&empty=&flag')).toEqual({ name: '%E5%BC%A0', empty: '', flag: '' });

  const { stack, open } = recordingStack();
  stack.reLaunch('/pages/a/index');
  stack.navigateTo('../../packages/visit/pages/book/index?day=2030-01-01');
  expect(open()).toEqual(['a', 'book']);
  expect(stack.top?.query).toEqual({ day: '2030-01-01' });
});
