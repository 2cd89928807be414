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
    arrivedAt
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

/** Registers this phone as the installer's own location device (again: changes nothing). */
export const RegisterMyDeviceMutation = graphql(`
  mutation RegisterMyDevice($input: RegisterMyLocationDeviceInput!) {
    registerMyLocationDevice(input: $input) {
      device {
        id
        deviceCode
        active
      }
      error {
        code
        message
      }
    }
  }
`);

/** Sends the fixes the phone collected since the last report. */
export const ReportMyLocationsMutation = graphql(`
  mutation ReportMyLocations($deviceCode: String!, $fixes: [LocationFixInput!]!) {
    reportLocations(deviceCode: $deviceCode, fixes: $fixes) {
      accepted
      rejected {
        index
        reason
        message
      }
    }
  }
`);

/** The installer's unread messages from dispatchers. */
export const MyUnreadMessagesQuery = graphql(`
  query MyUnreadMessages {
    myStaffMessages(first: 20, unreadOnly: true) {
      id
      fromName
      fromStaffNo
      text
      workOrderNo
      createdAt
    }
  }
`);

/** A message sent to the installer just now. */
export const MessageReceivedSubscription = graphql(`
  subscription MessageReceived {
    staffMessageReceived {
      id
    }
  }
`);

export const MarkMessagesReadMutation = graphql(`
  mutation MarkMessagesRead($upToId: ID!) {
    markStaffMessagesRead(upToId: $upToId)
  }
`);
