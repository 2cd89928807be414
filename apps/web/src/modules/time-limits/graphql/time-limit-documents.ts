import { graphql } from '../../../generated';

/** Both kinds of time limit, for the configuration screen. */
export const TimeLimitsQuery = graphql(`
  query TimeLimits {
    orderTimeLimits {
      orderType
      warningHours
      processHours
    }
    workOrderTimeLimits {
      id
      workOrderType
      stepCode
      acceptHours
      warningHours
      processHours
    }
  }
`);

export const SetOrderTimeLimitMutation = graphql(`
  mutation SetOrderTimeLimit($input: SetOrderTimeLimitInput!) {
    setOrderTimeLimit(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);

export const SetWorkOrderTimeLimitMutation = graphql(`
  mutation SetWorkOrderTimeLimit($input: SetWorkOrderTimeLimitInput!) {
    setWorkOrderTimeLimit(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);

export const DeleteOrderTimeLimitMutation = graphql(`
  mutation DeleteOrderTimeLimit($input: DeleteOrderTimeLimitInput!) {
    deleteOrderTimeLimit(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);

export const DeleteWorkOrderTimeLimitMutation = graphql(`
  mutation DeleteWorkOrderTimeLimit($input: DeleteWorkOrderTimeLimitInput!) {
    deleteWorkOrderTimeLimit(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);
