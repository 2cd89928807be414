import { graphql } from '../../../generated';

export const StaticDataCachesQuery = graphql(`
  query StaticDataCaches {
    staticDataCaches {
      name
      description
      entries
      refreshedAt
    }
  }
`);

export const RefreshStaticDataMutation = graphql(`
  mutation RefreshStaticData($input: RefreshStaticDataInput!) {
    refreshStaticData(input: $input) {
      ok
      refreshed
      error {
        code
        message
      }
    }
  }
`);
