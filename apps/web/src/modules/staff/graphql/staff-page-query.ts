import { graphql } from '../../../generated';

/** One block of the staff grid. */
export const StaffPageQuery = graphql(`
  query StaffPage(
    $first: Int!
    $after: String
    $filter: StaffFilter
    $sortBy: StaffSortField!
    $sortDirection: SortDirection!
  ) {
    staff(first: $first, after: $after, filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          staffNo
          name
          phone
          active
          organisation {
            id
            name
            nameEn
          }
          positions {
            id
            name
            nameEn
          }
        }
      }
    }
  }
`);
