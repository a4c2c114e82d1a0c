/** What the preview knows of app.json (app-manifest.ts reads it; the browser side gets it in the bundle). */

/** The window settings WeChat reads from app.json `window` and a page's json (the ones the preview draws). */
export interface WindowConfig {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'black' | 'white';
  navigationStyle?: 'default' | 'custom';
  backgroundColor?: string;
  enablePullDownRefresh?: boolean;
  onReachBottomDistance?: number;
}

export interface TabBarItem {
  pagePath: string;
  text: string;
  iconPath?: string;
  selectedIconPath?: string;
}

export interface TabBarConfig {
  color?: string;
  selectedColor?: string;
  backgroundColor?: string;
  borderStyle?: 'black' | 'white';
  list: TabBarItem[];
}

export interface AppManifest {
  /** routes without a leading slash (`pages/home/index`); the first one is the launch page */
  pages: string[];
  /** route → its window settings, app.json `window` overridden by the page's json */
  windows: Record<string, WindowConfig>;
  tabBar?: TabBarConfig;
  /** app.json `usingComponents`: components every page may use */
  usingComponents: Record<string, string>;
}
