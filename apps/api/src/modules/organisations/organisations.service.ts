import type { PrismaClient } from '@openiom/db';
import { AppError } from '../../errors/app-error.ts';
import type { DataScope, ViewerRecord } from '../auth/auth.types.ts';
import { OrganisationsRepository } from './organisations.repository.ts';
import type { OrganisationRecord } from './organisations.types.ts';

/** Scopes whose organisation ids are kept; beyond it the cache starts over. */
const CACHED_SCOPES = 2000;

export class OrganisationsService {
  readonly repository: OrganisationsRepository;
  private readonly idsByScope = new Map<string, Promise<number[]>>();

  constructor(prisma: PrismaClient) {
    this.repository = new OrganisationsRepository(prisma);
  }

  /** Roots of the organisation tree under the viewer's data permissions. */
  roots(viewer: ViewerRecord): Promise<OrganisationRecord[]> {
    return this.repository.scopeRoots(viewer.scope);
  }

  /**
   * Ids of the organisations inside the scope (and under `path` when given). Lists filter on these
   * ids rather than joining on path prefixes (see WorkOrdersRepository.query). They are cached per
   * scope: the tree is static data that changes only through configuration, and reading it on every
   * page cost a round trip (~13 % of a work-order query page). A change of someone's data
   * permissions is a new scope, so it never reads a stale entry; a change of the tree itself takes
   * effect with `forgetCachedIds` (the static-data cache refresh).
   */
  idsInScope(scope: DataScope, path: string | null): Promise<number[]> {
    const key = JSON.stringify([scope.orgPaths, path]);
    let ids = this.idsByScope.get(key);
    if (!ids) {
      if (this.idsByScope.size >= CACHED_SCOPES) this.idsByScope.clear();
      ids = this.repository.idsInScope(scope, path);
      // A failed read is not kept: the next request tries again.
      ids.catch(() => this.idsByScope.delete(key));
      this.idsByScope.set(key, ids);
    }
    return ids;
  }

  /** Scopes whose organisation ids are cached. */
  cachedScopes(): number {
    return this.idsByScope.size;
  }

  /** Drops the cached organisation ids of every scope (after the organisation tree changed). */
  forgetCachedIds(): void {
    this.idsByScope.clear();
  }

  /** The organisation, or null when it does not exist or lies outside the viewer's data permissions. */
  findVisible(viewer: ViewerRecord, id: number): Promise<OrganisationRecord | null> {
    return this.repository.findInScope(id, viewer.scope);
  }

  /**
   * The materialised path of an area a filter names (`field`), for "this organisation and everything
   * below it"; null when none is named. An area outside the viewer's data scope is NOT_FOUND, as if
   * it did not exist.
   */
  async visiblePath(viewer: ViewerRecord, id: number | null, field: string): Promise<string | null> {
    if (id === null) return null;
    const organisation = await this.findVisible(viewer, id);
    if (!organisation) throw new AppError('NOT_FOUND', `${field}: organisation ${id} does not exist or is outside your data permissions.`, { field });
    return organisation.path;
  }
}
