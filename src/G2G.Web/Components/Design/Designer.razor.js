// The process designer's canvas: bpmn-js's modeler with a moddle descriptor of our g2g: extensions, so the properties
// panel (a Blazor component) changes them through modeling commands and undo and redo work. Loaded by Designer.razor
// as a module; bpmn-js comes from wwwroot/lib (copied from npm by npm.targets). The page keeps the server's validation
// messages; this module only draws them on the canvas.

import { load, script, stylesheet } from '../../js/load.js';

// The modeler and the instance page's viewer both define window.BpmnJS: the modeler is kept here and the global is
// given back, so a viewer loaded before or after still finds itself there.
let Modeler;
async function modelerClass(url) {
  if (!Modeler) {
    const before = window.BpmnJS;
    await load(url, script);
    Modeler = window.BpmnJS;
    window.BpmnJS = before;
  }
  return Modeler;
}

/** Attributes of urn:g2g:bpmn:1.0 (docs/bpmn-extensions.md): read and written as g2g:name on the elements that carry them. */
const attributes = ['assignee', 'formKey', 'due', 'remindBefore', 'remindEvery', 'escalateAfter', 'escalateTo', 'operations',
  'sendBackTo', 'opinion', 'action', 'version', 'correlationKey', 'starters'];
const loopAttributes = ['collection', 'elementVariable'];

const g2gDescriptor = {
  name: 'G2G',
  uri: 'urn:g2g:bpmn:1.0',
  prefix: 'g2g',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    { name: 'Attributes', extends: ['bpmn:BaseElement'], properties: attributes.map(name => ({ name, isAttr: true, type: 'String' })) },
    { name: 'LoopAttributes', extends: ['bpmn:MultiInstanceLoopCharacteristics'], properties: loopAttributes.map(name => ({ name, isAttr: true, type: 'String' })) },
    { name: 'In', superClass: ['Element'], properties: [{ name: 'source', isAttr: true, type: 'String' }, { name: 'target', isAttr: true, type: 'String' }] },
    { name: 'Out', superClass: ['Element'], properties: [{ name: 'source', isAttr: true, type: 'String' }, { name: 'target', isAttr: true, type: 'String' }] },
  ],
};

const modelers = new WeakMap();

/**
 * What the properties panel shows of an element: its id, type, name, g2g: attributes and multi-instance settings; for a
 * user task the diagram's user tasks (send-back targets).
 */
function describe(element, modeler) {
  if (!element) return null;
  const bo = element.businessObject;
  const values = {};
  for (const name of attributes) {
    const value = bo.get(`g2g:${name}`);
    if (value !== undefined && value !== null) values[name] = String(value);
  }
  const loop = bo.loopCharacteristics;
  const multiInstance = loop && loop.$type === 'bpmn:MultiInstanceLoopCharacteristics'
    ? {
      sequential: !!loop.isSequential,
      collection: loop.get('g2g:collection') ?? loop.get('camunda:collection') ?? null,
      elementVariable: loop.get('g2g:elementVariable') ?? loop.get('camunda:elementVariable') ?? null,
      completionCondition: loop.completionCondition?.body ?? null,
    }
    : null;
  const userTasks = bo.$type === 'bpmn:UserTask'
    ? modeler.get('elementRegistry').filter(e => e.type === 'bpmn:UserTask').map(e => ({ id: e.id, name: e.businessObject.name ?? null }))
    : null;
  return { id: bo.id, type: bo.$type.replace(/^bpmn:/, ''), name: bo.name ?? null, attributes: values, multiInstance, userTasks };
}

/** The diagram's (first) process with its definitions: the root itself, or the process of a collaboration's pool. */
function processOf(modeler) {
  const root = modeler.get('canvas').getRootElement();
  if (!root.businessObject) return null; // the implicit root while a diagram is cleared or imported
  if (root.businessObject.$type === 'bpmn:Process') return { element: root, process: root.businessObject };
  const pool = modeler.get('elementRegistry').filter(e => e.type === 'bpmn:Participant' && e.businessObject.processRef)[0];
  return pool ? { element: pool, process: pool.businessObject.processRef } : null;
}

/** What the panel shows with nothing selected: the process, its g2g: attributes and the file's targetNamespace. */
function describeProcess(modeler) {
  const found = processOf(modeler);
  if (!found) return null;
  const description = describe({ businessObject: found.process }, modeler);
  return { ...description, targetNamespace: modeler.getDefinitions()?.targetNamespace ?? null };
}

/** The selected element, or the process when nothing (or the canvas itself) is selected. */
function describeSelected(modeler) {
  const selected = selectedOf(modeler);
  return selected && selected !== modeler.get('canvas').getRootElement() ? describe(selected, modeler) : describeProcess(modeler);
}

