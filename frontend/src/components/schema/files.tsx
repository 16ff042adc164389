// Files and images: uploaded to Directus at once (POST /files), kept in the form
// as [{ id, title, type }]; images shown from /assets with a thumbnail transform.

import { uploadFiles } from '@directus/sdk';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Button, Upload } from 'antd';
import { apiUrl, directus } from '../../directus.ts';

export interface StoredFile {
  id: string;
  title?: string | null;
  type?: string | null;
}

export async function upload(file: Blob, name: string): Promise<StoredFile> {
  const form = new FormData();
  form.append('file', file, name);
  const stored = (await directus.request(uploadFiles(form, { fields: ['id', 'title', 'type'] }))) as StoredFile;
  return stored;
}

export function assetUrl(id: string, thumbnail = false): string {
  return `${apiUrl}/assets/${id}${thumbnail ? '?width=160&height=160&fit=cover' : ''}`;
}

export function FileUpload({
  value,
  onChange,
  multiple,
  disabled,
}: {
  value?: StoredFile[] | StoredFile | string | null;
  onChange?: (v: StoredFile[]) => void;
  multiple?: boolean;
  disabled?: boolean;
}) {
  const t = useTranslate();
  const list: StoredFile[] = Array.isArray(value) ? value : value ? [typeof value === 'string' ? { id: value } : value] : [];
  return (
    <Upload
      listType="picture"
      multiple={multiple}
      disabled={disabled}
      fileList={list.map((f) => ({
        uid: f.id,
        name: f.title ?? f.id,
        status: 'done',
        url: assetUrl(f.id),
        thumbUrl: f.type?.startsWith('image/') ? assetUrl(f.id, true) : undefined,
      }))}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const stored = await upload(file as File, (file as File).name);
          onChange?.(multiple ? [...list, stored] : [stored]);
          onSuccess?.(stored);
        } catch (error) {
          onError?.(error as Error);
        }
      }}
      onRemove={(f) => onChange?.(list.filter((x) => x.id !== f.uid))}
    >
      <Button icon={<UploadOutlined />}>{t('form.upload')}</Button>
    </Upload>
  );
}
