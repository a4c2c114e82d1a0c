/** How the preview turns WXSS into CSS a browser applies as a 375 px phone would. */
import { convertUnits, rpxToPx } from '../../preview/client/units';
import { dropRemoteFonts, rewriteSelectors } from '../../preview/wxss';
import { pageClass, pageTagName } from '../../preview/client/page-names';

test('rpx: 750rpx is the 375 px screen; values floor to whole pixels, a non-zero hairline stays 1px', () => {
  expect(rpxToPx(750)).toBe(375);
  expect(rpxToPx(28)).toBe(14);
  expect(rpxToPx(29)).toBe(14);
  expect(rpxToPx(1)).toBe(1);
  expect(rpxToPx(0)).toBe(0);
  expect(rpxToPx(-32)).toBe(-16);
});

test('units in stylesheets and inline styles: rpx to px, vh and vw to the phone window', () => {
  expect(convertUnits('padding: 28rpx 32.5rpx; margin: -8rpx')).toBe('padding: 14px 16px; margin: -4px');
  expect(convertUnits('min-height: 100vh; width: 50vw')).toBe(
    'min-height: calc(100 * var(--tx-vh, 1vh)); width: calc(50 * var(--tx-vw, 1vw))',
  );
  expect(convertUnits('.a{font-size:14px}')).toBe('.a{font-size:14px}');
});

test('tag selectors name the elements pages render: page is <tx-page>, built-ins are wx-*', () => {
  expect(rewriteSelectors('page{--x:1}.home view,text>button{color:red}')).toBe(
    'tx-page{--x:1}.home wx-view,wx-text>wx-button{color:red}',
  );
  // classes, ids and declarations that merely contain the words stay
  expect(rewriteSelectors('.page-title,#view .text-x{content:"view page"}')).toBe(
    '.page-title,#view .text-x{content:"view page"}',
  );
  expect(rewriteSelectors('@media (min-width:1px){page .a{x:y}}')).toBe('@media (min-width:1px){tx-page .a{x:y}}');
});

test('web fonts from the internet are dropped (the preview draws TDesign icons from SVGs)', () => {
  const css = "@font-face{font-family:t;src:url(https://cdn.example/t.woff) format('woff')}.a{b:c}";
  expect(dropRemoteFonts(css)).toBe('.a{b:c}');
});

test('each page has its own element and class prefix', () => {
  expect(pageTagName('pages/home/index')).toBe('page-home');
  expect(pageTagName('packages/account/pages/register/index')).toBe('page-packages-account-pages-register');
  expect(pageClass('pages/home/index', 'site-bar')).toBe('.page-home--site-bar');
});