/** The elements of the diagram the validation list and the panel may name (ids of shapes and connections). */
function selectedOf(modeler) {
  const selection = modeler.get('selection').get();
  return selection.length === 1 ? selection[0] : null;
}

/**
 * Opens the modeler in the container with the XML. assets: { script, styles: [] }; page: the .NET page, told of
 * selection changes (Selected) and edits (Changed). Returns null when the diagram opened, else the reason (XML bpmn-js
 * cannot read).
 */
export async function open(container, assets, xml, page) {
  await Promise.all(assets.styles.map(url => load(url, stylesheet)));
  const BpmnModeler = await modelerClass(assets.script);
  destroy(container);
  // Since bpmn-js 18 the keyboard is bound to the canvas itself, a focusable element (a click on the diagram focuses it):
  // the shortcuts act while the diagram has the focus, never while a field of the panels has it. keyboard.bindTo is gone.
  const modeler = new BpmnModeler({ container, keyboard: { bind: true }, moddleExtensions: { g2g: g2gDescriptor } });
  modelers.set(container, { modeler, page });
  const eventBus = modeler.get('eventBus');
  eventBus.on('selection.changed', () => page.invokeMethodAsync('Selected', describeSelected(modeler)));
  eventBus.on('import.done', () => page.invokeMethodAsync('Selected', describeSelected(modeler)));
  eventBus.on('commandStack.changed', () => {
    const stack = modeler.get('commandStack');
    page.invokeMethodAsync('Changed', describeSelected(modeler), stack.canUndo(), stack.canRedo());
  });
  return await importXml(container, xml);
}

/** Replaces the diagram (an imported file). Returns null, or the reason the XML could not be opened. */
export async function importXml(container, xml) {
  const { modeler } = modelers.get(container);
  try {
    await modeler.importXML(xml);
  } catch (error) {
    return error.message || String(error);
  }
  modeler.get('canvas').zoom('fit-viewport', 'auto');
  return null;
}

/** The diagram as BPMN 2.0 XML (the diagram interchange with it), as UTF-8 bytes: the page reads them as a stream. */
export async function saveXml(container) {
  const { xml } = await modelers.get(container).modeler.saveXML({ format: true });
  return new TextEncoder().encode(xml);
}

/** Offers the XML as a download named fileName. */
export function download(xml, fileName) {
  const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The canvas, overlays and registry of a container's modeler, with one kind of overlay and some markers taken off first. */
function cleared(container, overlayType, markers) {
  const { modeler } = modelers.get(container);
  const canvas = modeler.get('canvas');
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  overlays.remove({ type: overlayType });
  for (const element of registry.getAll()) {
    for (const marker of markers) canvas.removeMarker(element, marker);
  }
  return { canvas, overlays, registry };
}

/** Draws the server's messages: a marker on each element and a badge with the count of its messages. */
export function showDiagnostics(container, diagnostics) {
  const { canvas, overlays, registry } = cleared(container, 'g2g-diagnostic', ['g2g-error', 'g2g-warning']);
  const byElement = new Map();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.elementId || !registry.get(diagnostic.elementId)) continue;
    const list = byElement.get(diagnostic.elementId) ?? [];
    list.push(diagnostic);
    byElement.set(diagnostic.elementId, list);
  }
  for (const [id, list] of byElement) {
    const error = list.some(d => d.severity === 'Error');
    canvas.addMarker(id, error ? 'g2g-error' : 'g2g-warning');
    const badge = document.createElement('span');
    badge.className = `g2g-diagnostic g2g-diagnostic-${error ? 'error' : 'warning'}`;
    badge.dataset.elementId = id;
    badge.title = list.map(d => d.message).join('\n');
    badge.textContent = String(list.length);
    const element = registry.get(id);
    overlays.add(id, 'g2g-diagnostic', {
      position: element.waypoints ? { top: 0, left: 0 } : { top: -10, right: 10 },
      html: badge,
    });
  }
  return byElement.size;
}

/** Selects an element and scrolls it into view (a message of the list was clicked). */
export function select(container, id) {
  const { modeler } = modelers.get(container);
  const element = modeler.get('elementRegistry').get(id);
  if (!element) return false;
  modeler.get('selection').select(element);
  modeler.get('canvas').scrollToElement(element);
  return true;
}

/**
 * Sets g2g: attributes of an element through modeling.updateProperties (one command: one undo step). values maps an
 * attribute name to its text; null removes it. name, when given, is the element's bpmn name.
 */
