/**
 * Build the field app into pwa/dist/: bundle the ES modules (esbuild), copy the static
 * files, and let Workbox inject the revisioned precache manifest into the service worker.
 * Run with `npm run build` (scripts/setup.sh does it when sources change).
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { injectManifest } from 'workbox-build';
import { CODES } from './src/languages.js';
import { minifyTemplates } from './minify-templates.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
// PWA_OUT builds elsewhere (a private build for one test run while pwa/dist is in use).
const dist = process.env.PWA_OUT || join(root, 'dist');
const STATIC = ['index.html', 'manifest.webmanifest', 'desk.css', 'icons', 'screenshots'];
// The phone's stylesheet is minified and named by its content hash (styles-HASH.css) like the scripts, so the
// worker precaches it without a revision and takes it from the HTTP cache the page just filled (a revisioned
// styles.css was downloaded twice on every first load: issue 14's 100 KB shell).
const STYLES = 'styles.css';
// Desk-only files: fetched on demand by desk users, never precached on phones. The code table of field
// messages (src/field-errors.js) is the desk's, and the phone's only when the server refused something
// (src/refusals.js): not precached either, so a phone's first load does not carry it.
const DESK_ONLY = ['chunks/desk-*.js', 'desk.css', 'chunks/field-errors-*.js'];
// Each language's catalog is a chunk loaded when chosen and then kept by the page (src/i18n.js),
// so a phone downloads only its own; none is precached. So are the refusal words (lang-refusal-*, src/refusals.js),
// loaded only when the server refused something.
const CATALOG_CHUNKS = ['chunks/lang-*.js'];
// Fetched by the phone when installing (the manifest's PNG icons, maskable or not, iOS icon and launch
// screens, store screenshots), never needed offline by the app: not precached. The page shows icon.svg only.
const INSTALL_ONLY = ['icons/icon-*.png', 'icons/maskable-*.png', 'icons/apple-touch-icon.png', 'icons/startup-*.png',
  'screenshots/**'];
// Every file esbuild named by its content hash ([hash] in entryNames/chunkNames), as dist-relative paths: the one
// list of what can never change. Written to dist/hashed-files.json, which server/web.py reads to send exactly these
// files immutable, and used below to precache exactly these without a revision.
const HASHED_FILES = 'hashed-files.json';
const hashed = new Set();
const keepHashed = (result) => {
  for (const out of Object.keys(result.metafile.outputs)) hashed.add(relative(dist, resolve(out)).split('\\').join('/'));
  return result;
};

async function files(dir) {
  const out = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

/** A short version id from the sources, shown in Settings. */
async function sourceVersion() {
  const hash = createHash('sha256');
  // The build's template plugin changes the bundle too: a new version when it changes.
  for (const path of [...(await files(join(root, 'src'))), ...[...STATIC, STYLES, 'minify-templates.mjs'].map((s) => join(root, s))]) {
    if ((await stat(path)).isFile()) hash.update(await readFile(path));
  }
  return hash.digest('hex').slice(0, 10);
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const version = await sourceVersion();
// charset utf8: text in other scripts is written as itself, not as \uXXXX escapes (six bytes a letter; a
// Russian catalog went from 13.0 to about 11.5 KB gzip). Module scripts and service workers are always
// decoded as UTF-8, whatever the Content-Type says.
// minifyTemplates: the indentation inside html`…` templates, which esbuild keeps, collapsed (pwa/minify-templates.mjs).
const common = { bundle: true, minify: true, legalComments: 'none', target: 'es2022', logLevel: 'warning', charset: 'utf8',
  plugins: [minifyTemplates], define: { 'process.env.NODE_ENV': '"production"', __APP_VERSION__: JSON.stringify(version) } };
// The field app is app.js plus shared chunks; the desk screens (liaison, Mayor's Office,
// trainer, admin) are a separate chunk loaded on demand by import(), so phones never
// download them: the desk chunk and desk.css are left out of the precache (see src/desk/).
// Every script's name carries its content hash (app-HASH.js, chunks/*-HASH.js); index.html is
// rewritten to load this build's entry.
// Catalogs first (one chunk per language, phone and desk): their hashed URLs go into the app as __CATALOGS__.
const catalogs = { app: {}, desk: {}, refusal: {}, card: {} };
const CATALOG_FOLDERS = [['lang', 'src/messages', 'app'], ['desk-lang', 'src/desk/messages', 'desk'],
  ['lang-refusal', 'src/messages/refusal', 'refusal']];
// [chunk name, source file, its place in __CATALOGS__ (source, code)]
const catalogChunks = [];
for (const code of CODES) {
  for (const [prefix, folder, source] of CATALOG_FOLDERS) {
    // English is in the app's and the desk's own chunks; the refusal words' English is a chunk like the others.
    if (code === 'en' && source !== 'refusal') continue;
    const path = join(root, folder, `${code}.js`);
    if (await stat(path).catch(() => null)) catalogChunks.push([`${prefix}-${code}`, path, source, code]);
  }
}
// The card for residents is not a language's catalog: its screen and every language of the City's wider set are one
// chunk (it imports nothing: lit-html comes from the caller), kept by the phone for offline use (catalogs.card.all).
catalogChunks.push(['lang-card-all', join(root, 'src/resident-card/card.js'), 'card', 'all']);
const catalogEntries = Object.fromEntries(catalogChunks.map(([name, path]) => [name, path]));
const built = keepHashed(await esbuild.build({ ...common, entryPoints: catalogEntries, format: 'esm', outdir: dist,
  entryNames: 'chunks/[name]-[hash]', metafile: true }));
for (const [out, { entryPoint }] of Object.entries(built.metafile.outputs)) {
  const [, , source, code] = catalogChunks.find(([, path]) => entryPoint && resolve(entryPoint) === path) ?? [];
  if (source) catalogs[source][code] = `/chunks/${out.split('/chunks/')[1]}`;
}
common.define.__CATALOGS__ = JSON.stringify(catalogs);
// The service worker is a module built with the page (src/sw.js, a second entry): the outbox, sync and rules code it
// runs for Background Sync lives in the chunks the page already loaded, which the worker imports through the HTTP
// cache, instead of a second bundled copy of them (11.8 KB Brotli of the first load). It is registered as a module
// (Chrome 91, Safari 15, Firefox 147); a browser without module workers registers sw-classic.js, the same worker
// bundled whole (src/sw-bridge.js).
const { metafile } = keepHashed(await esbuild.build({ ...common, entryPoints: { app: join(root, 'src/main.js'),
  sw: join(root, 'src/sw.js') }, format: 'esm', outdir: dist, splitting: true, entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]', metafile: true }));
const entry = Object.entries(metafile.outputs).find(([, out]) => out.entryPoint?.endsWith('src/main.js'))[0];
const workerOut = Object.entries(metafile.outputs).find(([, out]) => out.entryPoint?.endsWith('src/sw.js'))[0];
// The worker's name never changes (a registration is for one URL; the browser revalidates it on every check).
hashed.delete(relative(dist, resolve(workerOut)).split('\\').join('/'));
await rename(workerOut, join(dist, 'sw.js'));
// What a phone may load: the entry and everything it imports, statically or not, short of the desk-only
// chunks. A chunk esbuild split out for the desk and the code table alone (names unknowable) is not precached.
const DESK_ONLY_OUTPUT = /chunks\/(desk|field-errors)-[A-Z0-9]{8}\.js$/;
const phoneOutputs = new Set();
for (const stack = [entry]; stack.length;) {
  const out = stack.pop();
  if (phoneOutputs.has(out) || DESK_ONLY_OUTPUT.test(out)) continue;
  phoneOutputs.add(out);
  stack.push(...(metafile.outputs[out]?.imports || []).map((i) => i.path));
}
const notOnPhones = Object.keys(metafile.outputs).filter((out) => out.endsWith('.js') && !phoneOutputs.has(out))
  .map((out) => relative(dist, resolve(out)).split('\\').join('/'));
const entryName = entry.slice(entry.lastIndexOf('/') + 1);
await esbuild.build({ ...common, entryPoints: [join(root, 'src/sw.js')], format: 'iife', outfile: join(dist, 'sw-classic.js') });
// Browser tests and bench/pwa.py queue reports through the real outbox module (src/seed.js); never precached.
await esbuild.build({ ...common, entryPoints: [join(root, 'src/seed.js')], format: 'esm', outfile: join(dist, 'seed.js') });
for (const name of STATIC) await cp(join(root, name), join(dist, name), { recursive: true });
const styles = keepHashed(await esbuild.build({ ...common, entryPoints: { styles: join(root, STYLES) }, outdir: dist,
  entryNames: '[name]-[hash]', metafile: true }));
const stylesName = Object.keys(styles.metafile.outputs)[0].split('/').pop();
const page = await readFile(join(dist, 'index.html'), 'utf8');
if (!page.includes('<script type="module" src="/app.js"></script>')) throw new Error('index.html must load /app.js (the build points it at the hashed entry)');
if (!page.includes('<link rel="stylesheet" href="/styles.css">')) throw new Error('index.html must link /styles.css (the build points it at the hashed file)');
// pwa14: the entry's static imports (the shell's shared chunks) are preloaded by the page itself, so they
// download beside the entry instead of after it has been parsed.
const preload = metafile.outputs[entry].imports.filter((i) => i.kind === 'import-statement')
  .map((i) => `<link rel="modulepreload" href="/${i.path.slice(i.path.indexOf('chunks/'))}">\n`).join('');
await writeFile(join(dist, 'index.html'), page.replace('<link rel="stylesheet" href="/styles.css">',
  `<link rel="stylesheet" href="/${stylesName}">`).replace('<script type="module" src="/app.js"></script>',
  `${preload}<script type="module" src="/${entryName}"></script>`));
const precache = (worker) => injectManifest({
  swSrc: join(dist, worker), swDest: join(dist, worker), globDirectory: dist,
  globPatterns: ['**/*.{html,js,css,webmanifest,png,svg}'],
  globIgnores: ['sw.js', 'sw-classic.js', 'seed.js', ...DESK_ONLY, ...notOnPhones, ...CATALOG_CHUNKS, ...INSTALL_ONLY],
  // Scripts and the stylesheet carry their content hash in their name: precached without a revision, the worker
  // fetches them through the HTTP cache (where the page's own load just put them, served as
  // immutable by server/web.py) instead of downloading them a second time.
  manifestTransforms: [async (entries) => ({
    manifest: entries.map((entry) => (hashed.has(entry.url) ? { ...entry, revision: null } : entry)), warnings: [] })],
});
const { count, size, warnings } = await precache('sw.js');
warnings.push(...(await precache('sw-classic.js')).warnings);
warnings.forEach((w) => console.warn(w));
await writeFile(join(dist, HASHED_FILES), `${JSON.stringify({ files: [...hashed].sort() }, null, 1)}\n`);
// Precompressed copies: the server sends file.br when the browser accepts Brotli (every current one over HTTPS, and
// Chromium on localhost), else file.gz when it accepts gzip (no CPU per request). Brotli at its best quality is
// 12-20 % smaller than gzip -9 on these files: the phone's first load in Russian went from 98.3 to about 85 KB.
const BROTLI = { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } };
for (const path of await files(dist)) {
  if (!/\.(html|js|css|webmanifest|svg)$/.test(path)) continue;
  const bytes = await readFile(path);
  await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  await writeFile(`${path}.br`, brotliCompressSync(bytes, BROTLI));
}
console.log(`pwa built: version ${version}, ${count} files precached (${size} bytes)`);
