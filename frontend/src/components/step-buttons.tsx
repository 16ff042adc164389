// A button per step a user may take now on a record of a course (a 考评 run, a
// warning): a step that needs words (a reason, a note) or more (points) asks for
// them in a dialog first; the step is posted to its endpoint, and success or the
// server's refusal is said in the user's language.

import { useApiUrl, useCustomMutation, useTranslate } from '@refinedev/core';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { refusalOf } from '../i18n/index.ts';

export interface StepChoice {
  key: string;
  label: string;
  /** Asks for words first; `required` when the step cannot be taken without them. */
  asks?: { required: boolean } | false;
  primary?: boolean;
}

export function StepButtons({
  steps,
  url,
  values = {},
  text,
  extra,
  heading,
  onDone,
}: {
  steps: StepChoice[];
  /** Where a step is posted. */
  url: (step: string) => string;
  /** Sent with every step (the score a step is on …). */
  values?: Record<string, unknown>;
  /** The words a dialog asks for: their field, label and length. */
  text: { name: string; label: string; max: number };
  /** More fields of a step's dialog (points …). */
  extra?: (step: string) => ReactNode;
  /** Shown above the dialog's fields (what the step is about). */
  heading?: ReactNode;
  onDone: () => void;
}) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const { mutateAsync, mutation } = useCustomMutation();
  const [asking, setAsking] = useState<StepChoice | null>(null);
  const [form] = Form.useForm();
  const post = async (step: StepChoice, given: Record<string, unknown> = {}) => {
    try {
      await mutateAsync({
        url: `${apiUrl}${url(step.key)}`,
        method: 'post',
        values: { ...given, ...values },
        successNotification: false,
        errorNotification: false,
      });
      message.success(t('office.done', { action: step.label }));
      setAsking(null);
      onDone();
    } catch (error) {
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 6);
    }
  };
  if (!steps.length) return null;
  return (
    <Space wrap size={4}>
      {steps.map((step) => (
        <Button
          key={step.key}
          size="small"
          type={step.primary ? 'primary' : 'default'}
          data-step={step.key}
          onClick={() => (step.asks ? (form.resetFields(), setAsking(step)) : void post(step))}
        >
          {step.label}
        </Button>
      ))}
      <Modal
        open={asking !== null}
        title={asking?.label ?? ''}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        okText={t('office.ok')}
        cancelText={t('buttons.cancel')}
        confirmLoading={mutation.isPending}
        destroyOnHidden
      >
        {heading}
        <Form form={form} layout="vertical" onFinish={(given) => asking && void post(asking, given)} data-testid="step-form">
          {asking && extra?.(asking.key)}
          <Form.Item
            name={text.name}
            label={text.label}
            rules={
              asking?.asks && asking.asks.required
                ? [{ required: true, whitespace: true, message: t('form.required', { label: text.label }) }]
                : []
            }
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={text.max} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
