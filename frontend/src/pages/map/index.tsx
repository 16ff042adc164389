// 网格地图: the user's jurisdiction drawn from the units' boundaries (GeoJSON), each grid
// shaded by this month's matters or disputes (GET /statistics/density), the matters with a
// location as points and the open warnings at their unit's centre. Clicking a grid opens
// its records. No base map by default (nothing is fetched from outside); when an
// administrator sets a tile service of the government network in Settings → Maps, its
// tiles are laid underneath, through our own server (GET /statistics/basemap), and the map
// is drawn in the tiles' Web Mercator.

import { useApiUrl, useCustom, useCustomMutation, useGetIdentity, useList, useTranslate } from '@refinedev/core';
import { App, Card, Drawer, Empty, List as AntList, Segmented, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type BaseTiles, Chart, type ChartOption, registerMap } from '../../components/chart.tsx';
import { thisMonth } from '../../components/months.ts';
import { GeoJsonFileButton } from '../../components/schema/geojson-input.tsx';
import { project, unproject } from '../../components/tiles.ts';
import { refusalOf } from '../../i18n/index.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import { useMayUpdate } from '../../schema/use-schema.ts';
import { recordPath } from '../assessment/index.tsx';
import { boundariesFrom } from './boundaries.ts';

interface Place {
  unit: number;
  name: string;
  value: number | null;
  centre: [number, number] | null;
  boundary: { type: string; coordinates: unknown } | null;
}
type Shaded = 'matters' | 'disputes';
/** The base map set in Settings → Maps (GET /statistics/basemap), or null. */
interface Basemap {
  name: string;
  tileSize: number;
  attribution: string | null;
}

/** Where a unit is drawn: its centre, or the middle of its boundary's outer ring. */
function placeOf(
  unit: { centre_lat: number | null; centre_lng: number | null; boundary: Place['boundary'] } | null,
): [number, number] | null {
  if (!unit) return null;
  if (unit.centre_lng !== null && unit.centre_lat !== null) return [Number(unit.centre_lng), Number(unit.centre_lat)];
  const ring = (unit.boundary?.type === 'Polygon' ? (unit.boundary.coordinates as number[][][])[0] : null) ?? [];
  if (!ring.length) return null;
  return [ring.reduce((a, p) => a + p[0]!, 0) / ring.length, ring.reduce((a, p) => a + p[1]!, 0) / ring.length];
}

/** Files larger than this are not a district's grid boundaries. */
const MAX_BOUNDARY_FILE_BYTES = 50 * 1024 * 1024;

/**
 * 导入边界: the grids' boundaries from one GeoJSON file, matched to the units the user sees
 * (boundaries.ts), saved in one request with the user's own rights (district and street
 * system administrators change the units below them), after the user has seen what matched.
 */
function BoundaryImport({ onDone }: { onDone: () => void }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message, modal } = App.useApp();
  const { mutateAsync } = useCustomMutation();
  const { result: units, query: unitsQuery } = useList<{ id: number; name: string; code: string | null }>({
    resource: 'units',
    pagination: { mode: 'off' },
    meta: { fields: ['id', 'name', 'code'] },
  });
  const read = (parsed: unknown) => {
    const found = boundariesFrom(parsed, units.data ?? []);
    const left = [...found.unmatched, ...found.invalid];
    modal.confirm({
      title: t('gridMap.import.confirm', { count: found.updates.length }),
      width: 560,
      okButtonProps: { disabled: found.updates.length === 0, ...{ 'data-testid': 'boundary-import-ok' } },
      content: (
        <div data-testid="boundary-import-summary">
          <Typography.Paragraph>{found.updates.map((u) => u.name).join('、') || t('gridMap.import.none')}</Typography.Paragraph>
          {left.length > 0 && (
            <Typography.Paragraph type="warning">
              {t('gridMap.import.left', { count: left.length })}
              <br />
              {left.slice(0, 20).join('；')}
              {left.length > 20 ? '……' : ''}
            </Typography.Paragraph>
          )}
        </div>
      ),
      onOk: async () => {
        try {
          await mutateAsync({
            url: `${apiUrl}/items/units`,
            method: 'patch',
            values: found.updates.map((u) => ({ id: u.id, boundary: u.boundary })) as never,
            successNotification: false,
            errorNotification: false,
          });
          message.success(t('gridMap.import.saved', { count: found.updates.length }));
          onDone();
        } catch (error) {
          message.error(refusalOf(error as { statusCode?: number; message?: string }), 8);
        }
      },
    });
  };
  return (
    <GeoJsonFileButton
      label={t('gridMap.import.button')}
      testId="boundary-import"
      maxBytes={MAX_BOUNDARY_FILE_BYTES}
      tooLarge={t('gridMap.import.tooLarge')}
      // Matched against the units the user sees: offered once they are read.
      disabled={!unitsQuery.isSuccess}
      onRead={read}
    />
  );
}

