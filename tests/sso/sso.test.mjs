// Issue #20, single sign-on against a real, certified OpenID provider (the npm `oidc-provider`, run here on
// a free port) over real HTTP: the real `magtreg serve` sends the browser there, a user agent with a cookie
// jar signs in through the provider's own login and consent pages, and the provider's answer comes back to
// Magtreg's callback. Checked: a login gives a session with the mapped role and institutions; a code used
// twice is refused; an unknown group gets SSO_ROLE_UNKNOWN; a forged state is refused; a token issued to
// another client (wrong audience) is refused; an expired ID token is refused; a handoff code works once.
// Prints "ok NAME" / "FAIL NAME" and ends with "sso: N passed, N failed".
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ACCOUNTS, ssoWorld, startProvider } from './provider.mjs';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok ${name}`); } else { failed++; console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`); }
}

// A browser: follows redirects by hand and keeps the provider's cookies.
function userAgent() {
  const jar = new Map();
  return async function go(url, init = {}) {
    const host = new URL(url).host;
    const cookies = [...(jar.get(host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), ...(cookies ? { cookie: cookies } : {}) } });
    for (const c of r.headers.getSetCookie?.() ?? []) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      if (!jar.has(host)) jar.set(host, new Map());
      jar.get(host).set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
    return r;
  };
}

// Signs in as `account` from Magtreg's start address; returns the callback URL the provider sent the
// browser to (not yet opened) and the user agent.
async function signInAtProvider(magtreg, account, { rewriteAuth } = {}) {
  const go = userAgent();
  let r = await go(`${magtreg}api/v1/sso/start`);
  if (r.status !== 302) throw new Error(`start answered ${r.status}: ${await r.text()}`);
  let next = r.headers.get('location');
  if (rewriteAuth) next = rewriteAuth(next);
  for (let step = 0; step < 20; step++) {
    if (next.startsWith(`${magtreg}api/v1/sso/callback`)) return { callback: next, go };
    r = await go(next);
    if (r.status >= 300 && r.status < 400) {
      next = new URL(r.headers.get('location'), next).toString();
      continue;
    }
    const html = await r.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`provider page without a form at ${next}: ${html.replace(/<style>[^]*<\/style>/, "").slice(0, 1500)}`);
    const form = html.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login: ACCOUNTS[account].sub, password: 'any' })
      : new URLSearchParams({ prompt: 'consent' });
    r = await go(new URL(action, next).toString(), { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    next = new URL(r.headers.get('location'), next).toString();
  }
  throw new Error('the provider never sent the browser back');
}

async function openCallback(callback, go) {
  const r = await go(callback);
  return { status: r.status, location: r.headers.get('location') ?? '' };
}

