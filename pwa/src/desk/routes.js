/**
 * Every desk screen: [pattern over the path after `#/desk/`, screen module, param names].
 * Liaison and Mayor's Office screens are in routes-liaison.js, trainer screens in
 * routes-trainer.js; a screen that needs a navigation link is also named in src/roles.js.
 */
import liaison from './routes-liaison.js';
import trainer from './routes-trainer.js';
import admin from './routes-admin.js';

export const ROUTES = [...liaison, ...trainer, ...admin];
