// The diagram of an instance's process version in bpmn-js's navigated viewer (pan and zoom, no editing), with the
// path taken, the current and the overdue steps marked. Loaded by InstanceDiagram.razor as a module; bpmn-js itself
// comes from wwwroot/lib (copied from npm by npm.targets) and is loaded once per page.

import { load, script, stylesheet } from '../../js/load.js';

const viewers = new WeakMap();

/** A label drawn over a shape; text only, so nothing in it is read as markup. */
function badge(text, kind) {
  const element = document.createElement('span');
  element.className = `g2g-badge g2g-badge-${kind}`;
  element.textContent = text;
  return element;
}

/**
 * Draws the diagram in the container and marks it.
 * assets: { script, styles: [] }; marks: { taken, current, overdue } (element ids); labels: { current, overdue, taken }.
 * Returns false when the XML has no diagram to draw.
 */
export async function show(container, assets, xml, marks, labels) {
  await Promise.all(assets.styles.map(url => load(url, stylesheet)));
  await load(assets.script, script);
  destroy(container);
  const viewer = new window.BpmnJS({ container });
  viewers.set(container, viewer);
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  const root = canvas.getRootElement();
  const drawn = id => { const element = registry.get(id); return element && element !== root && !element.labelTarget; };
  for (const id of marks.taken.filter(drawn)) {
    canvas.addMarker(id, 'g2g-taken');
    if (!registry.get(id).waypoints) {
      overlays.add(id, 'g2g', { position: { top: -14, right: 0 }, html: badge(labels.taken, 'taken') });
    }
  }
  for (const [ids, kind] of [[marks.current, 'current'], [marks.overdue, 'overdue']]) {
    for (const id of ids.filter(drawn)) {
      canvas.addMarker(id, `g2g-${kind}`);
      overlays.add(id, 'g2g', { position: { top: -14, left: 0 }, html: badge(labels[kind], kind) });
    }
  }
  canvas.zoom('fit-viewport', 'auto');
  return registry.getAll().length > 1;
}

/** Fits the whole diagram into the container again. */
export function fit(container) {
  viewers.get(container)?.get('canvas').zoom('fit-viewport', 'auto');
}

export function destroy(container) {
  viewers.get(container)?.destroy();
  viewers.delete(container);
}
