// 报送: the text and materials of a document's reply or a special project's
// submission, posted to the office endpoint; the server's reason on a refusal.

import { Button, Form, Input } from 'antd';
import { FileUpload, type StoredFile } from '../../components/schema/files.tsx';
import { useOfficeAction } from './use-office-action.ts';

/** 报送: text and materials posted to `path` (a document's reply, a special project's submission). */
export function SubmissionForm({ path, onDone }: { path: string; onDone: () => void }) {
  const { post, pending } = useOfficeAction();
  const submit = async (values: { text?: string; files?: StoredFile[] }) => {
    const done = await post(path, { text: values.text ?? null, files: (values.files ?? []).map((f) => f.id) });
    if (done) onDone();
  };
  return (
    <Form layout="vertical" onFinish={submit} data-testid="reply-form">
      <Form.Item name="text" label="报送内容" rules={[{ max: 5000, message: '报送内容不超过5000字' }]}>
        <Input.TextArea autoSize={{ minRows: 4 }} maxLength={5000} />
      </Form.Item>
      <Form.Item name="files" label="报送材料">
        <FileUpload multiple />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending}>
        报送
      </Button>
    </Form>
  );
}