export function updateAttributes(container, id, values, name) {
  const { modeler } = modelers.get(container);
  const element = modeler.get('elementRegistry').get(id);
  const pool = element ? null : processOf(modeler);
  if (!element && pool?.process.id !== id) return false;
  const properties = {};
  for (const [attribute, value] of Object.entries(values)) {
    if (!attributes.includes(attribute)) throw new Error(`Unknown attribute g2g:${attribute}`);
    properties[`g2g:${attribute}`] = value === null || value === '' ? undefined : value;
  }
  if (name !== null && name !== undefined) properties.name = name;
  if (element) modeler.get('modeling').updateProperties(element, properties);
  else modeler.get('modeling').updateModdleProperties(pool.element, pool.process, properties); // a collaboration's process
  return true;
}

/** Sets the file's targetNamespace (the procedure's category in the start catalog): one command, one undo step. */
export function updateTargetNamespace(container, targetNamespace) {
  const { modeler } = modelers.get(container);
  const root = modeler.get('canvas').getRootElement();
  modeler.get('modeling').updateModdleProperties(root, modeler.getDefinitions(), { targetNamespace });
  return true;
}

/**
 * Sets the element's multi-instance settings (会签, 或签, 票签, 依次): null removes them; otherwise
 * { sequential, collection, elementVariable, completionCondition }. One command: one undo step.
 */
export function updateMultiInstance(container, id, settings) {
  const { modeler } = modelers.get(container);
  const element = modeler.get('elementRegistry').get(id);
  if (!element) return false;
  const modeling = modeler.get('modeling');
  if (!settings) {
    modeling.updateProperties(element, { loopCharacteristics: undefined });
    return true;
  }
  const moddle = modeler.get('moddle');
  const loop = moddle.create('bpmn:MultiInstanceLoopCharacteristics', { isSequential: settings.sequential });
  if (settings.collection) loop.set('g2g:collection', settings.collection);
  if (settings.elementVariable) loop.set('g2g:elementVariable', settings.elementVariable);
  if (settings.completionCondition) {
    loop.completionCondition = moddle.create('bpmn:FormalExpression', { body: settings.completionCondition });
    loop.completionCondition.$parent = loop;
  }
  loop.$parent = element.businessObject;
  modeling.updateProperties(element, { loopCharacteristics: loop });
  return true;
}

/**
 * Draws a version read-only in the navigated viewer (the instance page's, which keeps window.BpmnJS) with the elements
 * of a comparison marked: marks maps a kind (added, removed, changed) to element ids; labels maps it to its word.
 */
export async function view(container, assets, xml, marks, labels) {
  await Promise.all(assets.styles.map(url => load(url, stylesheet)));
  await load(assets.script, script);
  destroy(container);
  const viewer = new window.BpmnJS({ container });
  modelers.set(container, { modeler: viewer });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  for (const [kind, ids] of Object.entries(marks)) {
    for (const id of ids.filter(id => registry.get(id) && !registry.get(id).labelTarget && registry.get(id) !== canvas.getRootElement())) {
      canvas.addMarker(id, `g2g-${kind}`);
      const badge = document.createElement('span');
      badge.className = `g2g-diff g2g-diff-${kind}`;
      badge.dataset.elementId = id;
      badge.textContent = labels[kind];
      overlays.add(id, 'g2g-diff', { position: registry.get(id).waypoints ? { top: 0, left: 0 } : { top: -14, left: 0 }, html: badge });
    }
  }
  canvas.zoom('fit-viewport', 'auto');
}

/**
 * Draws a preview's run: marks is { current: [ids], taken: [ids], labels: { id: text } } (the elements the tokens rest
 * at, the path taken, and on each open step who would get it and when it is due), or null to take it all off.
 */
export function showPreview(container, marks) {
  const { canvas, overlays, registry } = cleared(container, 'g2g-preview', ['g2g-preview-current', 'g2g-preview-taken']);
  if (!marks) return;
  for (const id of marks.taken.filter(id => registry.get(id))) canvas.addMarker(id, 'g2g-preview-taken');
  for (const id of marks.current.filter(id => registry.get(id))) canvas.addMarker(id, 'g2g-preview-current');
  for (const [id, text] of Object.entries(marks.labels)) {
    const element = registry.get(id);
    if (!element || element.waypoints) continue;
    const label = document.createElement('span');
    label.className = 'g2g-preview-label';
    label.dataset.elementId = id;
    label.textContent = text;
    overlays.add(id, 'g2g-preview', { position: { bottom: -4, left: 0 }, html: label });
  }
}

export function undo(container) {
  modelers.get(container)?.modeler.get('commandStack').undo();
}

export function redo(container) {
  modelers.get(container)?.modeler.get('commandStack').redo();
}

export function destroy(container) {
  modelers.get(container)?.modeler.destroy();
  modelers.delete(container);
}
