// A menu button (the console's "More actions" icon): a real <button> opening a list of menu items in a
// popover (top layer, light dismiss, Escape closes). Arrow keys move between items; closing returns
// focus to the button.
import { h, uid } from './dom.ts';

export interface MenuItem {
  readonly label: string;
  readonly run: () => void;
  readonly danger?: boolean;
}

export function menuButton(
  label: string,
  items: () => readonly MenuItem[],
  attrs: { className?: string; 'aria-label'?: string; 'data-key'?: string } = {},
): HTMLButtonElement {
  const menuId = uid('menu');
  const button = h('button', {
    type: 'button',
    className: attrs.className ?? 'button small',
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
    'aria-controls': menuId,
    'aria-label': attrs['aria-label'],
    'data-key': attrs['data-key'],
  });
  button.append(label, h('span', { 'aria-hidden': 'true', className: 'caret' }, ' ▾'));
  let menu: HTMLElement | undefined;
  // A light dismiss happens on pointerdown, before the button's click: that click must not reopen.
  let dismissedAt = -Infinity;

  const close = (focusButton: boolean) => {
    if (!menu) return;
    const open = menu;
    menu = undefined;
    button.setAttribute('aria-expanded', 'false');
    if (open.matches(':popover-open')) open.hidePopover();
    open.remove();
    if (focusButton) button.focus();
  };

  const open = () => {
    const entries = items();
    const list = h('div', {
      id: menuId,
      role: 'menu',
      className: 'menu',
      popover: 'auto',
      'aria-label': label,
    });
    const buttons = entries.map((item) =>
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          tabindex: '-1',
          className: item.danger ? 'menu-item danger' : 'menu-item',
          onclick: () => {
            close(true);
            item.run();
          },
        },
        item.label,
      ),
    );
    list.append(...buttons);
    list.addEventListener('keydown', (event) => {
      const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const move = (to: number) => buttons[(to + buttons.length) % buttons.length]?.focus();
      if (event.key === 'ArrowDown') move(index + 1);
      else if (event.key === 'ArrowUp') move(index - 1);
      else if (event.key === 'Home') move(0);
      else if (event.key === 'End') move(buttons.length - 1);
      else if (event.key === 'Escape') close(true);
      else if (event.key === 'Tab') close(false);
      else return;
      event.preventDefault();
      event.stopPropagation();
    });
    list.addEventListener('toggle', (event) => {
      if ((event as ToggleEvent).newState === 'closed' && menu === list) {
        dismissedAt = performance.now();
        close(false);
      }
    });
    // Inside a modal dialog the menu must live in the dialog too, or the dialog makes it inert.
    (button.closest('dialog') ?? document.body).appendChild(list);
    menu = list;
    button.setAttribute('aria-expanded', 'true');
    list.showPopover();
    const box = button.getBoundingClientRect();
    const height = list.offsetHeight;
    const width = list.offsetWidth;
    const below = box.bottom + 4 + height <= window.innerHeight;
    list.style.top = `${Math.max(4, below ? box.bottom + 4 : box.top - 4 - height)}px`;
    list.style.left = `${Math.max(4, Math.min(box.right - width, window.innerWidth - width - 4))}px`;
    buttons[0]?.focus();
  };

  button.addEventListener('click', () => {
    if (menu) close(true);
    else if (performance.now() - dismissedAt > 300) open();
  });
  button.addEventListener('keydown', (event) => {
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !menu) {
      event.preventDefault();
      open();
    }
  });
  return button;
}
