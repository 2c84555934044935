// The lot page's lineage graph: Cytoscape.js with its breadthfirst (layered, directed) layout.
// Time to first render is measured from the request for the graph to the first frame drawn
// after layout, and shown in the status line (data-render-ms on the graph holds it).
(function () {
  'use strict';
  var container = document.getElementById('graph');
  if (!container || typeof cytoscape === 'undefined') { return; }
  var status = document.getElementById('graph-status');
  var lotId = container.getAttribute('data-lot');
  var style = [
    { selector: 'node', style: { 'label': 'data(label)', 'text-wrap': 'wrap', 'font-size': 10, 'text-valign': 'center',
                                 'text-halign': 'center', 'width': 'label', 'height': 'label', 'padding': 8 } },
    { selector: 'node.lot', style: { 'shape': 'round-rectangle', 'background-color': '#e3f2fd', 'border-width': 1, 'border-color': '#1565c0' } },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#12324a', 'font-weight': 'bold' } },
    { selector: 'node.facility', style: { 'shape': 'hexagon', 'background-color': '#eeeeee', 'border-width': 1, 'border-color': '#555' } },
    { selector: 'node.offending', style: { 'background-color': '#ffebee', 'border-width': 4, 'border-color': '#b00020', 'border-style': 'double', 'color': '#b00020' } },
    { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 1.5, 'line-color': '#888',
                                 'target-arrow-color': '#888', 'label': 'data(label)', 'font-size': 9, 'text-background-color': '#fff',
                                 'text-background-opacity': 1 } }
  ];

  function draw() {
    var detail = document.getElementById('detail').value;
    var depth = document.getElementById('maxDepth').value;
    var url = '/console/lots/' + encodeURIComponent(lotId) + '/graph?detail=' + encodeURIComponent(detail)
              + (depth ? '&maxDepth=' + encodeURIComponent(depth) : '');
    var started = performance.now();
    status.textContent = 'Drawing the lineage…';
    container.removeAttribute('data-render-ms');
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error('the ledger answered ' + r.status); } return r.json(); })
      .then(function (graph) {
        var big = graph.elements.length > 300;
        var cy = cytoscape({
          container: container, elements: graph.elements, style: style, wheelSensitivity: 0.3,
          textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : 'auto',
          layout: { name: 'breadthfirst', directed: true, spacingFactor: big ? 0.8 : 1.1, animate: false,
                    roots: cyRoots(graph.elements) }
        });
        window.lineageGraph = cy;
        cy.on('tap', 'node', function (e) { var href = e.target.data('href'); if (href) { window.location.href = href; } });
        cy.one('render', function () {
          requestAnimationFrame(function () {
            var ms = Math.round(performance.now() - started);
            container.setAttribute('data-render-ms', String(ms));
            status.textContent = graph.lotCount + ' lots and ' + graph.facilityCount + ' facilities'
              + (graph.detail === 'facilities' ? ', shown by facility' : '') + '; drawn in ' + ms + ' ms.';
          });
        });
        lists(cy);
      })
      .catch(function (e) { status.textContent = 'The lineage could not be drawn: ' + e.message; });
  }

  // Upstream roots (nothing flows into them) at the top, so material flows downwards.
  function cyRoots(elements) {
    var targets = {};
    elements.forEach(function (e) { if (e.data.target) { targets[e.data.target] = true; } });
    return elements.filter(function (e) { return !e.data.source && !targets[e.data.id]; })
                   .map(function (e) { return '#' + cssId(e.data.id); }).join(',') || undefined;
  }

  function cssId(id) { return id.replace(/([^A-Za-z0-9_-])/g, '\\$1'); }

  function lists(cy) {
    var offending = document.getElementById('offending-list');
    var nodes = document.getElementById('node-list');
    offending.innerHTML = '';
    nodes.innerHTML = '';
    cy.nodes().forEach(function (n) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = n.data('href');
      a.textContent = n.data('label').replace('\n', ' ');
      li.appendChild(a);
      nodes.appendChild(li);
      if (n.hasClass('offending')) {
        var item = li.cloneNode(true);
        item.setAttribute('data-facility', n.id().substring(4));
        offending.appendChild(item);
      }
    });
    if (!offending.children.length) {
      var none = document.createElement('li');
      none.textContent = 'none';
      offending.appendChild(none);
    }
  }

  document.getElementById('redraw').addEventListener('click', draw);
  draw();
})();
