import { graphql } from '../../../generated';

export const MapStaffFieldsFragment = graphql(`
  fragment MapStaffFields on MapStaff {
    staffId
    staffNo
    name
    phone
    organisationCode
    at
    latitude
    longitude
    inProgress
  }
`);

export const MapWorkOrderFieldsFragment = graphql(`
  fragment MapWorkOrderFields on MapWorkOrder {
    id
    workOrderNo
    orderNo
    state
    stepCode
    stepName
    customerName
    address
    latitude
    longitude
    handlerStaffNo
    positionId
    timeState
  }
`);

/** What the map draws of a work order: its spot and state (the details come with a box selection or a search). */
export const MapPointFieldsFragment = graphql(`
  fragment MapPointFields on MapWorkOrder {
    id
    workOrderNo
    state
    latitude
    longitude
  }
`);

/** Everything in view, to draw: 10⁴ work orders must arrive and draw fast, so only what the map needs. */
export const MapViewItemsQuery = graphql(`
  query MapViewItems($box: GeoBoxInput!, $limit: Int) {
    mapItems(box: $box, limit: $limit) {
      truncated
      staff {
        ...MapStaffFields
      }
      workOrders {
        ...MapPointFields
      }
    }
  }
`);

export const MapItemsQuery = graphql(`
  query MapItems($box: GeoBoxInput!, $limit: Int) {
    mapItems(box: $box, limit: $limit) {
      truncated
      staff {
        ...MapStaffFields
      }
      workOrders {
        ...MapWorkOrderFields
      }
    }
  }
`);

export const MapSettingsQuery = graphql(`
  query MapSettings {
    mapSettings {
      styleUrl
      retentionDays
    }
  }
`);

export const MapWorkOrderSearchQuery = graphql(`
  query MapWorkOrderSearch($text: String!) {
    mapWorkOrderSearch(text: $text) {
      ...MapWorkOrderFields
    }
  }
`);

export const StaffTracksQuery = graphql(`
  query StaffTracks($staffIds: [ID!]!, $from: DateTime!, $to: DateTime!) {
    staffTracks(staffIds: $staffIds, from: $from, to: $to) {
      staffId
      staffNo
      name
      truncated
      points {
        at
        latitude
        longitude
      }
      events {
        at
        action
        workOrderNo
        orderNo
      }
    }
  }
`);

export const StaffLocationsChangedSubscription = graphql(`
  subscription StaffLocationsChanged {
    staffLocationsChanged {
      ...MapStaffFields
    }
  }
`);

export const MapWorkOrderChangedSubscription = graphql(`
  subscription MapWorkOrderChanged {
    workOrderChanged {
      state
    }
  }
`);

export const SendStaffMessageMutation = graphql(`
  mutation SendStaffMessage($input: SendStaffMessageInput!) {
    sendStaffMessage(input: $input) {
      sent
      error {
        code
        message
        field
      }
    }
  }
`);

export const MapDispatchMutation = graphql(`
  mutation MapDispatchWorkOrder($input: DispatchWorkOrdersInput!) {
    dispatchWorkOrders(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);
