// The office app's entry (loaded by main.tsx for every route but the phone's own):
// antd's React 19 patch first, then the Refine app.

import '@ant-design/v5-patch-for-react-19';

export { App as OfficeApp } from './App.tsx';
