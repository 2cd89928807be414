import { graphql } from '../../../generated';

/** What a to-do row shows: the work order and the order fields a dispatcher calls the customer with. */
export const DispatchTodoRowFragment = graphql(`
  fragment DispatchTodoRow on WorkOrder {
    ...WorkOrderRowFields
    order {
      id
      productCode
      acceptedAt
      appointmentAt
      organisation {
        id
        name
        nameEn
      }
    }
  }
`);

export const DispatchCenterTodoQuery = graphql(`
  query DispatchCenterTodo($filter: DispatchTodoFilter, $first: Int!, $after: String) {
    dispatchCenterTodo(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...DispatchTodoRow
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

export const DispatchSuggestionQuery = graphql(`
  query DispatchSuggestion($workOrderId: ID!) {
    dispatchSuggestion(workOrderId: $workOrderId) {
      suggestedTeamId
      teams {
        id
        code
        name
        nameEn
        organisation {
          id
          name
          nameEn
        }
        members {
          leader
          staff {
            id
            staffNo
            name
            phone
          }
        }
      }
      laterSteps {
        code
        name
        nameEn
        handlerFromStep
      }
    }
  }
`);

export const AssignDispatchCenterWorkOrderMutation = graphql(`
  mutation AssignDispatchCenterWorkOrder($input: AssignDispatchCenterWorkOrderInput!) {
    assignDispatchCenterWorkOrder(input: $input) {
      ok
      error {
        code
        message
        field
      }
      workOrder {
        id
        state
      }
    }
  }
`);
