/**
 * wcc gets the templates the pages' components use and what those import, include or require — not every template
 * under the root (six copies of TDesign, one per package's miniprogram_npm).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { templatesInUse, type ComponentSource } from '../../preview/components';

let root: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const component = (componentPath: string): ComponentSource => ({ path: componentPath, codeFile: '', page: false });

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tongxing-templates-'));
  write('pages/home/index.wxml', '<wxs src="./home.wxs" module="h" /><t-button>开门</t-button>');
  write('pages/home/home.wxs', "var fmt = require('../../utils/format.wxs'); module.exports = {};");
  write('utils/format.wxs', 'module.exports = {};');
  write(
    'miniprogram_npm/ui/button/button.wxml',
    '<import src="../common/template/icon" /><include src="/miniprogram_npm/ui/common/badge.wxml" />' +
      "<wxs src='../common/utils.wxs' module='_' />",
  );
  write('miniprogram_npm/ui/common/template/icon.wxml', '<template name="icon"><text /></template>');
  write('miniprogram_npm/ui/common/badge.wxml', '<view />');
  write('miniprogram_npm/ui/common/utils.wxs', 'module.exports = {};');
  // not used by any component: left out
  write('miniprogram_npm/ui/calendar/calendar.wxml', '<import src="../common/template/icon.wxml" />');
  write('packages/admin/miniprogram_npm/ui/button/button.wxml', '<view />');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test('each used template and what it imports, includes or requires, relative or from the root, with or without .wxml', () => {
  expect(
    templatesInUse(root, [component('/pages/home/index'), component('/miniprogram_npm/ui/button/button')]),
  ).toEqual({
    wxml: [
      'miniprogram_npm/ui/button/button.wxml',
      'miniprogram_npm/ui/common/badge.wxml',
      'miniprogram_npm/ui/common/template/icon.wxml',
      'pages/home/index.wxml',
    ],
    wxs: ['miniprogram_npm/ui/common/utils.wxs', 'pages/home/home.wxs', 'utils/format.wxs'],
  });
});

test('a component without a template, and a reference to a missing file, are passed over (wcc names a missing one)', () => {
  write('pages/mine/index.wxml', '<import src="./gone.wxml" />');
  expect(templatesInUse(root, [component('/components/no-template/index'), component('/pages/mine/index')])).toEqual({
    wxml: ['pages/mine/index.wxml'],
    wxs: [],
  });
});
