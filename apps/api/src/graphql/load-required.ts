import type DataLoader from 'dataloader';
import { AppError } from '../errors/app-error.ts';

/** Loads a row a non-null relation points to; a dangling reference is NOT_FOUND, never a silent null. */
export async function loadRequired<T>(loader: DataLoader<number, T | null>, id: number, what: string): Promise<T> {
  const row = await loader.load(id);
  if (row === null) throw new AppError('NOT_FOUND', `${what} ${id} no longer exists.`);
  return row;
}
