import { graphql } from '../../../generated';

/** One page of the failed requests of one interface and kind, newest first. */
export const FailedInterfaceRequestsQuery = graphql(`
  query FailedInterfaceRequests($filter: InterfaceRequestFilter!, $first: Int!, $after: String) {
    interfaceRequests(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          system
          kind
          state
          attempts
          lastError
          createdAt
          completedAt
          order {
            id
            orderNo
          }
        }
      }
    }
  }
`);
