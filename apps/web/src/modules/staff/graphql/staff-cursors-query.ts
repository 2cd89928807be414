import { graphql } from '../../../generated';

/**
 * Cursors only: lets the grid skip ahead to a block whose start cursor it has not seen yet
 * (cursor pagination cannot jump to an offset).
 */
export const StaffCursorsQuery = graphql(`
  query StaffCursors(
    $first: Int!
    $after: String
    $filter: StaffFilter
    $sortBy: StaffSortField!
    $sortDirection: SortDirection!
  ) {
    staff(first: $first, after: $after, filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
      }
    }
  }
`);
