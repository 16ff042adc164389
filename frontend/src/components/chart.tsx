// A chart drawn by Apache ECharts, with only the parts the screens use (line, bar,
// pie, map and scatter charts, a grid, a geo component for boundaries drawn from
// GeoJSON without a base map, tooltips, a legend and a visual map, the canvas
// renderer): loaded with
// the screens that draw charts, never with the phone's or the workbench's first load.
// Works offline: ECharts draws on a canvas from the data given, fetching nothing.

import { BarChart, EffectScatterChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  LineChart,
  BarChart,
  PieChart,
  MapChart,
  ScatterChart,
  EffectScatterChart,
  GridComponent,
  GeoComponent,
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

export function Chart({
  option,
  height = 280,
  onClick,
  testId,
}: {
  option: ChartOption;
  height?: number;
  onClick?: (click: ChartClick) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => clicked.current?.(p as unknown as ChartClick));
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={box} style={{ width: '100%', height, cursor: onClick ? 'pointer' : 'default' }} data-testid={testId} />;
}
