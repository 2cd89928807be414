import { graphql } from '../../../generated';

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ok
      token
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
