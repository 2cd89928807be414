import { openDatabase } from '@openiom/db';
import { deployMigrations } from '@openiom/db/migrate';
import { seedDatabase } from '@openiom/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { MemoryPubSub } from '../../../pubsub/memory-pubsub.ts';
import { OutboxRelay } from '../../../pubsub/outbox.ts';
import { createTestDatabase } from '../../../testing/test-database.ts';
import { OrganisationsService } from '../../organisations/organisations.service.ts';
import { TimeLimitsService } from '../../time-limits/time-limits.service.ts';
import { WorkflowService } from '../../workflow/workflow.service.ts';
import { OrdersService } from '../orders.service.ts';

/** Two worker processes, as far as the database can tell: separate clients and connection pools. */
describe.runIf(process.env.DATABASE_URL)('inbound CRM interface with two workers on one PostgreSQL', () => {
  let workers: { db: Awaited<ReturnType<typeof openDatabase>>; orders: OrdersService }[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase('postgres');
    drop = database.drop;
    await deployMigrations(database.config);
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase(database.config);
      if (i === 0) await seedDatabase(db.prisma, { demo: false });
      const relay = new OutboxRelay(db.prisma, new MemoryPubSub(), 60_000);
      const timeLimits = new TimeLimitsService(db.prisma, 'Asia/Shanghai');
      const workflows = new WorkflowService(db.prisma, timeLimits);
      workers.push({ db, orders: new OrdersService(db.prisma, relay, workflows.engine, new OrganisationsService(db.prisma), timeLimits) });
    }
  });
  afterAll(async () => {
    for (const worker of workers) await worker.db.close();
    workers = [];
    await drop?.();
  });

  it('never processes one message twice: every message becomes exactly one order, on one attempt', async () => {
    const base = JSON.parse(exampleJsonMessage);
    const count = 60;
    for (let i = 0; i < count; i++) {
      await workers[0].db.prisma.crmInboundMessage.create({ data: { format: 'JSON', payload: JSON.stringify({ ...base, crmOrderCode: `TWO-WORKERS-${i}` }) } });
    }
    const handledBy = [0, 0];
    await Promise.all(
      workers.map(async (worker, index) => {
        while (await worker.orders.processNextCrmMessage()) handledBy[index]++;
      }),
    );
    const prisma = workers[0].db.prisma;
    expect(handledBy[0] + handledBy[1]).toBe(count);
    expect(handledBy.every((n) => n > 0)).toBe(true);
    expect(await prisma.crmInboundMessage.count({ where: { state: 'PROCESSED', attempts: 1 } })).toBe(count);
    expect(await prisma.order.count({ where: { crmOrderCode: { startsWith: 'TWO-WORKERS-' } } })).toBe(count);
    expect(await prisma.workOrder.count()).toBe(count);
  });
});
