import { graphql } from '../../../generated';

export const CompleteWorkOrderMutation = graphql(`
  mutation CompleteWorkOrder($input: CompleteWorkOrderInput!) {
    completeWorkOrder(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

export const ClaimWorkOrderMutation = graphql(`
  mutation ClaimWorkOrder($input: WorkOrderRefInput!) {
    claimWorkOrder(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);

export const UnlockWorkOrderMutation = graphql(`
  mutation UnlockWorkOrder($input: WorkOrderRefInput!) {
    unlockWorkOrder(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);
