import { graphql } from '../../../generated';

export const OnlineStaffQuery = graphql(`
  query OnlineStaff {
    onlineStaff {
      sessionId
      hostAddress
      loginAt
      lastSeenAt
      staff {
        id
        staffNo
        name
        organisation {
          id
          name
          nameEn
        }
      }
    }
  }
`);
