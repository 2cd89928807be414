import { graphql } from '../../../generated';

/** One page of the orders behind a pre-alarm count. */
export const PreAlarmOrdersQuery = graphql(`
  query PreAlarmOrders($filter: OrderQueryFilter!, $first: Int!, $after: String) {
    orders(filter: $filter, first: $first, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          orderNo
          orderType
          customerName
          address
          acceptedAt
          dueAt
          timeState
          organisation {
            id
            name
            nameEn
          }
        }
      }
    }
  }
`);
