/**
 * Every desk screen: [pattern over the path after `#/desk/`, screen module, param names].
 * Liaison and Mayor's Office screens are in routes-liaison.js, trainer screens in
 * routes-trainer.js; a screen that needs a navigation link is also named in src/roles.js.
 * Counsel's one screen (issue 11) is listed here.
 */
import liaison from './routes-liaison.js';
import trainer from './routes-trainer.js';
import admin from './routes-admin.js';
import * as counsel from './screens/counsel.js';

export const ROUTES = [...liaison, ...trainer, ...admin, [/^counsel$/, counsel]];
