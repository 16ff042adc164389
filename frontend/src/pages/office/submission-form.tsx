// 报送: the text and materials of a document's reply or a special project's
// submission, posted to the office endpoint; the server's reason on a refusal.

import { useTranslate } from '@refinedev/core';
import { Button, Form, Input } from 'antd';
import { MAX_REPLY_CHARS } from '../../../../extensions/office/src/vocabulary.ts';
import { FileUpload, type StoredFile } from '../../components/schema/files.tsx';
import { useOfficeAction } from './use-office-action.ts';

/** 报送: text and materials posted to `path` (a document's reply, a special project's submission). */
export function SubmissionForm({ path, onDone }: { path: string; onDone: () => void }) {
  const t = useTranslate();
  const { post, pending } = useOfficeAction();
  const submit = async (values: { text?: string; files?: StoredFile[] }) => {
    const done = await post(path, { text: values.text ?? null, files: (values.files ?? []).map((f) => f.id) });
    if (done) onDone();
  };
  return (
    <Form layout="vertical" onFinish={submit} data-testid="reply-form">
      <Form.Item
        name="text"
        label={t('office.submissionText')}
        rules={[{ max: MAX_REPLY_CHARS, message: t('form.tooLong', { label: t('office.submissionText'), max: MAX_REPLY_CHARS }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 4 }} maxLength={MAX_REPLY_CHARS} />
      </Form.Item>
      <Form.Item name="files" label={t('office.submissionFiles')}>
        <FileUpload multiple />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending}>
        {t('office.submit')}
      </Button>
    </Form>
  );
}
