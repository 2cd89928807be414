import { graphql } from '../../../generated';

export const SaveBillFormatMutation = graphql(`
  mutation SaveBillFormat($input: SaveBillFormatInput!) {
    saveBillFormat(input: $input) {
      ok
      error {
        code
        message
        field
      }
      billFormat {
        ...BillFormatRow
      }
    }
  }
`);

export const DeleteBillFormatMutation = graphql(`
  mutation DeleteBillFormat($input: DeleteBillFormatInput!) {
    deleteBillFormat(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);

export const BillFormatPreviewQuery = graphql(`
  query BillFormatPreview($spec: BillFormatSpecInput!, $sample: String!) {
    billFormatPreview(spec: $spec, sample: $sample) {
      lineNo
      phone
      amount
      problem
      text
    }
  }
`);
