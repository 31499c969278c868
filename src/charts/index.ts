/** D3 charts: each `renderX(svgElement, spec, size)` draws one chart from plain data (no app state, no SQL). */
export { renderBars, type BarSpec, type BarSeries } from './bars';
export { renderLines, type LineSpec, type LineSeries, type LinePoint } from './lines';
export { renderHistogram, type HistogramSpec, type Bin } from './histogram';
export { renderMatrix, type MatrixSpec } from './matrix';
export { seriesColour, sequential } from './palette';
export { renderHBars, hbarsHeight, type HBarSpec, type HBarRow } from './hbars';
export { renderStacked, type StackedSpec } from './stacked';