export function GridMap() {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { data: me } = useGetIdentity<Identity>();
  const [figure, setFigure] = useState<Shaded>('matters');
  const [chosen, setChosen] = useState<Place | null>(null);
  const span = thisMonth();
  const { query } = useCustom({ url: `${apiUrl}/statistics/density?figure=${figure}&span=${span}&level=grid`, method: 'get' });
  const places = (query.data?.data as { units: Place[] } | undefined)?.units;
  const mayDraw = useMayUpdate('units', 'boundary');
  const { result: points } = useList<{ id: number; title: string; latitude: number | null; longitude: number | null }>({
    resource: 'matters',
    pagination: { pageSize: 2000 },
    filters: [
      { field: 'latitude', operator: 'nnull', value: true },
      { field: 'date_created', operator: 'gte', value: `${span}-01` },
    ],
    meta: { fields: ['id', 'title', 'latitude', 'longitude'] },
  });
  const { result: warnings } = useList<{
    id: number;
    title: string;
    unit: { id: number; centre_lat: number | null; centre_lng: number | null; boundary: Place['boundary'] } | null;
  }>({
    resource: 'warnings',
    pagination: { pageSize: 500 },
    filters: [{ field: 'status', operator: 'in', value: ['raised', 'acknowledged', 'handled'] }],
    meta: { fields: ['id', 'title', 'unit.id', 'unit.centre_lat', 'unit.centre_lng', 'unit.boundary'] },
  });
  const { query: basemapQuery } = useCustom({ url: `${apiUrl}/statistics/basemap`, method: 'get' });
  const basemap = (basemapQuery.data?.data as Basemap | null | undefined) ?? null;
  const tiles = useMemo(
    (): BaseTiles | null =>
      basemap && {
        tileSize: basemap.tileSize,
        address: ({ z, x, y }) => `${apiUrl}/statistics/basemap/${z}/${x}/${y}`,
      },
    [basemap, apiUrl],
  );
  const shadedName = t(`gridMap.figures.${figure}`);
  const drawn = useMemo(() => (places ?? []).filter((p) => p.boundary), [places]);
  const mapName = `jurisdiction-${me?.unit?.id ?? 0}`;
  const option = useMemo((): ChartOption | null => {
    if (!drawn.length) return null;
    registerMap(mapName, {
      type: 'FeatureCollection',
      features: drawn.map((p) => ({ type: 'Feature', properties: { name: p.name }, geometry: p.boundary })),
    });
    return {
      tooltip: { trigger: 'item' },
      geo: {
        map: mapName,
        roam: true,
        // Over a base map: its projection, and the grids see-through.
        ...(tiles ? { projection: { project, unproject } } : {}),
        itemStyle: { borderColor: '#595959', areaColor: tiles ? 'rgba(255,255,255,0.15)' : '#f5f5f5' },
      },
      visualMap: {
        min: 0,
        max: Math.max(1, ...drawn.map((p) => p.value ?? 0)),
        calculable: true,
        left: 8,
        bottom: 8,
        text: [t('gridMap.more'), t('gridMap.less')],
        inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'], ...(tiles ? { colorAlpha: [0.25, 0.6] } : {}) },
        seriesIndex: 0,
      },
      series: [
        { type: 'map', geoIndex: 0, name: shadedName, data: drawn.map((p) => ({ name: p.name, value: p.value ?? 0 })) },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          name: t('gridMap.points'),
          symbolSize: 6,
          itemStyle: { color: '#fa8c16' },
          data: (points.data ?? []).map((m) => ({ name: m.title, value: [Number(m.longitude), Number(m.latitude)] })),
        },
        {
          type: 'effectScatter',
          coordinateSystem: 'geo',
          name: t('gridMap.warnings'),
          symbolSize: 10,
          itemStyle: { color: '#cf1322' },
          data: (warnings.data ?? []).flatMap((w) => {
            const at = placeOf(w.unit);
            return at ? [{ name: w.title, value: at }] : [];
          }),
        },
      ],
    };
  }, [drawn, points.data, warnings.data, shadedName, mapName, tiles, t]);
  const records = useCustom({
    url: `${apiUrl}/statistics/records?figure=${figure}&span=${span}&unit=${chosen?.unit ?? ''}`,
    method: 'get',
    queryOptions: { enabled: chosen !== null },
  });
  const listed = records.query.data?.data as { collection: string; ids: number[] } | undefined;
  return (
    <Card
      title={t('gridMap.title', { unit: me?.unit?.name ?? '', month: span })}
      extra={
        <Space wrap>
          {mayDraw && <BoundaryImport onDone={() => void query.refetch()} />}
          <Segmented
            value={figure}
            onChange={(v) => setFigure(v as Shaded)}
            options={[
              { value: 'matters', label: t('gridMap.figures.matters') },
              { value: 'disputes', label: t('gridMap.figures.disputes') },
            ]}
          />
        </Space>
      }
    >
      {option ? (
        <Chart
          option={option}
          height={560}
          testId="grid-map"
          tiles={tiles}
          onClick={(c) => {
            const place = drawn.find((p) => p.name === c.name);
            if (place && c.seriesName === shadedName) setChosen(place);
          }}
        />
      ) : (
        <Empty description={places === undefined ? t('loading') : t('gridMap.noBoundaries')} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {basemap
          ? t('gridMap.noteBasemap', { name: basemap.name, attribution: basemap.attribution ? `（${basemap.attribution}）` : '' })
          : t('gridMap.note')}
      </Typography.Paragraph>
      <Drawer open={chosen !== null} onClose={() => setChosen(null)} title={chosen?.name} width={420} destroyOnHidden>
        <AntList
          loading={records.query.isLoading}
          dataSource={listed?.ids ?? []}
          locale={{ emptyText: t('dashboard.noRecords') }}
          renderItem={(id) => (
            <AntList.Item>
              <Link to={recordPath(listed!.collection, id)} data-testid="map-record">
                {t('dashboard.record', { id })}
              </Link>
            </AntList.Item>
          )}
        />
      </Drawer>
    </Card>
  );
}
