import { graphql } from '../../../generated';

/** Orders starting, completing or being cancelled (within the viewer's data permissions). */
export const SupervisionOrderChangedSubscription = graphql(`
  subscription SupervisionOrderChanged {
    orderChanged {
      state
    }
  }
`);

/** Work orders created, claimed, moved or completed. */
export const SupervisionWorkOrderChangedSubscription = graphql(`
  subscription SupervisionWorkOrderChanged {
    workOrderChanged {
      state
    }
  }
`);

/** The API's clock moved (test mode): ages changed without any event. */
export const SupervisionClockChangedSubscription = graphql(`
  subscription SupervisionClockChanged {
    clockChanged {
      now
    }
  }
`);
