/** The preview's phone: an iPhone X-class screen (375 pt wide, the commonest WeChat width), in CSS pixels. */
export const SCREEN = { width: 375, height: 812, statusBar: 44, navBar: 44, tabBar: 49, homeIndicator: 34 };
