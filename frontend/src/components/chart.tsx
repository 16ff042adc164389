// A chart drawn by Apache ECharts, with only the parts the screens use (line, bar
// and pie charts, a grid, tooltips and a legend, the canvas renderer): loaded with
// the screens that draw charts, never with the phone's or the workbench's first load.
// Works offline: ECharts draws on a canvas from the data given, fetching nothing.

import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

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
