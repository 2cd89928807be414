import { graphql } from '../../../generated';

/** What a work-order card on the phone shows and acts on. */
export const InstallerWorkOrderFragment = graphql(`
  fragment InstallerWorkOrder on WorkOrder {
    id
    workOrderNo
    state
    timeState
    acceptOverdue
    dueAt
    exceptionTypes
    exceptionTypeDetails {
      code
      name
      nameEn
      manual
    }
    step {
      id
      code
      name
      nameEn
      kind
    }
    handler {
      id
    }
    position {
      id
    }
    order {
      id
      orderNo
      customerName
      customerPhone
      address
      appointmentAt
      latitude
      longitude
    }
  }
`);

/** The viewer's teams: their queues are where the work to claim waits. */
export const MyTeamsQuery = graphql(`
  query MyTeams {
    myTeams {
      id
      code
      name
      nameEn
      position {
        id
      }
    }
  }
`);

/** Work orders claimed by or dispatched to the viewer (pending and in progress). */
export const MyFieldWorkOrdersQuery = graphql(`
  query MyFieldWorkOrders {
    workOrders(filter: { mine: true }, first: 100) {
      edges {
        node {
          ...InstallerWorkOrder
        }
      }
    }
  }
`);

/** Work orders waiting to be claimed in one team's queue. */
export const TeamQueueQuery = graphql(`
  query TeamQueue($positionId: ID!) {
    workOrders(filter: { positionId: $positionId, state: PENDING }, first: 100) {
      edges {
        node {
          ...InstallerWorkOrder
        }
      }
    }
  }
`);
