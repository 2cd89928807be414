import { loadSchemaSDL } from '@openiom/schema';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlRequest, wsClient, collect } from '../../testing/graphql-client.ts';
import { sampleOperations } from '../../testing/sample-operations.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { parentGuardedTypes, rootFieldRules } from '../rules.ts';

const roots = ['Query', 'Mutation', 'Subscription'] as const;

describe('every field is guarded by an auth rule', () => {
  const schema: GraphQLSchema = buildSchema(loadSchemaSDL());

  it('has an explicit rule for every root field, and no rule for a field that does not exist', () => {
    const missing: string[] = [];
    for (const root of roots) {
      const type = schema.getType(root);
      if (!isObjectType(type)) continue;
      for (const field of Object.keys(type.getFields())) if (!rootFieldRules[root][field]) missing.push(`${root}.${field}`);
      for (const field of Object.keys(rootFieldRules[root])) if (!type.getFields()[field]) missing.push(`stale rule ${root}.${field}`);
    }
    expect(missing).toEqual([]);
  });

  it('has every other object type reachable only through guarded fields, by decision', () => {
    const undecided = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !roots.includes(type.name as (typeof roots)[number]))
      .map((type) => type.name)
      .filter((name) => !parentGuardedTypes.has(name));
    expect(undecided).toEqual([]);
  });
});

describe('guarded fields refuse callers without a session', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(() => app?.close());


  it('answers UNAUTHENTICATED for every non-public query and mutation', async () => {
    for (const [root, fields] of Object.entries(rootFieldRules)) {
      if (root === 'Subscription') continue;
      for (const [field, rule] of Object.entries(fields)) {
        if (rule === 'public') continue;
        const query = sampleOperations[`${root}.${field}`];
        expect(query, `add a sample call for ${root}.${field} to testing/sample-operations.ts`).toBeDefined();
        const result = await gqlRequest(app.url, query);
        expect(result.errors?.[0].extensions?.code, `${root}.${field}`).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('answers UNAUTHENTICATED for a guarded subscription on an unauthenticated WebSocket', async () => {
    const client = wsClient(app.wsUrl);
    const events = collect(client, 'subscription { onlineStaffChanged { change } }');
    await events.until(() => events.errors.length > 0);
    expect(JSON.stringify(events.errors)).toContain('UNAUTHENTICATED');
    await client.dispose();
  });

  it('serves the public fields without a session', async () => {
    expect((await gqlRequest(app.url, '{ health viewer { sessionId } }')).data).toEqual({ health: 'ok', viewer: null });
    const client = wsClient(app.wsUrl);
    const beats = collect(client, 'subscription { heartbeat(intervalSeconds: 1) }');
    await beats.until(() => beats.events.length > 0);
    expect(Date.parse(beats.events[0].heartbeat)).toBeGreaterThan(0);
    beats.unsubscribe();
    await client.dispose();
  });
});
