import { graphql } from '../../../generated';

/** Staff a position's work orders can be dispatched to, by staff number. */
export const PositionStaffQuery = graphql(`
  query PositionStaff($positionId: ID!, $search: String, $first: Int!) {
    positionStaff(positionId: $positionId, search: $search, first: $first) {
      id
      staffNo
      name
      organisation {
        id
        name
        nameEn
      }
    }
  }
`);

/** Work-order handling positions in scope serving the given work orders' areas (all in scope without). */
export const WorkOrderPositionsQuery = graphql(`
  query WorkOrderPositions($workOrderIds: [ID!], $search: String, $first: Int!) {
    workOrderPositions(workOrderIds: $workOrderIds, search: $search, first: $first) {
      id
      code
      name
      nameEn
    }
  }
`);
