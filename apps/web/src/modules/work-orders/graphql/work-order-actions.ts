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

/** The handler arrived on site (到达): recorded for their track. */
export const ArriveAtWorkOrderMutation = graphql(`
  mutation ArriveAtWorkOrder($input: WorkOrderRefInput!) {
    arriveAtWorkOrder(input: $input) {
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

export const DispatchWorkOrdersMutation = graphql(`
  mutation DispatchWorkOrders($input: DispatchWorkOrdersInput!) {
    dispatchWorkOrders(input: $input) {
      ok
      error {
        code
        message
        field
      }
      workOrders {
        id
        workOrderNo
      }
    }
  }
`);

export const AssignWorkOrderPositionMutation = graphql(`
  mutation AssignWorkOrderPosition($input: AssignWorkOrderPositionInput!) {
    assignWorkOrderPosition(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

export const CompleteWorkOrdersMutation = graphql(`
  mutation CompleteWorkOrders($input: CompleteWorkOrdersInput!) {
    completeWorkOrders(input: $input) {
      completed
      failed
      rows {
        workOrderId
        ok
        error {
          code
          message
        }
      }
    }
  }
`);

export const HandleManualExceptionMutation = graphql(`
  mutation HandleManualException($input: HandleManualExceptionInput!) {
    handleManualException(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);
