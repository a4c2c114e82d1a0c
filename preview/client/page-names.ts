/**
 * The element each page renders as, and so the prefix miniprogram-simulate gives the page's classes
 * (`class="site-bar"` on pages/home/index becomes `page-home--site-bar`): unique per page, so two open pages'
 * stylesheets never style each other. End-to-end tests select page nodes with `pageClass`.
 */
export function pageTagName(route: string): string {
  const slug = route
    .replace(/^\//, '')
    .replace(/\/index$/, '')
    .replace(/^pages\//, '')
    .replace(/[^a-zA-Z0-9]+/g, '-');
  return `page-${slug.toLowerCase()}`;
}

/** A CSS selector for a class written in a page's WXML: `pageClass('pages/home/index', 'site-bar')`. */
export function pageClass(route: string, className: string): string {
  return `.${pageTagName(route)}--${className}`;
}
