/** Desk routes of the liaison screens: [pattern over the path after '#/desk/', screen module, param names]. */
import * as aggregate from './screens/aggregate.js';
import * as quarterly from './screens/quarterly.js';
import * as queue from './screens/queue.js';
import * as report from './screens/report.js';
import * as residentCards from './screens/resident-cards.js';

export default [
  [/^queue$/, queue],
  [/^report\/([^/?]+)$/, report, ['id']],
  [/^aggregate$/, aggregate],
  [/^quarterly$/, quarterly],
  // The printed cards for residents: liaisons and administrators (the screen says so to anyone else).
  [/^cards$/, residentCards],
];
