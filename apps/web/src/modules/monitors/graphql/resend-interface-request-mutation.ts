import { graphql } from '../../../generated';

export const ResendInterfaceRequestMutation = graphql(`
  mutation ResendInterfaceRequest($input: ResendInterfaceRequestInput!) {
    resendInterfaceRequest(input: $input) {
      ok
      error {
        code
        message
      }
    }
  }
`);
