// Rich text (Directus interface input-rich-text-html): the editor and the
// sanitising view load only when a form or a page first shows such a field, so
// neither the phone's first load nor the office's grows by them.

import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';

const Editor = lazy(() => import('./rich-text-editor.tsx').then((m) => ({ default: m.RichTextEditor })));
const View = lazy(() => import('./rich-text-editor.tsx').then((m) => ({ default: m.SafeHtml })));

export function RichTextInput(props: { value?: string | null; onChange?: (html: string) => void; disabled?: boolean }) {
  return (
    <Suspense fallback={<Skeleton.Input active block />}>
      <Editor {...props} />
    </Suspense>
  );
}

export function RichTextView({ html }: { html: string }) {
  return (
    <Suspense fallback={null}>
      <View html={html} />
    </Suspense>
  );
}
