import { graphql } from '../../../generated';

/** Everything the detail tabs show about a work order's order. */
export const OrderDetailQuery = graphql(`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      id
      orderNo
      crmOrderCode
      businessCode
      orderType
      state
      timeState
      acceptanceNo
      customerName
      customerPhone
      address
      broadbandAccount
      productCode
      acceptedAt
      completedAt
      dueAt
      organisation {
        id
        name
        nameEn
      }
      workflow {
        code
        version
        name
        nameEn
      }
      demand {
        key
        value
        oldValue
      }
      resources {
        key
        kind
        oldValue
        newValue
      }
      interfaceRequests {
        id
        system
        kind
        state
        attempts
        lastError
        createdAt
        completedAt
      }
      log {
        id
        action
        detail
        workOrderId
        createdAt
      }
      flow {
        steps {
          state
          step {
            id
            code
            name
            nameEn
            kind
          }
          workOrders {
            id
            workOrderNo
            state
            createdAt
            completedAt
            result
            handler {
              id
              name
            }
          }
        }
        transitions {
          fromStepId
          toStepId
          exception
          exceptionType
        }
      }
    }
  }
`);
