// Run the phone's pure span helpers (pwa/src/sensitive.js) on the cases given as JSON on stdin:
// [{op: 'remove'|'review'|'units', text, field?, span?, offset?}] -> one result per case.
import { removeSpan, reviewSpans, toUnits } from '../../pwa/src/sensitive.js';

const OPS = {
  remove: (c) => removeSpan(c.text, c.span),
  review: (c) => reviewSpans(c.text, c.field),
  units: (c) => toUnits(c.text, c.offset),
};
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map((c) => OPS[c.op](c))));
});
