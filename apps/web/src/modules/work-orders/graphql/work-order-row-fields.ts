import { graphql } from '../../../generated';

/** What a queue row shows. */
export const WorkOrderRowFieldsFragment = graphql(`
  fragment WorkOrderRowFields on WorkOrder {
    id
    workOrderNo
    state
    timeState
    acceptOverdue
    createdAt
    dueAt
    deferredTo
    exceptionTypes
    offlineActivation {
      device
      port
    }
    step {
      id
      code
      name
      nameEn
      kind
    }
    position {
      id
      name
      nameEn
    }
    handler {
      id
      staffNo
      name
    }
    order {
      id
      orderNo
      customerName
      customerPhone
      address
    }
  }
`);
