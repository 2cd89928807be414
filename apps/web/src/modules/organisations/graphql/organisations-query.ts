import { graphql } from '../../../generated';

/**
 * The visible organisation tree. The schema nests `children` without a depth limit, so the query
 * spells out the four levels the tree has (province → city → district → grid).
 */
export const OrganisationsQuery = graphql(`
  query Organisations {
    organisations {
      ...OrganisationNode
      children {
        ...OrganisationNode
        children {
          ...OrganisationNode
          children {
            ...OrganisationNode
          }
        }
      }
    }
  }

  fragment OrganisationNode on Organisation {
    id
    code
    name
    nameEn
    level
  }
`);
