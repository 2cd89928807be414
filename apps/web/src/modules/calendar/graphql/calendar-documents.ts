import { graphql } from '../../../generated';

/** Every day of a range with its working status and where it comes from. */
export const WorkingCalendarQuery = graphql(`
  query WorkingCalendar($from: String!, $to: String!, $organisationId: ID) {
    workingCalendar(from: $from, to: $to, organisationId: $organisationId) {
      date
      working
      name
      source
    }
  }
`);

export const SetCalendarDaysMutation = graphql(`
  mutation SetCalendarDays($input: SetCalendarDaysInput!) {
    setCalendarDays(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);
