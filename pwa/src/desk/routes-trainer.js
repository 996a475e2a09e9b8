/** Desk routes of the trainer screens: [pattern over the path after '#/desk/', screen module, param names]. */
import * as analytics from './screens/analytics.js';
import * as editor from './screens/checklist-editor.js';
import * as checklists from './screens/checklists.js';

export default [
  [/^checklists$/, checklists],
  [/^checklists\/(\d+)$/, editor, ['id']],
  [/^analytics$/, analytics],
];
