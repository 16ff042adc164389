// 上报 on the phone: time (now), place (the phone's location or typed), people,
// what happened, measures, photos (compressed) and video; the grid preselected.
// Without a network the report waits in the outbox (待发送) and goes out once
// the network is back.

import { CameraOutlined, EnvironmentOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { customEndpoint, uploadFiles } from '@directus/sdk';
import { useGetIdentity, useInvalidate } from '@refinedev/core';
import { App, Button, Card, Form, Input, Radio, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { directus } from '../directus.ts';
import type { Identity } from '../providers/auth-provider.ts';
import { toHttpError } from '../providers/data-provider.ts';
import { useMatterWords } from '../matters/use-matter-schema.ts';
import { useCachedGet } from '../schema/use-schema.ts';
import { compressImage } from './compress.ts';
import { Row, Rows } from './rows.tsx';
import { enqueue, flush, isOffline, onOutboxChange, outbox, type QueuedFile, type QueuedReport } from './outbox.ts';

/** Uploads the files not yet uploaded (remembering each), then raises the matter. */
export async function sendReport(item: QueuedReport & { uploaded?: string[] }): Promise<void> {
  const uploaded = [...(item.uploaded ?? [])];
  try {
    for (const file of item.files.slice(uploaded.length)) {
      const form = new FormData();
      form.append('file', file.blob, file.name);
      const stored = (await directus.request(uploadFiles(form, { fields: ['id'] }))) as { id: string };
      uploaded.push(stored.id);
      await outbox.put({ ...item, uploaded } as QueuedReport).catch(() => undefined);
    }
    await directus.request(customEndpoint({ path: '/matters/report', method: 'POST', body: JSON.stringify({ ...item.report, attachments: uploaded, client_ref: item.id }) }));
  } catch (error) {
    throw toHttpError(error);
  }
}

export function useOutbox(): QueuedReport[] {
  const [items, setItems] = useState<QueuedReport[]>([]);
  useEffect(() => {
    const load = () => void outbox.list().then(setItems).catch(() => setItems([]));
    load();
    return onOutboxChange(load);
  }, []);
  return items;
}

/** Sends the outbox now and whenever the browser comes back online. */
export function useOutboxSender(onSent: (count: number) => void) {
  useEffect(() => {
    const run = () => void flush(sendReport).then((n) => n > 0 && onSent(n)).catch(() => undefined);
    run();
    window.addEventListener('online', run);
    return () => window.removeEventListener('online', run);
  }, []);
}

/** Matter categories for the report form (kept on the phone for offline use). */
export const CATEGORIES = '/items/matter_categories?fields=id,name&sort=sort,id&limit=-1';

/** The value format of <input type="datetime-local">. */
const LOCAL_MINUTE = 'YYYY-MM-DDTHH:mm';

const newId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export function ReportPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const words = useMatterWords();
  const label = (field: string) => words.models.find((m) => m.field === field)?.label ?? field;
  const { data: me } = useGetIdentity<Identity>();
  const queued = useOutbox();
  const invalidate = useInvalidate();
  const [files, setFiles] = useState<QueuedFile[]>([]);
  const [busy, setBusy] = useState(false);
  // Kept on the phone, so that a report can be written offline.
  const categories = useCachedGet<{ id: number; name: string }[]>(CATEGORIES).data ?? [];
  useOutboxSender((n) => {
    message.success(`${n} 条待发送的上报已发送`);
    void invalidate({ resource: 'matters', invalidates: ['list'] });
  });

  const locate = () => {
    if (!navigator.geolocation) return void message.warning('本机不支持定位，请手工填写地点');
    navigator.geolocation.getCurrentPosition(
      (p) => form.setFieldsValue({ latitude: Number(p.coords.latitude.toFixed(6)), longitude: Number(p.coords.longitude.toFixed(6)) }),
      () => message.warning('未能取得位置，请手工填写地点'),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const addFiles = async (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const blob = file.type.startsWith('image/') ? await compressImage(file) : file;
      const name = file.type.startsWith('image/') && blob !== file ? file.name.replace(/\.\w+$/, '') + '.jpg' : file.name;
      setFiles((prev) => [...prev, { name, type: blob.type || file.type, blob }]);
    }
  };

  const submit = async (values: any) => {
    const report = {
      type: 'event_report',
      source: 'grid_worker',
      title: values.title,
      category: values.category,
      urgency: values.urgency ?? 'normal',
      occurred_at: dayjs(values.occurred_at).toISOString(),
      address: values.address || null,
      latitude: values.latitude === undefined || values.latitude === '' ? null : Number(values.latitude),
      longitude: values.longitude === undefined || values.longitude === '' ? null : Number(values.longitude),
      grid: me?.unit?.level === 'grid' ? me.unit.id : null,
      people_involved: values.people_involved || null,
      description: values.description,
      measures: values.measures || null,
    };
    const item: QueuedReport = { id: newId(), createdAt: new Date().toISOString(), report, files };
    setBusy(true);
    try {
      if (!navigator.onLine) throw new TypeError('offline');
      await sendReport(item);
      message.success('上报成功');
      void invalidate({ resource: 'matters', invalidates: ['list'] });
    } catch (error) {
      if (!isOffline(error)) {
        message.error(`上报未成功：${(error as Error).message ?? ''}`, 6);
        setBusy(false);
        return;
      }
      await enqueue(item);
      message.info('当前没有网络，已保存为“待发送”，联网后自动发送');
    }
    form.resetFields();
    form.setFieldValue('occurred_at', dayjs().format(LOCAL_MINUTE));
    setFiles([]);
    setBusy(false);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {queued.length > 0 && (
        <Card size="small" title={`待发送（${queued.length}）`} data-testid="outbox">
          <Rows
            items={queued}
            empty=""
            render={(q) => (
              <Row
                key={q.id}
                title={
                  <>
                    <Tag color="orange">待发送</Tag>
                    {String(q.report.title)}
                  </>
                }
                description={`${dayjs(q.createdAt).format('MM-DD HH:mm')} · 照片视频 ${q.files.length} 个${q.error ? ` · ${q.error}` : ''}`}
              />
            )}
          />
        </Card>
      )}
      <Card size="small" title="事件上报">
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ occurred_at: dayjs().format(LOCAL_MINUTE), urgency: 'normal' }} requiredMark>
          <Form.Item name="title" label={label('title')} rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={200} placeholder="一句话说明发生了什么" />
          </Form.Item>
          <Form.Item name="category" label={label('category')} rules={[{ required: true, message: '请选择事项分类' }]}>
            <Radio.Group optionType="button" options={categories.map((c) => ({ value: c.id, label: c.name }))} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} />
          </Form.Item>
          <Form.Item name="urgency" label={label('urgency')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(words.urgency).map(([value, text]) => ({ value, label: text }))} />
          </Form.Item>
          <Form.Item name="occurred_at" label={label('occurred_at')} rules={[{ required: true, message: '请选择发生时间' }]}>
            {/* The phone's own date and time picker. */}
            <Input type="datetime-local" max={dayjs().endOf('day').format(LOCAL_MINUTE)} />
          </Form.Item>
          <Form.Item label={label('address')}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="address" noStyle>
                <Input placeholder="如 珠江路88号门口" />
              </Form.Item>
              <Button icon={<EnvironmentOutlined />} onClick={locate} data-testid="locate">
                定位
              </Button>
            </Space.Compact>
          </Form.Item>
          <Space.Compact style={{ width: '100%', marginBottom: 24 }}>
            <Form.Item name="latitude" noStyle>
              <Input type="number" inputMode="decimal" step="any" min={-90} max={90} placeholder={label('latitude')} style={{ width: '50%' }} />
            </Form.Item>
            <Form.Item name="longitude" noStyle>
              <Input type="number" inputMode="decimal" step="any" min={-180} max={180} placeholder={label('longitude')} style={{ width: '50%' }} />
            </Form.Item>
          </Space.Compact>
          <Form.Item label={label('grid')}>
            <Input value={me?.unit?.level === 'grid' ? me.unit.name : '（非网格员，由上级单位确定）'} disabled />
          </Form.Item>
          <Form.Item name="people_involved" label={label('people_involved')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="description" label={label('description')} rules={[{ required: true, whitespace: true, message: '请填写事件描述' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
          </Form.Item>
          <Form.Item name="measures" label={label('measures')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
          </Form.Item>
          <Form.Item label={label('attachments')}>
            <Space wrap>
              <Button icon={<CameraOutlined />} size="large" onClick={() => document.getElementById('photo-input')?.click()}>
                拍照/相册
              </Button>
              <Button icon={<VideoCameraOutlined />} size="large" onClick={() => document.getElementById('video-input')?.click()}>
                视频
              </Button>
            </Space>
            <input id="photo-input" data-testid="photo-input" type="file" accept="image/*" multiple style={{ display: 'none' }} onChange={(e) => void addFiles(e.target.files).then(() => (e.target.value = ''))} />
            <input id="video-input" type="file" accept="video/*" capture="environment" style={{ display: 'none' }} onChange={(e) => void addFiles(e.target.files).then(() => (e.target.value = ''))} />
            <Space wrap style={{ marginTop: 8 }} data-testid="picked-files">
              {files.map((f, i) =>
                f.type.startsWith('image/') ? (
                  <img key={i} src={URL.createObjectURL(f.blob)} alt={f.name} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} />
                ) : (
                  <Tag key={i}>{f.name}</Tag>
                ),
              )}
            </Space>
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="submit-report">
            上报
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
