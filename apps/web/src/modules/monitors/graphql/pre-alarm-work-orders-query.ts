import { graphql } from '../../../generated';

/** One page of the work orders behind a pre-alarm count. */
export const PreAlarmWorkOrdersQuery = graphql(`
  query PreAlarmWorkOrders($filter: WorkOrderQueryFilter!, $first: Int!, $after: String) {
    workOrderQuery(filter: $filter, first: $first, after: $after) {
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
          workOrderNo
          state
          createdAt
          acceptDueAt
          dueAt
          timeState
          acceptOverdue
          step {
            id
            name
            nameEn
          }
          position {
            id
            name
            nameEn
          }
          handler {
            id
            staffNo
            name
          }
          order {
            id
            orderNo
            customerName
          }
        }
      }
    }
  }
`);
