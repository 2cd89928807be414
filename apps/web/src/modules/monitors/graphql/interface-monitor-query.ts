import { graphql } from '../../../generated';

/** Success, failure and pending counts per interface and request kind. */
export const InterfaceMonitorQuery = graphql(`
  query InterfaceMonitor {
    interfaceMonitor {
      interface
      kind
      succeeded
      failed
      pending
    }
  }
`);
