import express, { Router, type Request, type Response } from 'express';
import { enforce } from '../../auth/guard.ts';
import { bearerToken, createContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { readFix, reportEnvelope } from './locations.schemas.ts';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, SESSION_EXPIRED: 401, STAFF_NOT_SELECTED: 403, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

/**
 * `POST /locations` with `{ "deviceCode": "…", "fixes": [{ "at": ISO 8601, "latitude", "longitude",
 * "accuracy"? }, …] }` (JSON, up to 1,000 fixes): the devices' way to report, the same as the
 * `reportLocations` mutation without GraphQL. Authenticated like /graphql (Authorization: Bearer
 * <session token> of the installer's login with their staff number picked); the device must be
 * registered to that staff member. Answers 200 `{ accepted, rejected: [{ index, reason, message }] }`
 * even when fixes were refused: the good ones are stored.
 */
export function createLocationsRouter(services: Services, maxBodyBytes: number): Router {
  const router = Router();
  router.post('/locations', express.json({ limit: maxBodyBytes }), (req: Request, res: Response) => {
    run(req, res).catch((error: unknown) => {
      const code = error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR';
      if (!(error instanceof AppError)) logger.error('location report failed', { message: (error as Error).message });
      if (!res.headersSent) res.status(STATUS[code] ?? 500).json({ errors: [{ message: error instanceof AppError ? error.message : 'Internal server error', extensions: { code } }] });
    });
  });

  async function run(req: Request, res: Response) {
    const context = await createContext(services, { token: bearerToken(req.headers.authorization), hostAddress: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
    const viewer = enforce('staff', context, true)!;
    const parsed = reportEnvelope.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('BAD_USER_INPUT', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const outcome = await services.locations.report(viewer, parsed.data.deviceCode, parsed.data.fixes.map(readFix));
    res.json(outcome);
  }
  return router;
}
