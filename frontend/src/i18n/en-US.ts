// English, the switch beside Chinese. Same keys as zh-CN.ts.
import type zhCN from './zh-CN.ts';

const enUS: typeof zhCN = {
  app: { title: 'Pukou District social-governance system', short: 'Governance system', language: 'Language', switchTo: '中文' },
  buttons: {
    create: 'Create', save: 'Save', logout: 'Log out', delete: 'Delete', edit: 'Edit', cancel: 'Cancel',
    confirm: 'Are you sure?', filter: 'Filter', clear: 'Clear', refresh: 'Refresh', show: 'Show', undo: 'Undo',
    import: 'Import', clone: 'Clone', notAccessTitle: "You don't have permission to access", search: 'Search', reset: 'Reset',
  },
  actions: { list: 'List', create: 'Create', edit: 'Edit', show: 'Show', clone: 'Clone' },
  notifications: {
    success: 'Successful', error: 'Error (status code: {{statusCode}})', undoable: 'You have {{seconds}} seconds to undo',
    createSuccess: 'Successfully created {{resource}}', createError: 'There was an error creating {{resource}} (status code: {{statusCode}})',
    deleteSuccess: 'Successfully deleted {{resource}}', deleteError: 'Error when deleting {{resource}} (status code: {{statusCode}})',
    editSuccess: 'Successfully edited {{resource}}', editError: 'Error when editing {{resource}} (status code: {{statusCode}})',
    importProgress: 'Importing: {{processed}}/{{total}}',
  },
  loading: 'Loading',
  warnWhenUnsavedChanges: 'Are you sure you want to leave? You have unsaved changes.',
  table: { actions: 'Actions' },
  pages: {
    login: {
      title: 'Sign in to the Pukou governance system',
      signin: 'Sign in', signup: 'Sign up', divider: 'or',
      fields: { email: 'Account (e-mail)', password: 'Password' },
      errors: { validEmail: 'Invalid e-mail address', requiredEmail: 'E-mail is required', requiredPassword: 'Password is required' },
      buttons: { submit: 'Sign in', forgotPassword: 'Forgot password?', noAccount: 'No account?', rememberMe: 'Remember me' },
    },
    error: { info: 'You may have forgotten to add the {{action}} component to {{resource}} resource.', 404: 'Sorry, the page you visited does not exist.', resource404: 'Are you sure you have created the {{resource}} resource?', backHome: 'Back home' },
  },
  auth: {
    failed: 'Wrong account or password',
    expired: 'Your session has expired; please sign in again',
    required: 'Please sign in',
    network: 'Cannot reach the server; check the network',
    logoutDone: 'Signed out',
  },
  errors: {
    forbidden: 'You may not do this; the page has been reloaded',
    conflict: 'Someone else acted on this matter first; the page has been reloaded',
    invalid: 'Invalid input: {{message}}',
    network: 'Network error; please try again',
    unknown: 'Failed: {{message}}',
  },
  menu: { workbench: 'Workbench', matters: 'Matters', data: 'Data', units: 'Units', report: 'Report', inbox: 'Documents received', sent: 'Documents sent', projects: 'Special projects', users: 'Users' },
  form: { required: '{{label}} is required', choose: 'Choose', latitude: 'Latitude', longitude: 'Longitude', upload: 'Upload', searchPlaceholder: 'Type to search', invalid: '{{label}} is not valid' },
  richText: { bold: 'Bold', italic: 'Italic', bullets: 'Bulleted list', numbers: 'Numbered list', link: 'Insert link', linkPrompt: 'Link address (http, https, mailto or tel)' },
  map: {
    label: 'Location sketch (only units with coordinates and places of earlier matters; no roads or boundaries)',
    noReference: 'No unit or matter with coordinates to show; type the coordinates or use your location',
    useMyLocation: 'Use my location', noLocation: 'Your location is not available; type the coordinates', clear: 'Clear',
  },
  list: { search: 'Search', total: '{{total}} in all', empty: 'No data', yes: 'Yes', no: 'No' },
};
export default enUS;
