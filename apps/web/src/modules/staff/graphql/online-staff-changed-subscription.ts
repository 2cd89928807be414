import { graphql } from '../../../generated';

export const OnlineStaffChangedSubscription = graphql(`
  subscription OnlineStaffChanged {
    onlineStaffChanged {
      change
      sessionId
      staff {
        id
        staffNo
        name
      }
    }
  }
`);
