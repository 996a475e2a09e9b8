// Read [{text, field, ask?}] as JSON on stdin; print the phone's findSpans (askSpans when `ask`) of each as JSON
// (tests/encounter/test_parity.py).
import { askSpans, findSpans } from '../../pwa/src/sensitive.js';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const cases = JSON.parse(input);
  process.stdout.write(JSON.stringify(cases.map(({ text, field, ask }) => (ask ? askSpans : findSpans)(text, field))));
});
