/**
 * Firefox for the field-flow test (tests/e2e/engines.py): Debian's firefox-esr driven over
 * WebDriver BiDi by puppeteer-core (which downloads no browser). Reads one JSON command per
 * line on stdin, answers one JSON line on stdout:
 *   {op: 'goto', url} | {op: 'reload'} | {op: 'run', fn, arg} | {op: 'close'}
 * `fn` is a function's source, called with `arg` in the page; its (awaited) result comes back.
 * Started with the executable path as its argument.
 */
import { createInterface } from 'node:readline';
import puppeteer from 'puppeteer-core';

const browser = await puppeteer.launch({
  browser: 'firefox', executablePath: process.argv[2], headless: true,
  extraPrefsFirefox: { 'dom.serviceWorkers.enabled': true, 'dom.serviceWorkers.testing.enabled': true },
});
const page = await browser.newPage();
const out = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
out({ ready: true, version: await browser.version() });

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  try {
    if (command.op === 'goto') await page.goto(command.url, { waitUntil: 'load' });
    else if (command.op === 'reload') await page.reload({ waitUntil: 'load' });
    else if (command.op === 'close') {
      await browser.close();
      out({ ok: true });
      break;
    } else if (command.op === 'run') {
      out({ ok: true, value: await page.evaluate(`(${command.fn})(${JSON.stringify(command.arg ?? null)})`) ?? null });
      continue;
    }
    out({ ok: true });
  } catch (error) {
    out({ ok: false, error: String(error?.message || error) });
  }
}
process.exit(0);
