// A few lines of DOM building instead of a framework: h() makes an element with attributes, event
// handlers and children; the views keep references to the nodes they update.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'className') {
      element.className = String(value);
    } else if (key === 'text') {
      element.textContent = String(value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replace all children. */
export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.textContent = '';
  append(parent, children);
}

let nextId = 0;
/** A document-unique id for labels and ARIA references. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled form control: `<label>text <control></label>` keeps the accessible name obvious. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  const id = control.id || uid('field');
  control.id = id;
  const hintNode = hint ? h('span', { className: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return h(
    'label',
    { className: 'field', for: id },
    h('span', { className: 'field-label' }, label),
    control,
    hintNode,
  );
}

export function select(
  options: readonly (string | readonly [value: string, label: string])[],
  attrs: Attrs = {},
  selected?: string,
): HTMLSelectElement {
  const element = h('select', attrs);
  for (const option of options) {
    const [value, label] = typeof option === 'string' ? [option, option] : option;
    const node = h('option', { value }, label);
    if (value === selected) node.selected = true;
    element.appendChild(node);
  }
  return element;
}

/**
 * Re-render a container without losing the keyboard user's place: the focused element's
 * `data-key` is remembered and the element with the same key gets focus back.
 */
export function keepFocus(container: Element, render: () => void): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && container.contains(active) ? active.dataset.key : undefined;
  render();
  if (key) {
    const again = container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    again?.focus({ preventScroll: true });
  }
}

/** Short messages for screen readers (and a visible toast). */
export function announce(message: string, kind: 'info' | 'error' = 'info'): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  const toast = h(
    'div',
    { className: `toast toast-${kind}`, title: 'Click to dismiss', onclick: () => toast.remove() },
    message,
  );
  region.appendChild(toast);
  while (region.childElementCount > 3) region.firstElementChild?.remove();
  window.setTimeout(() => toast.remove(), 6000);
}
