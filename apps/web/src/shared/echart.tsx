import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * An ECharts chart sized to its box. ECharts is loaded on first use (its own chunk), with only the chart
 * kinds the pages draw, so pages without charts do not carry it.
 */
export function EChart({ option, height = 260, testId, ariaLabel }: { option: EChartsCoreOption; height?: number; testId?: string; ariaLabel: string }) {
  const box = useRef<HTMLDivElement>(null);
  // Pages build the option inline; redraw when its content changes, not on every render.
  const key = JSON.stringify(option);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: EChartsCoreOption): void; resize(): void; dispose(): void } | null = null;
    const onResize = () => chart?.resize();
    void Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]).then(([core, charts, components, renderers]) => {
      if (disposed || !box.current) return;
      core.use([charts.BarChart, charts.LineChart, charts.PieChart, components.GridComponent, components.TooltipComponent, components.LegendComponent, renderers.CanvasRenderer]);
      chart = core.init(box.current);
      chart.setOption(JSON.parse(key) as EChartsCoreOption);
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [key]);
  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />;
}
