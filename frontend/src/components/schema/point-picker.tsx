// Map point (Directus interface `map`, a geometry Point) without tiles or internet:
// the units that have a centre and the places of recent matters, as far as this
// user may read them, drawn on an SVG framed around them. A click sets the point;
// numbers can be typed; the phone's or computer's location can be taken. The
// drawing shows only our own data: no roads, rivers or boundaries.

import { AimOutlined } from '@ant-design/icons';
import { useList, useTranslate } from '@refinedev/core';
import { App, Button, InputNumber, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { aspectOf, frameOf, geoPoint, pointOf, project, unproject, type LonLat } from '../../schema/point-frame.ts';

interface Reference extends LonLat {
  label: string;
  kind: 'unit' | 'matter';
}

const WIDTH = 600;

/** Units with a centre and recent matters with a place: the reference the map is drawn from. */
function useReferencePoints(): Reference[] {
  const units = useList({
    resource: 'units',
    filters: [{ field: 'centre_lat', operator: 'nnull', value: true }],
    pagination: { pageSize: 500 },
    meta: { fields: ['id', 'name', 'centre_lat', 'centre_lng'] },
    errorNotification: false,
  });
  const matters = useList({
    resource: 'matters',
    filters: [{ field: 'latitude', operator: 'nnull', value: true }],
    sorters: [{ field: 'date_created', order: 'desc' }],
    pagination: { pageSize: 200 },
    meta: { fields: ['id', 'title', 'latitude', 'longitude'] },
    errorNotification: false,
  });
  const unitRows = units.result?.data;
  const matterRows = matters.result?.data;
  return useMemo(
    () =>
      [
        ...(unitRows ?? []).map(
          (u: any): Reference => ({ lon: Number(u.centre_lng), lat: Number(u.centre_lat), label: u.name, kind: 'unit' }),
        ),
        ...(matterRows ?? []).map(
          (m: any): Reference => ({ lon: Number(m.longitude), lat: Number(m.latitude), label: m.title, kind: 'matter' }),
        ),
      ].filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat)),
    [unitRows, matterRows],
  );
}

/** The SVG: reference points in grey (units as squares with names), the point in red. */
export function PointMap({ point, onPick }: { point: LonLat | null; onPick?: (p: LonLat) => void }) {
  const t = useTranslate();
  const references = useReferencePoints();
  const frame = frameOf(point ? [...references, point] : references);
  if (!frame) return <Typography.Text type="secondary">{t('map.noReference')}</Typography.Text>;
  const height = Math.round(WIDTH / Math.min(Math.max(aspectOf(frame), 0.5), 3));
  const at = (p: LonLat) => project(frame, WIDTH, height, p);
  const here = point && at(point);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      style={{
        width: '100%',
        maxWidth: WIDTH,
        border: '1px solid #d9d9d9',
        borderRadius: 6,
        background: '#fafafa',
        cursor: onPick ? 'crosshair' : 'default',
        display: 'block',
      }}
      role="img"
      aria-label={t('map.label')}
      data-testid="point-map"
      data-frame={JSON.stringify(frame)}
      onClick={(e) => {
        if (!onPick) return;
        const box = e.currentTarget.getBoundingClientRect();
        onPick(
          unproject(frame, WIDTH, height, ((e.clientX - box.left) / box.width) * WIDTH, ((e.clientY - box.top) / box.height) * height),
        );
      }}
    >
      {references.map((r, i) => {
        const { x, y } = at(r);
        return r.kind === 'unit' ? (
          <g key={`u${i}`}>
            <rect x={x - 4} y={y - 4} width={8} height={8} fill="#8c8c8c">
              <title>{r.label}</title>
            </rect>
            <text x={x + 6} y={y + 4} fontSize={11} fill="#595959">
              {r.label}
            </text>
          </g>
        ) : (
          <circle key={`m${i}`} cx={x} cy={y} r={3} fill="#bfbfbf">
            <title>{r.label}</title>
          </circle>
        );
      })}
      {here && <circle cx={here.x} cy={here.y} r={7} fill="#ff4d4f" stroke="#fff" strokeWidth={2} data-testid="point-marker" />}
    </svg>
  );
}

type GeoValue = { type: 'Point'; coordinates: [number, number] } | null;

export function PointPicker({ value, onChange, disabled }: { value?: GeoValue; onChange?: (v: GeoValue) => void; disabled?: boolean }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const point = pointOf(value);
  // A half-typed point (latitude without longitude) stays here until both are known.
  const [draft, setDraft] = useState<{ lat: number | null; lon: number | null }>({ lat: point?.lat ?? null, lon: point?.lon ?? null });
  useEffect(() => {
    if (point) setDraft({ lat: point.lat, lon: point.lon });
  }, [point?.lat, point?.lon]);
  const set = (p: LonLat | null) => {
    setDraft({ lat: p?.lat ?? null, lon: p?.lon ?? null });
    onChange?.(p ? geoPoint(p) : null);
  };
  const type = (next: { lat: number | null; lon: number | null }) => {
    setDraft(next);
    onChange?.(next.lat !== null && next.lon !== null ? geoPoint({ lat: next.lat, lon: next.lon }) : null);
  };
  const locate = () => {
    if (!navigator.geolocation) return void message.warning(t('map.noLocation'));
    navigator.geolocation.getCurrentPosition(
      (pos) => set({ lon: Math.round(pos.coords.longitude * 1e7) / 1e7, lat: Math.round(pos.coords.latitude * 1e7) / 1e7 }),
      () => message.warning(t('map.noLocation')),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <InputNumber
          aria-label={t('form.latitude')}
          placeholder={t('form.latitude')}
          min={-90}
          max={90}
          step={0.0001}
          value={draft.lat}
          disabled={disabled}
          onChange={(v) => type({ ...draft, lat: v === null ? null : Number(v) })}
        />
        <InputNumber
          aria-label={t('form.longitude')}
          placeholder={t('form.longitude')}
          min={-180}
          max={180}
          step={0.0001}
          value={draft.lon}
          disabled={disabled}
          onChange={(v) => type({ ...draft, lon: v === null ? null : Number(v) })}
        />
        <Button icon={<AimOutlined />} onClick={locate} disabled={disabled}>
          {t('map.useMyLocation')}
        </Button>
        {point && !disabled && (
          <Button type="link" onClick={() => set(null)}>
            {t('map.clear')}
          </Button>
        )}
      </Space>
      <PointMap point={point} onPick={disabled ? undefined : set} />
    </Space>
  );
}
