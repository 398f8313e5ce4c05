// Draws the charts the page's JSON describes (dev.poolbench.reports.render.Chart): bars or lines,
// error bars from each datum's low/high, a peak mark per line, vertical markers, log axes.
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('poolbench-charts').textContent);
  // fixed bar geometry, so error bars can be placed over the bar they belong to
  var CATEGORY_GAP = 0.3;

  function hasInterval(d) {
    return d.low !== undefined && d.high !== undefined;
  }

  function xValue(spec, d) {
    return spec.kind === 'bar' ? spec.categories.indexOf(String(d.x)) : d.x;
  }

  function errorBars(spec, series, index, count) {
    return {
      type: 'custom',
      name: series.name,
      z: 10,
      tooltip: { show: false },
      encode: { x: 0, y: [1, 2] },
      data: series.data.filter(hasInterval).map(function (d) {
        return [xValue(spec, d), d.low, d.high];
      }),
      renderItem: function (params, api) {
        // on a log axis an interval reaching zero or below runs off the bottom: draw it to the edge, uncapped
        var open = spec.logY && api.value(1) <= 0;
        var high = api.coord([api.value(0), api.value(2)]);
        var low = open ? [high[0], params.coordSys.y + params.coordSys.height] : api.coord([api.value(0), api.value(1)]);
        var x = high[0];
        var cap = 4;
        if (spec.kind === 'bar') {
          var band = api.size([1, 0])[0] * (1 - CATEGORY_GAP);
          var width = band / count;
          x = x - band / 2 + width * (index + 0.5);
          cap = Math.max(2, Math.min(6, width / 4));
        }
        var style = { stroke: '#24292f', lineWidth: 1.2 };
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: x, y1: high[1], x2: x, y2: low[1] }, style: style },
            { type: 'line', shape: { x1: x - cap, y1: high[1], x2: x + cap, y2: high[1] }, style: style },
            { type: 'line', shape: { x1: x - cap, y1: low[1], x2: x + cap, y2: low[1] }, style: style, invisible: open }
          ]
        };
      }
    };
  }

  function markerXs(spec) {
    return spec.markers.map(function (m) { return m.x; });
  }

  function option(spec) {
    var count = spec.series.length;
    var series = [];
    spec.series.forEach(function (s, i) {
      var main = {
        type: spec.kind,
        name: s.name,
        data: s.data.map(function (d) { return [xValue(spec, d), d.y]; })
      };
      if (spec.kind === 'bar') {
        main.barGap = '0%';
        main.barCategoryGap = (CATEGORY_GAP * 100) + '%';
      } else {
        main.symbolSize = 7;
      }
      if (spec.peak) {
        main.markPoint = { symbolSize: 42, data: [{ type: spec.peak, name: 'measured peak' }],
                           label: { formatter: function (p) { return 'peak'; } } };
      }
      if (i === 0 && spec.markers.length > 0) {
        main.markLine = {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#cf222e' },
          label: { formatter: '{b}', position: 'insideEndTop' },
          data: spec.markers.map(function (m) { return { name: m.label, xAxis: m.x }; })
        };
      }
      series.push(main);
      if (s.data.some(hasInterval)) {
        series.push(errorBars(spec, s, i, count));
      }
    });
    return {
      animation: false,
      title: { text: spec.title, left: 0, textStyle: { fontSize: 14 } },
      legend: { top: 24, type: 'scroll' },
      grid: { top: 70, left: 70, right: 40, bottom: 60, containLabel: true },
      tooltip: { trigger: spec.kind === 'bar' ? 'axis' : 'item' },
      xAxis: spec.kind === 'bar'
        ? { type: 'category', name: spec.xName, nameLocation: 'middle', nameGap: 32, data: spec.categories,
            axisLabel: { interval: 0, hideOverlap: true } }
        : { type: 'value', name: spec.xName, nameLocation: 'middle', nameGap: 32, scale: true, minInterval: 1,
            // a marker outside the measured range (a prediction) still shows
            min: function (range) { return Math.min.apply(null, [range.min].concat(markerXs(spec))); },
            max: function (range) { return Math.max.apply(null, [range.max].concat(markerXs(spec))); } },
      yAxis: { type: spec.logY ? 'log' : 'value', name: spec.yName, nameLocation: 'end' },
      series: series
    };
  }

  var charts = [];
  specs.forEach(function (spec) {
    var element = document.getElementById(spec.id);
    var chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(option(spec));
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
}());
