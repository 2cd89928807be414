import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { unique } from '../../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

describe.each(testBackends())('order intake (%s)', (backend) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 3_600_000 } });
    await app.services.crmPoller.stop();
  });
  afterAll(() => app?.close());

  it('stores every demand value exactly as CRM sent it, whatever characters it holds', async () => {
    // The demand travels as array parameters: quotes, backslashes, braces, commas and "NULL" must
    // survive (the parser trims surrounding whitespace, nothing else).
    const parameters = {
      'quote"d': 'say "hello"',
      'back\\slash': 'C:\\orders\\{new}',
      'comma,brace{}': 'a,b{c}',
      null: 'NULL',
      spaces: 'inner  spaces\ttab',
      ['__proto__']: 'just a key',
      unicode: '客户要求工作日上门 ✓',
    };
    const payload = `{${exampleJsonMessage.trim().slice(1, -1).replace(/"parameters": \{[^}]*\}/, `"parameters": ${JSON.stringify(parameters)}`)}}`;
    const crmOrderCode = unique('INTAKE');
    await app.prisma.crmInboundMessage.create({ data: { format: 'JSON', payload: payload.replace('GZ202403180000123', crmOrderCode) } });
    expect(await app.services.orders.processNextCrmMessage()).toBe(true);

    const order = await app.prisma.order.findUniqueOrThrow({ where: { crmOrderCode }, select: { id: true, orderNo: true, demand: { select: { key: true, value: true } } } });
    expect(order.orderNo).toBe(`O${String(order.id).padStart(10, '0')}`);
    expect(Object.fromEntries(order.demand.map((row) => [row.key, row.value]))).toEqual(JSON.parse(JSON.stringify(parameters)));
  });
});
