import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { testBackends } from '../../testing/test-database.ts';
import { outcomeOf, Refusal } from '../refusal.ts';

describe.each(testBackends())('refused outcomes (%s)', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('turns a refusal into an outcome naming the field', async () => {
    expect(await outcomeOf(async () => Promise.reject(new Refusal('NOT_FOUND', 'There is no x.', 'id')))).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no x.', field: 'id' } });
  });

  it('turns a twin saved at the same moment (past the duplicate check) into DUPLICATE_CODE, not an internal error', async () => {
    // Both changes pass their own duplicate check before either writes: the database's key decides.
    let checked = 0;
    let bothChecked: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (bothChecked = resolve));
    const save = (name: string) =>
      outcomeOf(async () => {
        const clash = await app.prisma.exceptionType.findUnique({ where: { code: 'RACE' } });
        if (clash) throw new Refusal('DUPLICATE_CODE', 'Exception type RACE exists.', 'code');
        if (++checked === 2) bothChecked();
        await barrier;
        return app.prisma.exceptionType.create({ data: { code: 'RACE', name, nameEn: name } });
      });
    const outcomes = await Promise.all([save('一'), save('二')]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ok)).toEqual({ ok: false, error: { code: 'DUPLICATE_CODE', message: 'Another exception type with the same code was saved at the same moment: reload the list and try again.' } });
  });

  it('lets other errors through', async () => {
    await expect(outcomeOf(async () => Promise.reject(new Error('disk on fire')))).rejects.toThrow('disk on fire');
  });
});
