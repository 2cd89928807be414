import { graphql } from '../../../generated';

/** One block of the order query (定单查询); the bounded count only with the first block. */
export const OrderQueryQuery = graphql(`
  query OrderQuery($filter: OrderQueryFilter, $sortBy: OrderSortField!, $sortDirection: SortDirection!, $first: Int!, $after: String, $withCount: Boolean!) {
    orders(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      totalCount @include(if: $withCount)
      totalCountCapped @include(if: $withCount)
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...OrderRowFields
        }
      }
    }
  }
`);

/** What a row of the order query shows. */
export const OrderRowFieldsFragment = graphql(`
  fragment OrderRowFields on Order {
    id
    orderNo
    acceptanceNo
    businessCode
    orderType
    productCode
    state
    timeState
    customerName
    customerPhone
    broadbandAccount
    address
    acceptedAt
    dueAt
    completedAt
    cancelledAt
    rejectReason
    organisation {
      id
      name
      nameEn
    }
  }
`);
