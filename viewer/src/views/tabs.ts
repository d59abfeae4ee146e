// The three views as tabs (WAI-ARIA tabs: arrow keys move between them), remembered in the URL's hash
// (#fleet, #cards, #exports) so that a reload or a link shows the same view.
import type { TabName } from '../app.ts';
import { h } from '../dom.ts';

export interface TabSpec {
  readonly name: TabName;
  readonly label: string;
  readonly panel: HTMLElement;
}

export function tabs(specs: readonly TabSpec[], onShow: (tab: TabName) => void) {
  let current: TabName | undefined;
  const buttons = new Map<TabName, HTMLButtonElement>();
  const panels = specs.map((spec) => {
    const panel = h(
      'section',
      {
        id: `panel-${spec.name}`,
        role: 'tabpanel',
        'aria-labelledby': `tab-${spec.name}`,
        className: `tab-panel panel-${spec.name}`,
        hidden: true,
      },
      spec.panel,
    );
    return panel;
  });
  const show = (name: TabName, focus = false) => {
    if (current === name) return;
    current = name;
    specs.forEach((spec, i) => {
      const selected = spec.name === name;
      const button = buttons.get(spec.name)!;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      panels[i]!.hidden = !selected;
    });
    if (focus) buttons.get(name)?.focus();
    const hash = `#${name}`;
    if (!location.hash.startsWith(hash)) history.replaceState(null, '', hash);
    onShow(name);
  };
  const nav = h('nav', { className: 'tabs', 'aria-label': 'Views' });
  const list = h('div', { role: 'tablist', 'aria-label': 'Views' });
  for (const [i, spec] of specs.entries()) {
    const button = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${spec.name}`,
        'aria-controls': `panel-${spec.name}`,
        'aria-selected': 'false',
        tabindex: '-1',
        onclick: () => show(spec.name),
      },
      spec.label,
    );
    button.addEventListener('keydown', (event) => {
      const move = (to: number) => show(specs[(to + specs.length) % specs.length]!.name, true);
      if (event.key === 'ArrowRight') move(i + 1);
      else if (event.key === 'ArrowLeft') move(i - 1);
      else if (event.key === 'Home') move(0);
      else if (event.key === 'End') move(specs.length - 1);
      else return;
      event.preventDefault();
    });
    buttons.set(spec.name, button);
    list.appendChild(button);
  }
  nav.appendChild(list);
  window.addEventListener('hashchange', () => {
    const name = specs.find((s) => location.hash.startsWith(`#${s.name}`))?.name;
    if (name) show(name);
  });
  return {
    nav,
    panels,
    show: (name: TabName) => show(name),
    start() {
      const fromHash = specs.find((s) => location.hash.startsWith(`#${s.name}`))?.name;
      show(fromHash ?? specs[0]!.name);
    },
  };
}
