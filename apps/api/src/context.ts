import { createDispatchMapLoaders } from './modules/dispatch-map/dispatch-map.loaders.ts';
import type { ViewerRecord } from './modules/auth/auth.types.ts';
import { createDunningLoaders } from './modules/dunning/dunning.loaders.ts';
import { createOrganisationLoaders } from './modules/organisations/organisations.loaders.ts';
import { createOrderLoaders } from './modules/orders/orders.loaders.ts';
import { createPositionLoaders } from './modules/positions/positions.loaders.ts';
import { createStaffLoaders } from './modules/staff/staff.loaders.ts';
import { createWorkflowLoaders } from './modules/workflow/workflow.loaders.ts';
import { createFieldVisitLoaders } from './modules/teams/field-visit.loaders.ts';
import type { Services } from './services.ts';

/** What every resolver receives, for HTTP requests and graphql-ws operations alike. */
export interface GraphQLContext {
  services: Services;
  /** The session, or null without a (valid) token. */
  viewer: ViewerRecord | null;
  /** Why the token was refused, when one was sent and refused. */
  authFailure: 'INVALID_TOKEN' | 'SESSION_EXPIRED' | null;
  /** Per-request DataLoaders: every relation field goes through one. */
  loaders: ReturnType<typeof createLoaders>;
  hostAddress: string | null;
  userAgent: string | null;
}

/** A fresh set of DataLoaders (per HTTP request; per event for a subscription, see authorizedEvents). */
export function createLoaders(services: Services) {
  return {
    session: services.auth.createSessionLoader(),
    ...createStaffLoaders(services.staff.repository),
    ...createOrganisationLoaders(services.organisations.repository),
    ...createPositionLoaders(services.positions.repository),
    ...createOrderLoaders(services.orders.repository),
    ...createWorkflowLoaders(services.workflows),
    ...createDunningLoaders(services.dunning.repository),
    ...createFieldVisitLoaders(services.teams),
    ...createDispatchMapLoaders(services.dispatchMap),
  };
}

/** The one context factory: HTTP passes the Authorization header's token, graphql-ws its connectionParams.authToken. */
export async function createContext(
  services: Services,
  request: { token: string | null; hostAddress: string | null; userAgent: string | null },
): Promise<GraphQLContext> {
  const authentication = await services.auth.authenticate(request.token);
  return {
    services,
    viewer: authentication && 'viewer' in authentication ? authentication.viewer : null,
    authFailure: authentication && 'failure' in authentication ? authentication.failure : null,
    loaders: createLoaders(services),
    hostAddress: request.hostAddress,
    userAgent: request.userAgent,
  };
}

/** Extracts the bearer token of an Authorization header. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
