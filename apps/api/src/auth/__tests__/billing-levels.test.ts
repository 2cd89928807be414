import type { BillingLevel } from '@openiom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../testing/factories.ts';
import { gqlRequest } from '../../testing/graphql-client.ts';
import { sampleOperations } from '../../testing/sample-operations.ts';
import { loginAs } from '../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { billingGrants } from '../permissions.ts';
import { rootFieldRules } from '../rules.ts';

type Level = BillingLevel | 'NONE';
const LEVELS: Level[] = ['NONE', 'NORMAL', 'SENIOR', 'SUPER'];

/** Every query and mutation guarded by a billing permission, with what it needs. */
const billingFields = (['Query', 'Mutation'] as const).flatMap((root) =>
  Object.entries(rootFieldRules[root]).flatMap(([field, rule]) => (typeof rule === 'object' && rule.can.startsWith('billing:') ? [{ name: `${root}.${field}`, can: rule.can }] : [])),
);

/**
 * The operator-level matrix (seed 001): each billing operation, called by a staff member of each level
 * who holds every menu, is refused as FORBIDDEN exactly when the level lacks the operation's
 * permission — normal users view bills and command results, senior users do all but appoint
 * operators, the super user does everything. (Other refusals, e.g. NOT_FOUND for a sample id, mean
 * the guard let the call through.)
 */
describe('billing operator levels across every billing operation', () => {
  let app: TestApp;
  const tokens = new Map<Level, string>();

  beforeAll(async () => {
    app = await startTestApp('pglite');
    const org = await createOrganisation(app.prisma, { level: 'CITY' });
    for (const level of LEVELS) {
      const login = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['GENERAL'], ...(level === 'NONE' ? {} : { billingLevel: level }) }]);
      tokens.set(level, await loginAs(app.url, login.loginName, login.password));
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('covers the billing services', () => {
    const names = billingFields.map((field) => field.name);
    for (const expected of ['Mutation.setBillingLevel', 'Mutation.submitArrearsCommands', 'Mutation.topUpPrepaid', 'Mutation.createDunningSchedule', 'Query.switchBatches']) expect(names).toContain(expected);
  });

  it.each(LEVELS)('refuses the %s level exactly the operations its permissions lack', async (level) => {
    const granted = new Set<string>(level === 'NONE' ? [] : billingGrants[level]);
    const outcomes: string[] = [];
    for (const field of billingFields) {
      const operation = sampleOperations[field.name];
      expect(operation, `add a sample call for ${field.name} to testing/sample-operations.ts`).toBeDefined();
      const result = await gqlRequest(app.url, operation!, {}, tokens.get(level));
      const forbidden = result.errors?.some((error) => error.extensions?.code === 'FORBIDDEN' && String(error.message).includes(field.can)) ?? false;
      outcomes.push(`${field.name} ${forbidden ? 'refused' : 'allowed'}`);
    }
    expect(outcomes).toEqual(billingFields.map((field) => `${field.name} ${granted.has(field.can) ? 'allowed' : 'refused'}`));
  });
});
