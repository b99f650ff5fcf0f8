// The https serving helper (used for Firefox and the demo): routing, CSP header, self-signed TLS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { readFile } from 'node:fs/promises';
import { startReplicaServer, STRICT_CSP } from '../support/replica-server.mjs';

/** GET over TLS to 127.0.0.1 while presenting dev.azure.com (SNI + Host), trusting only our cert. */
function get(port, path, ca, host = 'dev.azure.com') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, servername: host, headers: { host: `${host}:${port}` }, ca }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('https server: page, assets, CSP only on csp=strict, 404 elsewhere', async () => {
  const server = await startReplicaServer();
  try {
    const ca = await readFile(server.certPath);
    assert.equal(server.url('contoso', { lang: 'de' }), `https://dev.azure.com:${server.port}/contoso/_usersSettings/tokens?lang=de`);
    const page = await get(server.port, '/contoso/_usersSettings/tokens?csp=strict&lang=de&theme=dark', ca);
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-security-policy'], STRICT_CSP);
    assert.match(page.body, /<html lang="de">/);
    assert.match(page.body, /<script id="dataProviders" type="application\/json">/);
    assert.match(page.body, /ms\.vss-web\.vsts-theme-dark/);
    assert.doesNotMatch(page.body, /<script>(?!<)/, 'no inline script');
    const plain = await get(server.port, '/contoso/_usersSettings/tokens', ca);
    assert.equal(plain.headers['content-security-policy'], undefined);
    const vs = await get(server.port, '/_usersSettings/tokens', ca, 'fabrikam.visualstudio.com');
    assert.equal(vs.status, 200);
    const js = await get(server.port, '/_replica/replica.js', ca);
    assert.equal(js.status, 200);
    assert.match(js.headers['content-type'], /javascript/);
    assert.doesNotMatch(js.body, /new Function\(|\beval\(/, 'bundle must run without unsafe-eval');
    assert.equal((await get(server.port, '/contoso/_apis/projects', ca)).status, 404);
    assert.equal((await get(server.port, '/_replica/../build.mjs', ca)).status, 404);
  } finally {
    await server.close();
  }
});
