// A field's value for reading (tables, detail views), by its kind.

import { Image, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { say } from '../../i18n/index.ts';
import { template, type FieldModel } from '../../schema/model.ts';
import { pointOf } from '../../schema/point-frame.ts';
import { assetUrl } from './files.tsx';
import { PointMap } from './point-picker.tsx';
import { RichTextView } from './rich-text.tsx';

export function FieldValue({
  model,
  value,
  yes = say('list.yes'),
  no = say('list.no'),
}: {
  model: FieldModel;
  value: unknown;
  yes?: string;
  no?: string;
}) {
  if (value === null || value === undefined || value === '') return <span style={{ color: '#bbb' }}>—</span>;
  const choice = (v: unknown) => model.choices.find((c) => c.value === v)?.text ?? String(v);
  switch (model.kind) {
    case 'select':
    case 'radio':
      return <>{choice(value)}</>;
    case 'checkboxes':
    case 'tags':
      return (
        <Space wrap>
          {(value as unknown[]).map((v) => (
            <Tag key={String(v)}>{choice(v)}</Tag>
          ))}
        </Space>
      );
    case 'toggle':
      return <>{value ? yes : no}</>;
    case 'date':
      return <>{dayjs(value as string).format('YYYY-MM-DD')}</>;
    case 'datetime':
      return <>{dayjs(value as string).format('YYYY-MM-DD HH:mm')}</>;
    case 'm2o':
      return (
        <>
          {typeof value === 'object'
            ? template(model.related?.template ?? null, model.related?.key).render(value as Record<string, unknown>) ||
              String((value as Record<string, unknown>)[model.related?.key ?? 'id'] ?? '')
            : String(value)}
        </>
      );
    case 'map': {
      const point = pointOf(value);
      return point ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{`${point.lat}, ${point.lon}`}</span>
          <PointMap point={point} />
        </Space>
      ) : (
        String(value)
      );
    }
    case 'richtext':
      return <RichTextView html={String(value)} />;
    case 'file':
    case 'files': {
      const files = (Array.isArray(value) ? value : [value])
        .map((v: any) => v?.directus_files_id ?? v)
        .filter((f: any) => f?.id ?? typeof f === 'string');
      return (
        <Image.PreviewGroup>
          <Space wrap>
            {files.map((f: any) => {
              const id = typeof f === 'string' ? f : f.id;
              return f.type?.startsWith?.('video/') ? (
                <video key={id} src={assetUrl(id)} controls width={160} />
              ) : (
                <Image key={id} width={80} src={assetUrl(id, true)} preview={{ src: assetUrl(id) }} />
              );
            })}
          </Space>
        </Image.PreviewGroup>
      );
    }
    case 'json':
      return <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(value, null, 2)}</pre>;
    default:
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
  }
}
