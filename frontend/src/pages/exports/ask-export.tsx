// 申请导出 on a registry's list: personal data leaves the system only through a
// request the level above approves (POST /registries/exports); the button shows
// where the collection is one that may be asked for (the choices of
// export_requests.scope_collection, as the server keeps them) and for those who
// may write (leaders only read).

import { useApiUrl, useCustomMutation, useGetIdentity, useTranslate } from '@refinedev/core';
import { App, Button, Form, Input, Modal, TreeSelect } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { refusalOf } from '../../i18n/index.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import { useCollectionSchema } from '../../schema/use-schema.ts';
import { useUnitTree } from '../units/use-unit-tree.ts';

export function AskExportButton({ collection, label }: { collection: string; label: string }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const push = useNavigate();
  const { data: me } = useGetIdentity<Identity>();
  const { models } = useCollectionSchema('export_requests');
  const exportable = models.find((m) => m.field === 'scope_collection')?.choices.some((c) => c.value === collection);
  const { tree } = useUnitTree();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { mutateAsync, mutation } = useCustomMutation();
  if (!exportable || !me?.unit || me.job === 'leader') return null;
  const send = async (values: { unit?: number; reason: string }) => {
    try {
      await mutateAsync({
        url: `${apiUrl}/registries/exports`,
        method: 'post',
        values: { collection, unit: values.unit ?? me.unit!.id, reason: values.reason },
        successNotification: false,
        errorNotification: false,
      });
      setOpen(false);
      message.success(t('exports.asked'), 6);
      push('/exports');
    } catch (error) {
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 6);
    }
  };
  return (
    <>
      <Button onClick={() => (form.resetFields(), setOpen(true))} data-testid="ask-export">
        {t('exports.ask')}
      </Button>
      <Modal
        open={open}
        title={t('exports.askTitle', { collection: label })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={mutation.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={send} initialValues={{ unit: me.unit.id }}>
          <Form.Item name="unit" label={t('exports.scope')}>
            <TreeSelect treeData={tree as never} showSearch treeNodeFilterProp="title" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('exports.reason')}
            rules={[{ required: true, min: 4, max: 500, whitespace: true, message: t('exports.reasonHint') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('exports.reasonHint')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
