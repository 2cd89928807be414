import { graphql } from '../../../generated';

/** Prints work-order sheets: records the print (copy 1, 2, …) and returns each sheet's fields. */
export const PrintWorkOrdersMutation = graphql(`
  mutation PrintWorkOrders($input: PrintWorkOrdersInput!) {
    printWorkOrders(input: $input) {
      ok
      error {
        code
        message
      }
      sheets {
        copy
        printedAt
        printedBy {
          id
          name
          staffNo
        }
        workOrder {
          id
          workOrderNo
          state
          createdAt
          dueAt
          step {
            id
            name
            nameEn
          }
          position {
            id
            name
            nameEn
          }
          handler {
            id
            name
            staffNo
          }
        }
        order {
          id
          orderNo
          acceptanceNo
          businessCode
          orderType
          productCode
          customerName
          customerPhone
          broadbandAccount
          address
          acceptedAt
          organisation {
            id
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
            oldValue
            newValue
          }
        }
      }
    }
  }
`);
