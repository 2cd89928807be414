import { graphql } from '../../../generated';

export const SelectStaffMutation = graphql(`
  mutation SelectStaff($input: SelectStaffInput!) {
    selectStaff(input: $input) {
      ok
      error {
        code
        message
        field
      }
      viewer {
        ...ViewerFields
      }
    }
  }
`);
