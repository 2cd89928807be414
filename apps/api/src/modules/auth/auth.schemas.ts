import { z } from 'zod';

export const loginInput = z.object({
  loginName: z.string().trim().min(1, 'enter a login name').max(64, 'at most 64 characters'),
  password: z.string().min(1, 'enter a password').max(256, 'at most 256 characters'),
});

export const selectStaffInput = z.object({ staffId: z.string().regex(/^\d+$/, 'not a valid staff id').transform(Number) });

export const forceLogoutInput = z.object({ sessionId: z.string().uuid('not a valid session id') });
