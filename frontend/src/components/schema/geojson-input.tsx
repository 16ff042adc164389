// A place kept as GeoJSON (a unit's boundary, any JSON field on a map that keeps an
// area or a line): the text itself, and 导入文件 to read it from a GeoJSON file the
// surveying office or a drawing program gave — a geometry, a Feature, or the first
// fitting geometry of a FeatureCollection. The server checks what is saved
// (kernel/geojson.ts); what a file lacks is said here before that.

import { UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { App, Button, Input, Space } from 'antd';
import { useRef } from 'react';
import { firstGeometry, geometryProblem } from '../../../../extensions/kernel/geojson.ts';

/** Files larger than this are not one place's boundary. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * A button that reads a GeoJSON file the user picks: refused with a message when it is larger
 * than `maxBytes` or not JSON, else handed over parsed (the grid map's 导入边界 uses it too).
 */
export function GeoJsonFileButton({
  label,
  testId,
  maxBytes,
  tooLarge,
  disabled,
  onRead,
}: {
  label: string;
  testId: string;
  maxBytes: number;
  tooLarge: string;
  disabled?: boolean;
  onRead: (parsed: unknown, file: File) => void;
}) {
  const t = useTranslate();
  const { message } = App.useApp();
  const picker = useRef<HTMLInputElement>(null);
  const read = async (file: File) => {
    if (file.size > maxBytes) return message.error(tooLarge);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return message.error(t('geojson.notJson', { name: file.name }));
    }
    onRead(parsed, file);
  };
  return (
    <>
      <Button icon={<UploadOutlined />} disabled={disabled} onClick={() => picker.current?.click()} data-testid={testId}>
        {label}
      </Button>
      <input
        ref={picker}
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        hidden
        disabled={disabled}
        data-testid={`${testId}-file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
    </>
  );
}

export function GeoJsonInput({
  value,
  onChange,
  disabled,
  geometry,
  label,
}: {
  value?: string;
  onChange?: (v: string) => void;
  disabled?: boolean;
  geometry: string;
  label: string;
}) {
  const t = useTranslate();
  const { message } = App.useApp();
  const take = (parsed: unknown, file: File) => {
    const found = firstGeometry(parsed, geometry === 'any' ? null : geometry);
    if (!found) return message.error(t('geojson.noGeometry', { name: file.name }));
    const problem = geometryProblem(`“${label}”`, found, geometry === 'any' ? null : geometry);
    if (problem) return message.error(problem);
    onChange?.(JSON.stringify(found, null, 2));
    message.success(t('geojson.read', { name: file.name }));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 12 }}
        disabled={disabled}
      />
      <GeoJsonFileButton
        label={t('geojson.import')}
        testId="geojson-import"
        maxBytes={MAX_FILE_BYTES}
        tooLarge={t('geojson.tooLarge')}
        disabled={disabled}
        onRead={take}
      />
    </Space>
  );
}
