// A chart drawn by Apache ECharts, with only the parts the screens use (line, bar,
// pie, map and scatter charts, a grid, a geo component for boundaries drawn from
// GeoJSON (over a base map's tiles when one is set), tooltips, a legend and a visual map, the canvas
// renderer): loaded with
// the screens that draw charts, never with the phone's or the workbench's first load.
// Works offline: ECharts draws on a canvas from the data given, fetching nothing — but
// for a base map's tiles, laid under the boundaries when the map is given one (graphic
// images, from our own server, redrawn as the map is moved or zoomed).

import { BarChart, EffectScatterChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { project, type Tile, tilesFor, unproject } from './tiles.ts';

echarts.use([
  LineChart,
  BarChart,
  PieChart,
  MapChart,
  ScatterChart,
  EffectScatterChart,
  GridComponent,
  GeoComponent,
  GraphicComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** Makes GeoJSON features (the units' boundaries) a map the options can name. */
export function registerMap(name: string, features: { type: 'FeatureCollection'; features: unknown[] }): void {
  echarts.registerMap(name, features as never);
}

export type ChartOption = echarts.EChartsCoreOption;

/** What was clicked: the series' name, the category or slice's name, its index. */
export interface ChartClick {
  seriesName?: string;
  name: string;
  dataIndex: number;
}

/** A base map under a geo component drawn in Web Mercator (tiles.ts): where each tile is fetched from. */
export interface BaseTiles {
  address: (tile: Tile) => string;
  tileSize: number;
}

/**
 * Where a pixel of the geo component lies (degrees). The geo's view is a scale and a shift
 * of the projected plane, read from where two places are drawn: ECharts's own
 * convertFromPixel unprojects before undoing the view, which is wrong under a projection.
 */
function pixelToPlace(instance: echarts.ECharts): ((pixel: [number, number]) => [number, number]) | null {
  const toPixel = (place: number[]) => instance.convertToPixel({ geoIndex: 0 }, place) as number[] | undefined;
  const [a, b] = [
    [0, 0],
    [90, 45],
  ];
  const [pa, pb] = [toPixel(a), toPixel(b)];
  if (!pa || !pb) return null;
  const [qa, qb] = [project(a), project(b)];
  const scale = [(pb[0]! - pa[0]!) / (qb[0] - qa[0]), (pb[1]! - pa[1]!) / (qb[1] - qa[1])];
  if (!scale.every((k) => Number.isFinite(k) && k !== 0)) return null;
  return ([x, y]) => unproject([qa[0] + (x - pa[0]!) / scale[0]!, qa[1] + (y - pa[1]!) / scale[1]!]);
}

/** Lays the tiles covering the geo component's view under it, as images placed at their corners' pixels. */
function layTiles(instance: echarts.ECharts, tiles: BaseTiles) {
  const width = instance.getWidth();
  const height = instance.getHeight();
  const place = pixelToPlace(instance);
  if (!place) return;
  const [nw, se] = [place([0, 0]), place([width, height])];
  const view = { west: nw[0], north: nw[1], east: se[0], south: se[1], width };
  const images = tilesFor(view, tiles.tileSize).map((tile) => {
    const [x0, y0] = instance.convertToPixel({ geoIndex: 0 }, [tile.west, tile.north]) as number[];
    const [x1, y1] = instance.convertToPixel({ geoIndex: 0 }, [tile.east, tile.south]) as number[];
    return {
      type: 'image',
      silent: true,
      z: -10,
      style: { image: tiles.address(tile), x: x0, y: y0, width: x1! - x0!, height: y1! - y0! },
    };
  });
  instance.setOption(
    { graphic: [{ id: 'base-map', type: 'group', silent: true, z: -10, children: images }] },
    {
      replaceMerge: ['graphic'],
    },
  );
}

export function Chart({
  option,
  height = 280,
  onClick,
  testId,
  tiles,
}: {
  option: ChartOption;
  height?: number;
  onClick?: (click: ChartClick) => void;
  testId?: string;
  /** A base map under the geo component (its option then projects in Web Mercator: tiles.ts). */
  tiles?: BaseTiles | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;
  const baseTiles = useRef(tiles);
  baseTiles.current = tiles;
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => clicked.current?.(p as unknown as ChartClick));
    const relay = () => {
      if (baseTiles.current) layTiles(instance, baseTiles.current);
    };
    instance.on('georoam', relay);
    const resize = () => {
      instance.resize();
      relay();
    };
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(option, true);
    if (tiles) layTiles(instance, tiles);
  }, [option, tiles]);
  return <div ref={box} style={{ width: '100%', height, cursor: onClick ? 'pointer' : 'default' }} data-testid={testId} />;
}
