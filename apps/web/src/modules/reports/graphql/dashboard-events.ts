import { graphql } from '../../../generated';

/** Orders starting, completing or being cancelled: the in-flight and throughput panels move. */
export const DashboardOrderChangedSubscription = graphql(`
  subscription DashboardOrderChanged {
    orderChanged {
      state
    }
  }
`);

/** Work orders created, taken or completed: the work-order panels move. */
export const DashboardWorkOrderChangedSubscription = graphql(`
  subscription DashboardWorkOrderChanged {
    workOrderChanged {
      state
    }
  }
`);
