import { graphql } from '../../../generated';

export const BillsQuery = graphql(`
  query Bills($filter: BillFilter!, $afterPhone: String) {
    bills(filter: $filter, first: 100, afterPhone: $afterPhone) {
      ...BillRow
    }
  }

  fragment BillRow on Bill {
    billingMonth
    phone
    amount
    importId
  }
`);

export const CorrectBillMutation = graphql(`
  mutation CorrectBill($input: CorrectBillInput!) {
    correctBill(input: $input) {
      ok
      error {
        code
        message
      }
      bill {
        ...BillRow
      }
    }
  }
`);

export const DeleteBillMutation = graphql(`
  mutation DeleteBill($input: DeleteBillInput!) {
    deleteBill(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);
