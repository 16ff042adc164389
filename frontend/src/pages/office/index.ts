// The office screens of issue 6 that the schema-driven layer does not give: the
// sign-for inbox, the sender's status page, special project submissions, the
// dispute timeline.
export { DisputeShow } from './dispute.tsx';
export { OfficeInbox } from './inbox.tsx';
export { ProjectStatus, ProjectSubmissions } from './projects.tsx';
export { DocumentStatus, SentDocuments } from './sent.tsx';
