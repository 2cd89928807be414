import { graphql } from '../../../generated';

/** Every panel of the manager dashboard (each is its own query on the server). */
export const ManagerDashboardQuery = graphql(`
  query ManagerDashboard($days: Int!) {
    managerDashboard(days: $days) {
      timeZone
      dates
      asOf
      ordersInFlight {
        timeState
        count
      }
      workOrdersInFlight {
        state
        count
        overdue
      }
      overdueTrend {
        date
        orders
        workOrders
      }
      throughput {
        date
        orders
        workOrders
      }
      topOverduePositions(first: 10) {
        position {
          id
          name
          nameEn
        }
        overdue
        open
      }
    }
  }
`);
