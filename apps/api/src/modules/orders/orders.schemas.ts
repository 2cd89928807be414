import { z } from 'zod';

export const submitCrmMessageInput = z.object({ format: z.enum(['XML', 'JSON']), payload: z.string().min(1, 'the payload is empty') });
export const messageIdArgs = z.object({ id: z.string().regex(/^\d{1,18}$/, 'not a valid message id').transform((id) => BigInt(id)) });
export const orderIdArgs = z.object({ id: z.string().regex(/^\d{1,9}$/, 'not a valid order id').transform(Number) });
