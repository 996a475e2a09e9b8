/**
 * The build's collapse of html`…` templates (pwa/minify-templates.mjs): a line break and the indentation after it
 * become one space inside html templates only; expressions, strings, escapes and other template literals stay as
 * written, and a source it cannot read is left whole.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { collapseTemplates } from '../../pwa/minify-templates.mjs';

test('an html template loses its line breaks and indentation, one space each', () => {
  const source = 'const a = html`<p>\n      ${x}\n    </p>\n    <b>y</b>`;';
  assert.equal(collapseTemplates(source), 'const a = html`<p> ${x} </p> <b>y</b>`;');
});

test('a plain template literal keeps its line breaks: a CSV or a message may need them', () => {
  const source = 'const csv = `a,b\n  c,d`; const b = html`<i>\n  z</i>`;';
  assert.equal(collapseTemplates(source), 'const csv = `a,b\n  c,d`; const b = html`<i> z</i>`;');
});

test('expressions, nested templates and strings inside an html template are read through', () => {
  const source = "html`<ul>\n  ${items.map((i) => html`<li>\n    ${i['a}'] + \"`\" + `x\n y`}</li>`)}\n</ul>`";
  assert.equal(collapseTemplates(source),
    "html`<ul> ${items.map((i) => html`<li> ${i['a}'] + \"`\" + `x\n y`}</li>`)} </ul>`");
});

test('escapes and comments are kept as written', () => {
  const source = '// html`\nconst a = html`<p>\\`\n  ok</p>`; /* `html` */';
  assert.equal(collapseTemplates(source), '// html`\nconst a = html`<p>\\` ok</p>`; /* `html` */');
});

test('a source the scanner cannot read is left as it is', () => {
  const source = 'const a = html`<p>\n  unterminated';
  assert.equal(collapseTemplates(source), source);
});

test('every module of the app changes in white space only', () => {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.js')) files.push(path);
    }
  };
  walk(new URL('../../pwa/src', import.meta.url).pathname);
  let collapsed = 0;
  for (const path of files) {
    const source = readFileSync(path, 'utf8');
    const out = collapseTemplates(source);
    assert.equal(out.replace(/\s+/g, ''), source.replace(/\s+/g, ''), path);
    if (out !== source) collapsed += 1;
  }
  assert.ok(collapsed > 40, `only ${collapsed} modules collapsed: the scanner fell back on most`);
});
