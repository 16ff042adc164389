// The office bundle (日常办公): the endpoint (/office: documents, daily work, field
// work, patrols, projects, terminals) and the hooks that keep office records on
// their own (logins per day and terminal, roster changes told upward) and honest
// (a sent document cannot be changed).

import endpoint from './endpoint.ts';
import events from './events-hook.ts';
import guard from './guard-hook.ts';

export default {
  hooks: [
    { name: 'office-events', config: events },
    { name: 'office-guard', config: guard },
  ],
  endpoints: [{ name: 'office', config: endpoint }],
  operations: [],
};
