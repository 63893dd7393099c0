// The identity provider the single sign-on tests log in through: the certified npm `oidc-provider`,
// configured as a municipality's would be for a confidential web client with PKCE, with its own
// development login and consent pages, and the Magtreg database the tests start from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Provider from 'oidc-provider';
import { ROOT, freePort, startServer } from '../browser/lib.mjs';

export const ACCOUNTS = {
  mette: { sub: 'mette-0001', name: 'Mette Hansen', preferred_username: 'mette.hansen', groups: ['magtreg-egebo-medarbejder', 'alle-ansatte'] },
  lars: { sub: 'lars-0002', name: 'Lars Leder', preferred_username: 'lars', groups: ['magtreg-egebo-leder'] },
  kantine: { sub: 'kantine-0003', name: 'Kim Kantine', preferred_username: 'kim', groups: ['kantine'] },
};

export async function startProvider(port, redirectUri, { idTokenTtl = 3600 } = {}) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      { client_id: 'magtreg', client_secret: 'magtreg-test-secret-0123456789', redirect_uris: [redirectUri],
        grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
      { client_id: 'other-app', client_secret: 'other-app-secret-0123456789', redirect_uris: [redirectUri],
        grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
    conformIdTokenClaims: false,  // the groups in the ID token, where Magtreg reads them
    pkce: { required: () => true, methods: ['S256'] },
    ttl: { IdToken: idTokenTtl },
    // The development login page's login is the account's sub (the provider's accountId).
    async findAccount(ctx, id) {
      const account = Object.values(ACCOUNTS).find((a) => a.sub === id);
      if (!account) return undefined;
      return { accountId: account.sub, async claims() { return { ...account }; } };
    },
  });
  provider.proxy = false;
  provider.on('server_error', (ctx, err) => console.error('provider error:', err));
  const server = provider.listen(port);
  await new Promise((r) => server.once('listening', r));
  return { issuer, provider, close: () => new Promise((r) => server.close(r)) };
}

// A Magtreg database with a municipality, an institution and the groups mapped to roles (the CLI).
export function prepareDatabase(bin, db) {
  const cli = (...args) => execFileSync(bin, [...args, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  cli('municipality', 'add', 'Testrup Kommune', '--region', 'Region Syddanmark', '--socialtilsyn', 'Socialtilsyn Syd');
  cli('institution', 'add', 'Bostedet Egebo', '--kind', 'botilbud', '--department', 'Handicap og Psykiatri', '--target', 'handicap');
  cli('sso', 'map', 'magtreg-egebo-medarbejder', '--role', 'medarbejder', '--institution', 'Bostedet Egebo');
  cli('sso', 'map', 'magtreg-egebo-leder', '--role', 'leder', '--institution', 'Bostedet Egebo');
}

// Everything a single sign-on test starts from: a folder with the database (prepared as above) and the
// client secret, the provider on a free port, Magtreg's address on another (its redirect URI registered
// at the provider), and a function that starts `magtreg serve` configured for the provider.
export async function ssoWorld(prefix) {
  const bin = process.env.MAGTREG_BIN ?? path.join(ROOT, 'build/native/magtreg');
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = path.join(dir, 'sso.db');
  const secret = path.join(dir, 'oidc-secret');
  writeFileSync(secret, 'magtreg-test-secret-0123456789\n', { mode: 0o600 });
  prepareDatabase(bin, db);
  const magtregPort = await freePort();
  const magtreg = `http://127.0.0.1:${magtregPort}/`;
  const redirectUri = `${magtreg}api/v1/sso/callback`;
  const providerPort = await freePort();
  const world = { bin, dir, db, secret, magtreg, redirectUri, providerPort };
  world.idp = await startProvider(providerPort, redirectUri);
  world.serve = () => startServer({ port: magtregPort, db, extraArgs: ['--oidc-issuer', world.idp.issuer,
    '--oidc-client-id', 'magtreg', '--oidc-client-secret-file', secret, '--oidc-redirect-uri', redirectUri] });
  return world;
}
