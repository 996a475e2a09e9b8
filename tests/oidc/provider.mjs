/**
 * A real OpenID Provider (the certified `oidc-provider` package) on loopback, for the single sign-on tests.
 *
 *   node tests/oidc/provider.mjs CONFIG.json
 *
 * CONFIG: {"client": {"client_id", "client_secret", "redirect_uris": [...]},
 *          "accounts": {"<sub>": {"username", "password", "name", "email", "groups": [...], "disabled": false}}}
 * Listens on a free port of 127.0.0.1 and prints one JSON line {"issuer": "http://127.0.0.1:PORT"} when ready.
 *
 * The sign-in page is a plain form (username, password); a disabled account is refused by the provider
 * (access_denied back to the client). Test controls, JSON bodies, on the same port:
 *   POST /_test/accounts  {"<sub>": {...}}     replace the accounts
 *   POST /_test/rotate                          sign with a new key from now on (the old one stays published)
 *   POST /_test/tamper    {"claims": {...}}     the next ID token issued has these claims changed after signing
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let accounts = config.accounts || {};
let keys = [newKey()];
let tamper = null;
let provider;

/** A fresh RS256 signing key as a private JWK with its own kid. */
function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

/** Build the provider over the current keys (rotation builds a new one with the same issuer). */
function build(issuer) {
  const made = new Provider(issuer, {
    clients: [{
      ...config.client, grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys },
    cookies: { keys: ['oidc-test-cookie-key'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    conformIdTokenClaims: false, // the groups go into the ID token itself, as the City's provider is set up to do
    pkce: { required: () => true, methods: ['S256'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const account = accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, name: account.name, preferred_username: account.username, email: account.email,
            groups: account.groups || [] };
        },
      };
    },
    // A first-party client: no consent screen; every requested scope is granted.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email groups');
      grant.addOIDCClaims(['sub', 'name', 'preferred_username', 'email', 'groups']);
      await grant.save();
      return grant;
    },
  });
  made.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && tamper && ctx.body?.id_token) {
      const [head, payload, signature] = ctx.body.id_token.split('.');
      const claims = { ...JSON.parse(Buffer.from(payload, 'base64url')), ...tamper };
      ctx.body = { ...ctx.body, id_token: [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.') };
      tamper = null;
    }
  });
  return made;
}

/** Read a request body as text. */
async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The provider's own sign-in page. */
function loginPage(res, uid, error = '') {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><title>City sign-in</title><main><h1>City of Los Angeles sign-in</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></main></html>`);
}

/** Our interaction routes: the sign-in form and its answer. */
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET') return loginPage(res, uid);
  const form = new URLSearchParams(await body(req));
  const found = Object.entries(accounts).find(([, a]) => a.username === form.get('username') && a.password === form.get('password'));
  if (!found || action !== 'login') return loginPage(res, uid, 'Wrong username or password.');
  const [sub, account] = found;
  const result = account.disabled
    ? { error: 'access_denied', error_description: 'this account is disabled' }
    : { login: { accountId: sub } };
  return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

/** Test controls: accounts, key rotation, tampering. */
async function control(req, res, issuer, what) {
  const data = JSON.parse((await body(req)) || '{}');
  if (what === 'accounts') accounts = data;
  else if (what === 'rotate') {
    keys = [newKey(), ...keys];
    provider = build(issuer);
  } else if (what === 'tamper') tamper = data.claims || {};
  else { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  return res.end(JSON.stringify({ ok: true, kids: keys.map((k) => k.kid) }));
}

const server = http.createServer(async (req, res) => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  try {
    const url = new URL(req.url, issuer);
    const test = /^\/_test\/(\w+)$/.exec(url.pathname);
    if (test && req.method === 'POST') return await control(req, res, issuer, test[1]);
    const step = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(url.pathname);
    if (step) return await interaction(req, res, step[1], step[2]);
    return provider.callback()(req, res);
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    return res.end(String(error));
  }
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = build(issuer);
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
