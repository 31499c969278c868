/** D3 charts: each `renderX(svgElement, spec, size)` draws one chart from plain data (no app state, no SQL). */
export { renderBars, type BarSpec, type BarSeries } from './bars';
export { renderLines, type LineSpec, type LineSeries, type LinePoint } from './lines';
export { renderHistogram, type HistogramSpec, type Bin } from './histogram';
export { renderMatrix, type MatrixSpec } from './matrix';
export { seriesColour, sequential, signalColour } from './palette';
export { renderHBars, hbarsHeight, type HBarSpec, type HBarRow } from './hbars';
export { renderStacked, type StackedSpec } from './stacked';
export { renderScatter, SCATTER_TOOLTIP_LIMIT, type ScatterSpec, type ScatterPoint } from './scatter';
export { renderArea, type AreaSpec, type AreaSeries, type AreaX } from './area';
export { renderKpi, type KpiSpec } from './kpi';
export { renderGauge, gaugeAngle, NPS_BANDS, type GaugeSpec, type GaugeBand } from './gauge';
