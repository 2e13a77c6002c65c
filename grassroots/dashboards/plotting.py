"""A dashboard chart as a plotly figure spec (data and layout), drawn in the browser by
`static/dashboards/charts.js`; each bar or slice carries the link to its list."""

from grassroots.dashboards.figures import Chart

LAYOUT = {
    "margin": {"l": 40, "r": 10, "t": 10, "b": 60},
    "height": 300,
    "font": {"family": "Noto Sans CJK SC, sans-serif"},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "xaxis": {"type": "category", "automargin": True},
}


def _trace(chart: Chart) -> dict:
    if chart.kind == "pie":
        return {
            "type": "pie",
            "labels": chart.labels,
            "values": chart.values,
            "customdata": chart.urls,
            "hole": 0.45,
            "textinfo": "label+value",
        }
    return {
        "type": "bar",
        "x": chart.labels,
        "y": chart.values,
        "customdata": chart.urls,
        "marker": {"color": "#c8102e"},
        "text": chart.values,
        "textposition": "outside",
    }


def plotly_spec(chart: Chart) -> dict:
    """The figure for one chart; pies show their legend, bars their values."""
    return {"data": [_trace(chart)], "layout": {**LAYOUT, "showlegend": chart.kind == "pie"}}
