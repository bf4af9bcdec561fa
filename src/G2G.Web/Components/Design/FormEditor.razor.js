// The designer's form editor: bpmn.io's form-js editor (from wwwroot/lib, copied from npm by npm.targets) on a task's
// form schema. Loaded by FormEditor.razor as a module; the component keeps the schema and sends it to the server,
// which checks it as a deploy does. form-js's own undo and redo (Ctrl+Z, Ctrl+Y) work inside the editor.
//
// Our schemas are form-js's but for one type: a date is { type: 'date', label }, where form-js writes { type:
// 'datetime', subtype: 'date', dateLabel }. The editor gets form-js's spelling and the schema comes back in ours (a
// date/time or a time keeps 'datetime'); everything else passes unchanged, custom properties (kind, rangeEnd …) included.

import { load, script, stylesheet } from '../../js/load.js';

const editors = new WeakMap();

/**
 * Opens the editor in the container on the schema (JSON text). assets: { script, styles: [] }. Returns null when it
 * opened, else the reason (a schema form-js cannot read).
 */
export async function open(container, assets, schema) {
  await Promise.all(assets.styles.map(url => load(url, stylesheet)));
  await load(assets.script, script);
  close(container);
  const editor = new window.FormEditor.FormEditor({ container });
  editors.set(container, editor);
  try {
    await editor.importSchema(mapComponents(JSON.parse(schema), toFormJs));
  } catch (error) {
    return error.message || String(error);
  }
  return null;
}

/** The schema as the editor holds it now, as JSON text. */
export function schema(container) {
  return JSON.stringify(mapComponents(editors.get(container).saveSchema(), fromFormJs), null, 2);
}

function toFormJs(component) {
  if (component.type !== 'date') return component;
  const { label, ...date } = component;
  return { ...date, type: 'datetime', subtype: 'date', dateLabel: label };
}

function fromFormJs(component) {
  if (component.type !== 'datetime' || component.subtype !== 'date') return component;
  const { subtype, dateLabel, ...date } = component;
  return { ...date, type: 'date', label: dateLabel };
}

/** The schema with each component, nested ones (a dynamic list's) included, passed through map. */
function mapComponents(schema, map) {
  const each = components => components?.map(c => {
    const mapped = map(c);
    return mapped.components ? { ...mapped, components: each(mapped.components) } : mapped;
  });
  return { ...schema, components: each(schema.components) ?? [] };
}

export function close(container) {
  editors.get(container)?.destroy();
  editors.delete(container);
}