async function sessionFrom(magtreg, location) {
  const handoff = /#sso=([A-Za-z0-9_-]+)/.exec(location)?.[1];
  if (!handoff) return { status: 0, body: { location } };
  const r = await fetch(`${magtreg}api/v1/sso/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handoff, device: { id: 'b1a2c3d4-0000-4000-8000-000000000001', name: 'Egebo tablet 1' } }) });
  return { status: r.status, body: await r.json(), handoff };
}

const world = await ssoWorld('magtreg-sso-');
const { dir, db, magtreg, redirectUri, providerPort } = world;
let { idp } = world;
let server = await world.serve();

try {
  const enabled = await (await fetch(`${magtreg}api/v1/sso`)).json();
  check('the login screen learns that single sign-on is on', enabled.enabled === true);

  // A login through the provider's own pages.
  const { callback, go } = await signInAtProvider(magtreg, 'mette');
  check('the provider sends the browser back with a code and the state', /[?&]code=/.test(callback) && /[?&]state=/.test(callback));
  const back = await openCallback(callback, go);
  check('the callback sends the browser to the app with a one-time code', back.status === 302 && /^\/#sso=/.test(back.location), JSON.stringify(back));
  const s = await sessionFrom(magtreg, back.location);
  check('the one-time code gives a session', s.status === 200 && typeof s.body.token === 'string', JSON.stringify(s.body));
  check('the user has the mapped role and institution', s.body.user?.role === 'medarbejder' && s.body.user?.institutions?.length === 1
    && s.body.user?.display_name === 'Mette Hansen', JSON.stringify(s.body.user));
  const me = await fetch(`${magtreg}api/v1/me`, { headers: { authorization: `Bearer ${s.body.token}` } });
  check('the session works for the API', me.status === 200);
  const again = await fetch(`${magtreg}api/v1/sso/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handoff: s.handoff }) });
  check('a one-time code works once', again.status === 401 && (await again.json()).error?.code === 'SSO_FAILED');

  // The same code replayed (the callback URL opened twice).
  const replay = await openCallback(callback, go);
  check('a code used twice is refused', replay.location === '/#sso_error=SSO_FAILED', JSON.stringify(replay));

  // A second login of the same person is the same user; a leader's group gives the leader's role.
  const second = await signInAtProvider(magtreg, 'mette');
  const s2 = await sessionFrom(magtreg, (await openCallback(second.callback, second.go)).location);
  check('the same person is the same user at the next login', s2.body.user?.id === s.body.user?.id, JSON.stringify(s2.body));
  const leader = await signInAtProvider(magtreg, 'lars');
  const s3 = await sessionFrom(magtreg, (await openCallback(leader.callback, leader.go)).location);
  check("a leader's group gives the leader's role", s3.body.user?.role === 'leder', JSON.stringify(s3.body));

  // A person whose groups give no role.
  const kantine = await signInAtProvider(magtreg, 'kantine');
  const k = await openCallback(kantine.callback, kantine.go);
  check('an unknown group is refused with SSO_ROLE_UNKNOWN', k.location === '/#sso_error=SSO_ROLE_UNKNOWN', JSON.stringify(k));
  check('the refusal names the groups in the log', server.log().includes('dine grupper: kantine'));

  // An administrator disables the person's user: the municipality's login no longer lets them in.
  execFileSync(world.bin, ['user', 'disable', 'mette.hansen', '--db', db], { stdio: 'ignore' });
  const disabled = await signInAtProvider(magtreg, 'mette');
  const d = await openCallback(disabled.callback, disabled.go);
  check('a user an administrator disabled is refused', d.location === '/#sso_error=UNAUTHENTICATED', JSON.stringify(d));
  const stale = await fetch(`${magtreg}api/v1/me`, { headers: { authorization: `Bearer ${s.body.token}` } });
  check("and the user's earlier session ends", stale.status === 401);
  execFileSync(world.bin, ['user', 'enable', 'mette.hansen', '--db', db], { stdio: 'ignore' });

  // A forged state (a login this server never began).
  const forged = await signInAtProvider(magtreg, 'mette');
  const bad = await openCallback(forged.callback.replace(/state=[^&]+/, 'state=forged-state'), forged.go);
  check('a state this server never gave is refused', bad.location === '/#sso_error=SSO_FAILED', JSON.stringify(bad));

  // Another client's code: the browser is sent to the provider as another application and comes back
  // with a code issued to that application. The provider refuses to redeem it for Magtreg (its ID token
  // would name the other application as audience); Magtreg refuses the login. (The audience check on the
  // ID token itself is tested with forged tokens in tests/sync/test_oidc.cpp.)
  const audience = await signInAtProvider(magtreg, 'mette', { rewriteAuth: (u) => u.replace('client_id=magtreg', 'client_id=other-app') });
  const a = await openCallback(audience.callback, audience.go);
  check('a code issued to another client (wrong audience) is refused', a.location === '/#sso_error=SSO_FAILED', JSON.stringify(a));
  check('the provider refusing it is in the log', server.log().includes('invalid_grant'));

  // Expired: a provider whose ID tokens lived one second, and a callback opened after they expired (with
  // the clock skew Magtreg allows, 120 s, the provider's clock is set back instead of waiting).
  await server.stop();
  await idp.close();
  idp = await startProvider(providerPort, redirectUri, { idTokenTtl: 1 });
  world.idp = idp;
  const realNow = Date.now;
  Date.now = () => realNow() - 200 * 1000;  // the provider issues as if 200 s ago: exp is 199 s in the past
  server = await world.serve();
  try {
    const expired = await signInAtProvider(magtreg, 'mette');
    const e = await openCallback(expired.callback, expired.go);
    check('an expired ID token is refused', e.location === '/#sso_error=SSO_FAILED', JSON.stringify(e));
    check('the expiry is named in the log', server.log().includes('ID-tokenet er udløbet'));
  } finally {
    Date.now = realNow;
  }
} catch (e) {
  check('the single sign-on flow runs', false, e.stack);
} finally {
  await server.stop();
  server.cleanup();
  await idp.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`sso: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
