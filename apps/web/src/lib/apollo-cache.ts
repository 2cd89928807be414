import { InMemoryCache } from '@apollo/client';

/** The cache of the app (and of tests, so they normalise data the same way). */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // A fresh list replaces the old one (rows that left must go).
          onlineStaff: { merge: false },
          organisations: { merge: false },
        },
      },
      Viewer: { keyFields: ['sessionId'] },
      OnlineStaff: { keyFields: ['sessionId'] },
      OnlineStaffEvent: { keyFields: false },
      StaffConnection: { keyFields: false },
      StaffEdge: { keyFields: false },
    },
  });
}
