// Draw every chart on the page from its JSON (no inline scripts: the pages run under a strict
// CSP); a click on a bar or a slice opens the list it counts.
document.querySelectorAll("[data-chart]").forEach((box) => {
  const spec = JSON.parse(document.getElementById(box.dataset.chart).textContent);
  Plotly.newPlot(box, spec.data, spec.layout, { displaylogo: false, responsive: true }).then(() => {
    box.dataset.rendered = "true";
    box.on("plotly_click", (event) => {
      const url = event.points && event.points[0] && event.points[0].customdata;
      if (url) window.location.assign(url);
    });
  });
});
// The wall refreshes itself every minute: the figures are never more than a minute old.
const wall = document.querySelector("[data-refresh]");
if (wall) setTimeout(() => window.location.reload(), Number(wall.dataset.refresh) * 1000);
