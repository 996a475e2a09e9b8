/**
 * Collapse the indentation inside lit-html's html`…` templates at build time (an esbuild plugin, pwa/build.mjs).
 *
 * esbuild minifies code but keeps template literals as written, so every html`…` carried its source's line breaks
 * and indentation to the phone: about 470 B of the first load's Brotli (the 100 KB budget, bench/pwa.py). In HTML a
 * run of white space is one space wherever it renders at all, so a line break and the indentation after it become
 * one space; nothing else changes (text, attributes, `${…}` expressions, escapes). Only templates tagged `html`
 * are touched: a plain template literal may be text whose line breaks matter (a CSV, a message). The phone's
 * templates hold no <pre> or <textarea> content, whose white space would be kept.
 */

const TAG = /(?:^|[^\w$.])html$/;

/** Skip a quoted string starting at `i` (its quote); return the index after its closing quote. */
function skipString(src, i) {
  const quote = src[i];
  for (let j = i + 1; j < src.length; j += 1) {
    if (src[j] === '\\') j += 1;
    else if (src[j] === quote) return j + 1;
  }
  throw new Error('unterminated string');
}

/**
 * Read the template literal whose opening backtick is at `i`; return [its text with html templates collapsed,
 * index after its closing backtick]. `collapse`: whether this template's static parts are collapsed.
 */
function template(src, i, collapse) {
  let out = '`';
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === '\\') {
      out += src.slice(j, j + 2);
      j += 2;
    } else if (c === '`') {
      return [out + '`', j + 1];
    } else if (c === '$' && src[j + 1] === '{') {
      const [expression, end] = code(src, j + 2, '}');
      out += '${' + expression + '}';
      j = end + 1;
    } else if (collapse && c === '\n') {
      let k = j;
      while (k < src.length && /\s/.test(src[k])) k += 1;
      out += ' ';
      j = k;
    } else {
      out += c;
      j += 1;
    }
  }
  throw new Error('unterminated template literal');
}

/**
 * Copy code from `i` until the unmatched `stop` character (or the end), collapsing the html templates met on the
 * way; return [the code, index of `stop`]. Strings and comments are skipped as they are; a regular expression
 * literal holding a quote, backtick or brace would mislead it, which the build's parse of the result would catch.
 */
function code(src, i, stop = null) {
  let out = '';
  let depth = 0;
  let j = i;
  while (j < src.length) {
    const c = src[j];
    if (c === stop && depth === 0) return [out, j];
    if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    if (c === '"' || c === "'") {
      const end = skipString(src, j);
      out += src.slice(j, end);
      j = end;
    } else if (c === '/' && src[j + 1] === '/') {
      const end = src.indexOf('\n', j);
      const stopAt = end < 0 ? src.length : end;
      out += src.slice(j, stopAt);
      j = stopAt;
    } else if (c === '/' && src[j + 1] === '*') {
      const end = src.indexOf('*/', j + 2) + 2;
      out += src.slice(j, end);
      j = end;
    } else if (c === '`') {
      const [text, end] = template(src, j, TAG.test(out));
      out += text;
      j = end;
    } else {
      out += c;
      j += 1;
    }
  }
  if (stop) throw new Error(`no closing ${stop}`);
  return [out, j];
}

const bare = (text) => text.replace(/\s+/g, '');

/**
 * `source` with its html`…` templates collapsed; as it is if it cannot be read (a construct the scanner does not
 * know) or if anything but white space would change, so a misreading costs bytes, never behaviour.
 */
export function collapseTemplates(source) {
  if (!source.includes('html`')) return source;
  try {
    const collapsed = code(source, 0)[0];
    return bare(collapsed) === bare(source) ? collapsed : source;
  } catch {
    return source;
  }
}

/** The esbuild plugin: the app's own modules (not node_modules) go through collapseTemplates. */
export const minifyTemplates = {
  name: 'minify-html-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]pwa[\\/]src[\\/].*\.js$/ }, async ({ path }) => {
      const { readFile } = await import('node:fs/promises');
      return { contents: collapseTemplates(await readFile(path, 'utf8')), loader: 'js' };
    });
  },
};
