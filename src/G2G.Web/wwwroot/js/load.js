// Loads a page's scripts and stylesheets from wwwroot/lib once per page (bpmn-js's bundles and styles), for the
// JavaScript modules beside the components (InstanceDiagram.razor.js, Designer.razor.js).

const loaded = new Map();

/** Adds the element create(url) makes to the document's head once; the promise settles when it has loaded. */
export function load(url, create) {
  if (!loaded.has(url)) {
    loaded.set(url, new Promise((resolve, reject) => {
      const element = create(url);
      element.addEventListener('load', resolve);
      element.addEventListener('error', () => reject(new Error(`Could not load ${url}`)));
      document.head.appendChild(element);
    }));
  }
  return loaded.get(url);
}

export const script = url => Object.assign(document.createElement('script'), { src: url });
export const stylesheet = url => Object.assign(document.createElement('link'), { rel: 'stylesheet', href: url });
