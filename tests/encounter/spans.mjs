// Read [{text, field}] as JSON on stdin; print the phone's findSpans of each as JSON (tests/encounter/test_parity.py).
import { findSpans } from '../../pwa/src/sensitive.js';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const cases = JSON.parse(input);
  process.stdout.write(JSON.stringify(cases.map(({ text, field }) => findSpans(text, field))));
});
