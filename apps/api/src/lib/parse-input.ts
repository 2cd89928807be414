import type { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

/** Validates resolver input with zod; the first problem becomes a BAD_USER_INPUT naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.');
  throw new AppError('BAD_USER_INPUT', field ? `${field}: ${issue.message}` : issue.message, field ? { field } : {});
}

/** Parses a GraphQL ID that must be a positive integer database id. */
export function toIntId(value: string | number, field: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('BAD_USER_INPUT', `${field}: "${value}" is not a valid id.`, { field });
  return id;
}
