// 选择接收单位: the recipients of a document (发送) or the units a special project
// asks to submit (布置报送), as the office endpoint takes them: whole levels, a
// subtree, or units named one by one, within what the user may read; a document
// may also go up to the superior office (报送上级). The server
// resolves and checks them (extensions/office/src/targets.ts); its refusal is shown.

import { useTranslate } from '@refinedev/core';
import { App, Button, Checkbox, Form, Modal, TreeSelect } from 'antd';
import { useState } from 'react';
import { useUnitTree } from '../units/use-unit-tree.ts';
import { useOfficeAction } from './use-office-action.ts';

/** The groups of units a sender may choose whole (the server's `levels`). */
const LEVELS = ['street', 'community', 'grid', 'department'] as const;

interface Choice {
  superior?: boolean;
  levels?: string[];
  under?: number | null;
  units?: number[];
}

/** A button that opens the recipient form and posts `{ targets }` to `/office/<path>`. */
export function TargetsButton({
  label,
  path,
  onDone,
  testId,
  upward = false,
  submissionId = false,
}: {
  label: string;
  path: string;
  onDone: () => void;
  testId: string;
  /** Offers the superior office as a recipient (documents; not a project's submissions). */
  upward?: boolean;
  /** Sends a submission id made when the form opens (a document's send): sent again after a lost answer, the server does it once. */
  submissionId?: boolean;
}) {
  const t = useTranslate();
  const [open, setOpen] = useState(false);
  const [clientRef, setClientRef] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<Choice>();
  const { tree } = useUnitTree();
  const { post, pending } = useOfficeAction();
  const { message } = App.useApp();
  const submit = async (choice: Choice) => {
    const targets = {
      levels: choice.levels ?? [],
      under: choice.under ?? null,
      units: choice.units ?? [],
      ...(choice.superior ? { superior: true } : {}),
    };
    const answer = await post(path, submissionId ? { targets, client_ref: clientRef } : { targets });
    if (answer === null) return;
    message.success(t('office.done', { action: label }));
    setOpen(false);
    form.resetFields();
    onDone();
  };
  return (
    <>
      <Button
        type="primary"
        data-testid={testId}
        onClick={() => {
          setClientRef(crypto.randomUUID());
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Modal
        title={label}
        open={open}
        onCancel={() => setOpen(false)}
        okText={t('office.ok')}
        cancelText={t('buttons.cancel')}
        confirmLoading={pending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} data-testid="targets-form">
          {upward && (
            <Form.Item name="superior" valuePropName="checked" extra={t('office.targets.superiorHint')}>
              <Checkbox data-testid="targets-superior">{t('office.targets.superior')}</Checkbox>
            </Form.Item>
          )}
          <Form.Item name="levels" label={t('office.targets.levels')}>
            <Checkbox.Group options={LEVELS.map((value) => ({ value, label: t(`office.targets.all.${value}`) }))} />
          </Form.Item>
          <Form.Item name="under" label={t('office.targets.under')} extra={t('office.targets.underHint')}>
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={tree} placeholder={t('office.targets.anywhere')} />
          </Form.Item>
          <Form.Item
            name="units"
            label={t('office.targets.units')}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, units?: number[]) =>
                  getFieldValue('superior') ||
                  (getFieldValue('levels')?.length ?? 0) > 0 ||
                  getFieldValue('under') ||
                  (units?.length ?? 0) > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('office.targets.required'))),
              }),
            ]}
          >
            <TreeSelect
              multiple
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeData={tree}
              placeholder={t('office.targets.search')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
