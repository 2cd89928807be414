import { graphql } from '../../../generated';

/** One block of a work-order queue (oldest first). */
export const WorkOrderQueueQuery = graphql(`
  query WorkOrderQueue($filter: WorkOrderQueueFilter!, $first: Int!, $after: String) {
    workOrders(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...WorkOrderRowFields
        }
      }
    }
  }
`);
