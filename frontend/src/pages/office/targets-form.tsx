// 选择接收单位: the recipients of a document (发送) or the units a special project
// asks to submit (布置报送), as the office endpoint takes them: whole levels, a
// subtree, or units named one by one, within what the user may read. The server
// resolves and checks them (extensions/office/src/targets.ts); its refusal is shown.

import { App, Button, Checkbox, Form, Modal, TreeSelect } from 'antd';
import { useState } from 'react';
import { useUnitTree } from '../units/use-unit-tree.ts';
import { useOfficeAction } from './use-office-action.ts';

const LEVELS = [
  { value: 'street', label: '全部街道' },
  { value: 'community', label: '全部社区' },
  { value: 'grid', label: '全部网格' },
  { value: 'department', label: '全部职能部门' },
];

interface Choice {
  levels?: string[];
  under?: number | null;
  units?: number[];
}

/** A button that opens the recipient form and posts `{ targets }` to `/office/<path>`. */
export function TargetsButton({ label, path, onDone, testId }: { label: string; path: string; onDone: () => void; testId: string }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Choice>();
  const { tree } = useUnitTree();
  const { post, pending } = useOfficeAction();
  const { message } = App.useApp();
  const submit = async (choice: Choice) => {
    const targets = { levels: choice.levels ?? [], under: choice.under ?? null, units: choice.units ?? [] };
    const answer = await post(path, { targets });
    if (answer === null) return;
    message.success(`${label}成功`);
    setOpen(false);
    form.resetFields();
    onDone();
  };
  return (
    <>
      <Button type="primary" data-testid={testId} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        title={label}
        open={open}
        onCancel={() => setOpen(false)}
        okText="确定"
        cancelText="取消"
        confirmLoading={pending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} data-testid="targets-form">
          <Form.Item name="levels" label="按层级">
            <Checkbox.Group options={LEVELS} />
          </Form.Item>
          <Form.Item
            name="under"
            label="限于某单位的下级（可选）"
            extra="选了层级时，只发给该单位下的这些层级；未选层级时，发给它下面的全部单位"
          >
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={tree} placeholder="不限" />
          </Form.Item>
          <Form.Item
            name="units"
            label="指定单位"
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, units?: number[]) =>
                  (getFieldValue('levels')?.length ?? 0) > 0 || getFieldValue('under') || (units?.length ?? 0) > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error('请选择接收单位')),
              }),
            ]}
          >
            <TreeSelect multiple allowClear showSearch treeNodeFilterProp="title" treeData={tree} placeholder="输入单位名称搜索" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
