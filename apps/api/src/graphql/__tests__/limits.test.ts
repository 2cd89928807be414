import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../testing/graphql-client.ts';
import { loginAs } from '../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('bad requests get a clear error and never crash the server', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp('pglite', { config: { limits: { maxDepth: 8, maxComplexity: 2000, maxQueryLength: 5000, maxBodyBytes: 20_000 } } });
    const org = await createOrganisation(app.prisma);
    const admin = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['SYSTEM_ADMIN'] }]);
    token = await loginAs(app.url, admin.loginName, admin.password);
  });
  afterAll(() => app?.close());

  it('refuses a query nested deeper than the limit', async () => {
    const deep = '{ organisations { children { children { children { children { children { children { children { children { id } } } } } } } } } }';
    const result = await gqlRequest(app.url, deep, {}, token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(/depth/);
  });

  it('refuses a query whose estimated cost is over the limit', async () => {
    const costly = '{ staff(first: 200) { edges { node { id staffNo name phone organisation { name parent { name } } positions { name } } } } }';
    const result = await gqlRequest(app.url, costly, {}, token);
    expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0].message).toMatch(/exceeds the limit of 2000/);
    const cheap = await gqlRequest(app.url, '{ staff(first: 20) { edges { node { id } } } }', {}, token);
    expect(cheap.errors).toBeUndefined();
  });

  it('refuses an oversized query text and an oversized body', async () => {
    const long = `{ health ${' '.repeat(6000)} }`;
    const tooLong = await gqlRequest(app.url, long);
    expect(tooLong.status).toBe(400);
    expect(tooLong.errors?.[0].extensions?.code).toBe('QUERY_TOO_LARGE');
    const body = await gqlRequest(app.url, '{ health }', { padding: 'x'.repeat(30_000) });
    expect(body.status).toBe(413);
    expect(body.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reports malformed variables and malformed JSON as client errors', async () => {
    const wrongType = await gqlRequest(app.url, 'mutation($input: LoginInput!) { login(input: $input) { ok } }', { input: { loginName: 1 } });
    expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_REQUEST');
    const syntax = await gqlRequest(app.url, '{ health ');
    expect(syntax.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await gqlRequest(app.url, '{ health }')).data).toEqual({ health: 'ok' });
  });

  it('applies the same limits to operations over WebSocket', async () => {
    const client = wsClient(app.wsUrl, token);
    const deep = collect(client, 'subscription { onlineStaffChanged { staff { organisation { parent { parent { parent { parent { parent { parent { id } } } } } } } } } }');
    await deep.until(() => deep.errors.length > 0);
    expect(JSON.stringify(deep.errors)).toMatch(/depth/);
    await client.dispose();
  });
});
