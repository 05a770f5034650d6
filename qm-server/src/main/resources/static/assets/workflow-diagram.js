/*
 * Workflow diagrams drawn by the bpmn-js viewer (global BpmnJS) from the BPMN file the server serves.
 *
 * - A <figure class="bpmn-figure" data-bpmn-url="…" data-active="id id"> is drawn where it stands, with
 *   the BPMN elements named in data-active highlighted (class qm-active), and their names said in words.
 * - A <section data-source="…"> holding a .bpmn-diagrams list gets its figures from that JSON address
 *   ({diagrams: [{key, version, name, calledBy, bpmnUrl, activeActivityIds}]}) and asks again each time
 *   htmx has updated the page, so the highlight follows the machine without redrawing the diagrams.
 *
 * Failures are said on the page, never thrown into the console.
 */
(function () {
  'use strict';

  var ACTIVE = 'qm-active';

  function words(text) {
    return (text || '').split(' ').filter(Boolean);
  }

  function say(figure, text) {
    var status = figure.querySelector('.bpmn-status');
    if (status) {
      status.textContent = text;
    }
  }

  function problem(error) {
    var text = error && error.message ? error.message : String(error);
    if (/no diagram/i.test(text)) {
      return 'This version has no diagram layout (BPMN DI), so it cannot be drawn.';
    }
    return 'The diagram could not be drawn: ' + text;
  }

  function highlight(figure, ids) {
    figure.dataset.active = ids.join(' ');
    var viewer = figure.qmViewer;
    if (!viewer || figure.dataset.rendered !== 'true') {
      return; // drawn later, with what data-active says then
    }
    var canvas = viewer.get('canvas');
    var registry = viewer.get('elementRegistry');
    (figure.qmHighlighted || []).forEach(function (id) {
      if (registry.get(id)) {
        canvas.removeMarker(id, ACTIVE);
      }
    });
    var names = [];
    var shown = ids.filter(function (id) {
      var element = registry.get(id);
      // A boundary event (a deadline, a failure) is armed while its step waits: the step is where it is.
      if (!element || element.type === 'bpmn:BoundaryEvent') {
        return false;
      }
      canvas.addMarker(id, ACTIVE);
      names.push(element.businessObject.name || id);
      return true;
    });
    figure.qmHighlighted = shown;
    figure.dataset.highlighted = shown.join(' ');
    say(figure, names.length ? 'Now at: ' + names.join(', ') + '.' : (figure.dataset.idle || ''));
  }

  function draw(figure) {
    if (figure.qmViewer) {
      return;
    }
    if (typeof window.BpmnJS !== 'function') {
      say(figure, 'The diagram viewer did not load.');
      return;
    }
    var viewer = new window.BpmnJS({ container: figure.querySelector('.bpmn-canvas') });
    figure.qmViewer = viewer;
    fetch(figure.dataset.bpmnUrl, { credentials: 'same-origin', headers: { Accept: 'application/xml' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('the server answered ' + response.status + '.');
        }
        return response.text();
      })
      .then(function (xml) {
        return viewer.importXML(xml);
      })
      .then(function () {
        viewer.get('canvas').zoom('fit-viewport', 'auto');
        figure.dataset.rendered = 'true';
        highlight(figure, words(figure.dataset.active));
      })
      .catch(function (error) {
        figure.dataset.rendered = 'failed';
        say(figure, problem(error));
      });
  }

  function figureFor(diagram) {
    var figure = document.createElement('figure');
    figure.className = 'bpmn-figure';
    figure.dataset.bpmnUrl = diagram.bpmnUrl;
    figure.dataset.key = diagram.key;
    figure.dataset.active = (diagram.activeActivityIds || []).join(' ');
    figure.dataset.idle = 'Not waiting anywhere in this workflow now.';
    var caption = document.createElement('figcaption');
    var name = document.createElement('strong');
    name.textContent = diagram.name || diagram.key;
    caption.appendChild(name);
    caption.appendChild(document.createTextNode(' · ' + diagram.key + ', version ' + diagram.version
      + (diagram.calledBy ? ', called by ' + diagram.calledBy : '')));
    var canvas = document.createElement('div');
    canvas.className = 'bpmn-canvas';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'Diagram of ' + (diagram.name || diagram.key));
    var status = document.createElement('p');
    status.className = 'bpmn-status hint';
    status.setAttribute('aria-live', 'polite');
    status.textContent = 'Drawing the diagram…';
    figure.appendChild(caption);
    figure.appendChild(canvas);
    figure.appendChild(status);
    return figure;
  }

  function follow(section) {
    var list = section.querySelector('.bpmn-diagrams');
    var layout = null;
    var asking = false;

    function refresh() {
      if (asking) {
        return;
      }
      asking = true;
      fetch(section.dataset.source, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('the server answered ' + response.status + '.');
          }
          return response.json();
        })
        .then(function (answer) {
          var diagrams = answer.diagrams || [];
          var now = diagrams.map(function (d) { return d.bpmnUrl; }).join(' ');
          if (now !== layout) {
            layout = now;
            list.replaceChildren.apply(list, diagrams.map(figureFor));
            if (!diagrams.length) {
              list.textContent = 'No workflow runs for this machine.';
            }
            Array.prototype.forEach.call(list.querySelectorAll('figure.bpmn-figure'), draw);
          } else {
            diagrams.forEach(function (d, i) {
              highlight(list.children[i], d.activeActivityIds || []);
            });
          }
          section.dataset.loaded = 'true';
        })
        .catch(function (error) {
          list.textContent = 'The workflow could not be shown: ' + (error && error.message ? error.message : error);
        })
        .then(function () {
          asking = false;
        });
    }

    refresh();
    // htmx updates the machine's live part while it is on the move: the workflow has moved too.
    document.body.addEventListener('htmx:afterSettle', refresh);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('section[data-source] .bpmn-diagrams'), function (list) {
      follow(list.closest('section'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('figure.bpmn-figure[data-bpmn-url]'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
