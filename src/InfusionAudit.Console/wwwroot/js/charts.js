// Loads the vendored uPlot (node_modules/uplot, pinned in package-lock.json) on first use, so the on-call view
// does not pay for it.
let loading = null;

export function loadChartLibrary() {
  if (window.uPlot) return Promise.resolve(window.uPlot);
  loading ??= new Promise((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "vendor/uplot/uPlot.min.css";
    document.head.append(css);
    const script = document.createElement("script");
    script.src = "vendor/uplot/uPlot.iife.min.js";
    script.onload = () => resolve(window.uPlot);
    script.onerror = () => reject(new Error("The chart library did not load."));
    document.head.append(script);
  });
  return loading;
}
