import { graphql } from '../../../generated';

/** One block of the work-order query (工单查询); the bounded count only with the first block. */
export const WorkOrderQueryQuery = graphql(`
  query WorkOrderQuery($filter: WorkOrderQueryFilter, $sortBy: WorkOrderSortField!, $sortDirection: SortDirection!, $first: Int!, $after: String, $withCount: Boolean!) {
    workOrderQuery(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      totalCount @include(if: $withCount)
      totalCountCapped @include(if: $withCount)
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...WorkOrderRowFields
          order {
            id
            orderNo
          }
        }
      }
    }
  }
`);

/** Categories and types for the work-order query's conditions. */
export const WorkOrderTypesQuery = graphql(`
  query WorkOrderTypes {
    workOrderTypes {
      code
      name
      nameEn
      category {
        code
        name
        nameEn
      }
    }
  }
`);

/** Work-order handling positions within the viewer's data permissions. */
export const QueryPositionChoicesQuery = graphql(`
  query QueryPositionChoices {
    positions(kind: WORK_ORDER) {
      id
      code
      name
      nameEn
      organisation {
        id
        name
        nameEn
      }
    }
  }
`);
