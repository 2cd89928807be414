import { openDatabase } from '@openiom/db';
import { deployMigrations } from '@openiom/db/migrate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testBackends } from '../../testing/test-database.ts';
import { MemoryPubSub } from '../memory-pubsub.ts';
import { enqueueEvent, OutboxRelay } from '../outbox.ts';

describe.each(testBackends())('transactional outbox (%s)', (backend) => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase(backend);
    drop = database.drop;
    await deployMigrations(database.config);
    db = await openDatabase(database.config);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('publishes an event only when its transaction commits, and exactly once', async () => {
    const pubsub = new MemoryPubSub();
    const relay = new OutboxRelay(db.prisma, pubsub, 60_000);
    const received = pubsub.subscribe('auth.session-changed');
    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueueEvent(tx, 'auth.session-changed', { sessionId: 'rolled-back', ended: true });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await db.prisma.$transaction((tx) => enqueueEvent(tx, 'auth.session-changed', { sessionId: 'committed', ended: true }));
    await relay.kick();
    await relay.kick();
    expect((await received.next()).value).toEqual({ sessionId: 'committed', ended: true });
    const more = await Promise.race([received.next(), new Promise((resolve) => setTimeout(() => resolve('none'), 200))]);
    expect(more).toBe('none');
    expect(await db.prisma.outboxEvent.count({ where: { publishedAt: null } })).toBe(0);
    await relay.stop();
    await received.return?.();
  });

  it('publishes events a crashed process left behind, on its next poll', async () => {
    await db.prisma.$transaction((tx) => enqueueEvent(tx, 'auth.session-changed', { sessionId: 'left-behind', ended: true }));
    const pubsub = new MemoryPubSub();
    const received = pubsub.subscribe('auth.session-changed');
    const relay = new OutboxRelay(db.prisma, pubsub, 50);
    relay.start();
    expect((await received.next()).value).toEqual({ sessionId: 'left-behind', ended: true });
    await relay.stop();
    await received.return?.();
  });

  it.runIf(backend === 'postgres')('never publishes one event twice when several relays drain at once', async () => {
    const pubsub = new MemoryPubSub();
    const seen: string[] = [];
    const received = pubsub.subscribe('auth.session-changed');
    void (async () => {
      for await (const event of received) seen.push(event.sessionId);
    })();
    for (let i = 0; i < 300; i++) await db.prisma.outboxEvent.create({ data: { topic: 'auth.session-changed', payload: { sessionId: `e${i}`, ended: true } } });
    const second = await openDatabase(db.config);
    const relays = [new OutboxRelay(db.prisma, pubsub, 60_000), new OutboxRelay(second.prisma, pubsub, 60_000), new OutboxRelay(db.prisma, pubsub, 60_000)];
    await Promise.all(relays.map((relay) => relay.kick()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    await Promise.all(relays.map((relay) => relay.stop()));
    await second.close();
    await received.return?.();
  });
});
