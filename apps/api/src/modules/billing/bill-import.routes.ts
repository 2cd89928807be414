import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { enforce } from '../../auth/guard.ts';
import { bearerToken, createContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { billingMonth } from './billing.schemas.ts';

const params = z.object({
  month: billingMonth,
  format: z.string().regex(/^\d{1,9}$/, 'not a valid bill format id').transform(Number),
  name: z.string().trim().max(200, 'at most 200 characters').optional(),
});

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, SESSION_EXPIRED: 401, STAFF_NOT_SELECTED: 403, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, CONFLICT: 409 };


/**
 * `POST /billing/imports?month=YYYY-MM&format=<id>&name=<file name>` with the bill file as the raw
 * request body (any content type; streamed, never held whole). Authenticated like /graphql
 * (Authorization: Bearer) and authorized like a mutation on the `billing.imports` menu with
 * `billing:operate`. Answers when the import is done with the import (state, counts); progress in
 * the meantime is published to the `billImportChanged` subscription.
 */
export function createBillImportRouter(services: Services, uploadIdleMs: number): Router {
  const router = Router();
  router.post('/billing/imports', (req: Request, res: Response) => {
    run(req, res).catch((error: unknown) => {
      const code = error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR';
      if (!(error instanceof AppError)) logger.error('bill upload failed', { message: (error as Error).message });
      if (!res.headersSent) res.status(STATUS[code] ?? 500).json({ errors: [{ message: error instanceof AppError ? error.message : 'Internal server error', extensions: { code } }] });
      drain(req);
    });
  });

  async function run(req: Request, res: Response) {
    const parsed = params.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('BAD_USER_INPUT', `${issue.path.join('.') || 'request'}: ${issue.message}`);
    }
    const context = await createContext(services, { token: bearerToken(req.headers.authorization), hostAddress: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
    const viewer = enforce({ can: 'billing:operate', menus: ['billing.imports'] }, context, true)!;
    const { month, format, name } = parsed.data;
    const imported = await services.billing.importBills(viewer, { billingMonth: month, formatId: format, fileName: name || 'upload' }, bodyOf(req, uploadIdleMs));
    if (!res.destroyed) res.json({ import: { ...imported, id: String(imported.id), formatId: String(imported.formatId) } });
    // An import that failed mid-file: read the rest so the client gets the answer, not a reset.
    drain(req);
  }
  return router;
}

/**
 * The request body as chunks; a client that goes away before the end, or sends nothing for
 * `idleMs` (OPENIOM_UPLOAD_IDLE_SECONDS), makes it throw. The server sets no limit on a request's
 * total time, so a long upload that keeps sending is never cut (see server.ts).
 */
async function* bodyOf(req: Request, idleMs: number): AsyncGenerator<Buffer> {
  req.setTimeout(idleMs, () => req.destroy(new Error(`no data arrived for ${idleMs / 1000} s`)));
  try {
    for await (const chunk of req) yield chunk as Buffer;
  } finally {
    // The rest of the work (the month switch) sends nothing: no idle limit on it.
    req.setTimeout(0);
  }
  if (!req.complete) throw new Error('the upload was interrupted before the end of the file');
}

function drain(req: Request): void {
  if (!req.complete && !req.destroyed) req.resume();
}
