import { graphql } from '../../../generated';

/** Work orders of a queue created or changed (the payload is only ids: the grid refetches its rows). */
export const WorkOrderChangedSubscription = graphql(`
  subscription WorkOrderChanged($filter: WorkOrderEventFilter) {
    workOrderChanged(filter: $filter) {
      state
      workOrder {
        id
      }
    }
  }
`);
