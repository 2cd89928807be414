import { graphql } from '../../../generated';

/** Installs, moves and removals over a range, grouped. */
export const InstallStatisticsQuery = graphql(`
  query InstallStatistics($input: InstallStatisticsInput!) {
    installStatistics(input: $input) {
      ok
      error {
        code
        message
        field
      }
      statistics {
        from
        to
        groupBy
        timeZone
        rows {
          key
          name
          nameEn
          installsCompleted
          movesCompleted
          removalsCompleted
          received
          inFlight
        }
      }
    }
  }
`);

/** The orders behind one cell. */
export const InstallStatisticsOrdersQuery = graphql(`
  query InstallStatisticsOrders($input: InstallStatisticsOrdersInput!) {
    installStatisticsOrders(input: $input) {
      ok
      error {
        code
        message
      }
      total
      orders {
        orderId
        orderNo
        kind
        state
        customerName
        address
        acceptedAt
        completedAt
        workOrderId
        workOrderNo
        teamName
        teamNameEn
        installerName
        installerStaffNo
      }
    }
  }
`);
