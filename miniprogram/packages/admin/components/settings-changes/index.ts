/**
 * 最近修改: who changed this page's settings and when, the last few (utils/settings-changes.ts loads them). `null`
 * changes: they could not be read, which is said rather than shown as "no changes".
 */
Component({
  properties: {
    changes: { type: Array, value: [] },
    failed: { type: Boolean, value: false },
  },
});
