import { ROUTES } from '../../miniprogram/utils/routes';

type Routes = typeof ROUTES;
type WithoutSlash<Route extends string> = Route extends `/${infer Path}` ? Path : Route;

/**
 * The app's own routes table as page paths: the simulator, the browser preview and `getCurrentPages()` name a page
 * without the leading slash that wx.navigateTo takes. Derived, so a moved page moves in the tests too.
 */
export const PAGES = Object.fromEntries(Object.entries(ROUTES).map(([name, route]) => [name, route.slice(1)])) as {
  readonly [Name in keyof Routes]: WithoutSlash<Routes[Name]>;
};

/** 自助卡务's pages (the `cards` subpackage), by the names the card tests use. */
export const CARD_PAGES = { list: PAGES.cards, bind: PAGES.bindCard, detail: PAGES.cardDetail } as const;

/** The fields of a card's detail as a record; a field shown twice is a defect of the page. */
export function onceEach(fields: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [label, value] of fields) {
    if (label in shown) throw new Error(`the card's detail shows ${label} twice`);
    shown[label] = value;
  }
  return shown;
}
