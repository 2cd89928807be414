import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedBehaviour } from '../../../integrations/simulator.ts';
import { SwitchSimulator, type SwitchAdapter, type SwitchRequest } from '../../../integrations/switch/switch.adapter.ts';
import { MemoryPubSub } from '../../../pubsub/memory-pubsub.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { SwitchCommandsService, type SwitchOptions } from '../switch-commands.service.ts';

const options: SwitchOptions = { enabled: true, pollMs: 100, answerTimeoutMs: 1000, batchSize: 50 };

/** Waits until `check` passes (the switch confirms asynchronously). */
async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe.each(testBackends())('switch commands: send, confirm, refuse, time out, re-send (%s)', (backend) => {
  let app: TestApp;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);

  beforeAll(async () => {
    app = await startTestApp(backend);
  });
  afterAll(async () => {
    await app?.close();
  });

  function service(adapter: SwitchAdapter, batchSize = options.batchSize) {
    return new SwitchCommandsService(app.prisma, new MemoryPubSub(), adapter, { ...options, batchSize }, now);
  }

  async function states(batchId: number) {
    const rows = await app.prisma.switchCommand.findMany({ where: { batchId }, orderBy: { id: 'asc' }, select: { phone: true, state: true, reason: true, attempts: true } });
    return Object.fromEntries(rows.map((row) => [row.phone, row]));
  }

  it('ends each command succeeded, failed with the switch reason, or not completed after the answer time; re-sends only the not completed', async () => {
    // The switch confirms valid numbers, refuses an invalid one, and never answers the 3rd command it takes.
    let taken = 0;
    const behaviour = new SimulatedBehaviour({ minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 });
    const simulator = new SwitchSimulator(behaviour);
    const silentThird: SwitchAdapter = {
      onConfirmation: (listener) => simulator.onConfirmation(listener),
      submit: (request) => (++taken === 3 ? Promise.resolve() : simulator.submit(request)),
    };
    const switchCommands = service(silentThird);
    const { batchId, submitted } = await switchCommands.submitBatch({ kind: 'ARREARS', action: 'SUSPEND', phones: ['13800000001', '12AB', '13800000003', '13800000001'], description: 'test' });
    expect(submitted).toBe(3); // the repeated number is one command

    expect(await switchCommands.runOnce()).toBe(3);
    await eventually(async () => {
      await switchCommands.flushConfirmations();
      const rows = await states(batchId);
      expect(rows['13800000001']!.state).toBe('SUCCEEDED');
      expect(rows['12AB']).toMatchObject({ state: 'FAILED', reason: expect.stringContaining('invalid number 12AB') });
    });
    expect((await states(batchId))['13800000003']!.state).toBe('SENT');
    expect(simulator.lineState('13800000001').suspended).toBe(true);

    // Not confirmed within the answer time: not completed, with the reason.
    offset += 1500;
    await switchCommands.runOnce();
    expect((await states(batchId))['13800000003']).toMatchObject({ state: 'NOT_COMPLETED', reason: 'no confirmation from the switch within 1 s', attempts: 1 });
    const counts = (await switchCommands.batchCounts([batchId])).get(batchId);
    expect(counts).toEqual({ PENDING: 0, SENT: 0, SUCCEEDED: 1, FAILED: 1, NOT_COMPLETED: 1 });

    // Re-send: only the not-completed one goes again, and this time the switch confirms it.
    expect(await switchCommands.resendNotCompleted({ batchId })).toBe(1);
    expect(await switchCommands.runOnce()).toBe(1);
    await eventually(async () => {
      await switchCommands.flushConfirmations();
      expect((await states(batchId))['13800000003']).toMatchObject({ state: 'SUCCEEDED', attempts: 2, reason: null });
    });
    expect(simulator.lineState('13800000003').suspended).toBe(true);
    expect(await switchCommands.resendNotCompleted({ batchId })).toBe(0);
  });

  it('records a confirmation that arrives after the command was marked not completed', async () => {
    const held: SwitchRequest[] = [];
    let confirm: (c: { commandId: string; ok: boolean }) => void = () => undefined;
    const slow: SwitchAdapter = {
      onConfirmation: (listener) => {
        confirm = listener;
      },
      submit: async (request) => {
        held.push(request);
      },
    };
    const switchCommands = service(slow);
    const { batchId } = await switchCommands.submitBatch({ kind: 'CALL_PERMISSION', action: 'RESTRICT_OUTGOING', phones: ['02087654321'] });
    await switchCommands.runOnce();
    offset += 1500;
    await switchCommands.runOnce();
    expect((await states(batchId))['02087654321']!.state).toBe('NOT_COMPLETED');
    confirm({ commandId: held[0]!.commandId, ok: true });
    await switchCommands.flushConfirmations();
    expect((await states(batchId))['02087654321']!.state).toBe('SUCCEEDED');
  });

  it('sends an unconfirmed automatic (prepaid) command again by itself, up to three sends, then leaves it not completed', async () => {
    const sent: string[] = [];
    const silent: SwitchAdapter = { onConfirmation: () => undefined, submit: async (request) => void sent.push(request.commandId) };
    const switchCommands = service(silent);
    const { batchId } = await switchCommands.submitBatch({ kind: 'PREPAID', action: 'RESTRICT_OUTGOING', phones: ['13700000001'] });
    for (let send = 1; send <= 3; send++) {
      expect(await switchCommands.runOnce()).toBe(1);
      offset += 1500;
    }
    await switchCommands.runOnce();
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(1); // the same command each time
    expect((await states(batchId))['13700000001']).toMatchObject({ state: 'NOT_COMPLETED', attempts: 3 });
  });

  it('two workers on one database never send the same command twice', async () => {
    const sent = new Map<string, number>();
    const counting: SwitchAdapter = {
      onConfirmation: () => undefined,
      submit: async (request) => {
        sent.set(request.commandId, (sent.get(request.commandId) ?? 0) + 1);
      },
    };
    const phones = Array.from({ length: 300 }, (_, i) => `139${String(i).padStart(8, '0')}`);
    const { batchId } = await service(counting).submitBatch({ kind: 'ARREARS', action: 'RESUME', phones });
    const workers = [service(counting, 20), service(counting, 20)];
    const drain = async (worker: SwitchCommandsService) => {
      while ((await worker.runOnce()) > 0) {
        /* until nothing is pending */
      }
    };
    await Promise.all(workers.map(drain));
    expect(sent.size).toBe(300);
    expect([...sent.values()].every((times) => times === 1)).toBe(true);
    expect((await switchCommands(batchId)).SENT).toBe(300);

    async function switchCommands(id: number) {
      return (await workers[0]!.batchCounts([id])).get(id)!;
    }
  });

  it('writes a batch in the caller transaction: rolled back, nothing is sent', async () => {
    const switchCommands = service({ onConfirmation: () => undefined, submit: async () => undefined });
    const before = await app.prisma.switchCommand.count();
    await expect(
      app.prisma.$transaction(async (tx) => {
        await switchCommands.submitBatch({ kind: 'PREPAID', action: 'RESTRICT_OUTGOING', phones: ['13800009999'] }, tx);
        throw new Error('ledger write failed');
      }),
    ).rejects.toThrow('ledger write failed');
    expect(await app.prisma.switchCommand.count()).toBe(before);
  });
});
