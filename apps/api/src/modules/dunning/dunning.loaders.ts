import { byIdLoader } from '../../graphql/loaders.ts';
import type { DunningRepository } from './dunning.repository.ts';

export function createDunningLoaders(repository: DunningRepository) {
  return {
    dunningSummaryBySchedule: byIdLoader((ids) => repository.summaries(ids)),
    lastDunningReminderByTarget: byIdLoader(async (ids) => (await repository.lastReminders(ids)).map((reminder) => ({ ...reminder, reminderId: reminder.id, id: reminder.targetId }))),
  };
}
