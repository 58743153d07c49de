/**
 * Interaction for time-series charts: wheel and drag zoom/pan on x with y fitted to the visible
 * data, double-click (or `0`) resets, Shift+drag (or the "select" button) brushes a range that is
 * the element's value, a log/linear button, a crosshair readout of every series, and keys
 * (arrows pan, +/- zoom, Escape clears the selection). Each view change re-renders the Plot figure
 * for the rows inside the window (candles merged to the pixels available), at most once a frame.
 *
 * For code that draws over a chart (src/lib/plots/drawings/):
 *   const view = chartView(element)        // undefined for a static chart
 *   view.span                              // visible x window, numbers (epoch ms for dates)
 *   view.plot.scale('x'|'y')               // Plot's scales of the main figure as last drawn
 *   view.overlay, view.offset              // an <svg> over the chart kept across re-renders, and
 *                                          // where the figure's <svg> sits in it (add plot px to it)
 *   element.addEventListener('tape-view', …) // after each re-render (detail: { x, span }): re-project
 *   view.suspendPan(true)                  // while a drawing tool has the drag (wheel still zooms)
 *   view.setSpan([from, to])               // move the window
 */
export { interactive, chartView, ChartView } from './interactive.js';
export { dateAxis, type InteractiveSpec, type InteractiveElement, type ViewState } from './spec.js';
export { type PlotFigure } from './figure.js';
export { interactivePlot } from './plot.js';
export { clampSpan, zoomAt, panBy, fitY, visibleRows, nearestRow, brushValue, type Span } from './domain.js';
export { mergeBars, thinLine, type Bar, type Bars } from './decimate.js';
export { formatValue, formatX } from './format.js';
export { drawOnCanvas } from './canvas-layer.js';
