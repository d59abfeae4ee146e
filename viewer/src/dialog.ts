// Modal dialogs (actions, exports, card details) on the native <dialog>: the page behind is inert,
// Escape closes, Tab cycles inside, and focus goes back to whatever opened the dialog.
import { h, uid } from './dom.ts';

export interface DialogOptions {
  readonly title: string;
  /** Extra class: `drawer` slides in from the side (card details). */
  readonly className?: string;
  /** Called after the dialog closed and was removed. */
  readonly onClose?: () => void;
  /** The element to focus when the dialog closes (default: the one focused when it opened). */
  readonly returnFocus?: HTMLElement | null;
}

export interface DialogHandle {
  readonly dialog: HTMLDialogElement;
  readonly header: HTMLElement;
  readonly body: HTMLElement;
  readonly titleNode: HTMLElement;
  close(): void;
  readonly open: boolean;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusables(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.closest('[hidden]') && el.getClientRects().length > 0,
  );
}

export function openDialog(options: DialogOptions): DialogHandle {
  const opener =
    options.returnFocus ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
  // Views re-render rows: the opener may be replaced by an equal element with the same data-key.
  const openerKey = opener?.dataset.key;
  const titleId = uid('dialog-title');
  const titleNode = h('h2', { id: titleId, className: 'dialog-title' }, options.title);
  const closeButton = h(
    'button',
    { type: 'button', className: 'icon-button dialog-close', 'aria-label': `Close ${options.title}` },
    '×',
  );
  const header = h('header', { className: 'dialog-header' }, titleNode, closeButton);
  const body = h('div', { className: 'dialog-body' });
  const dialog = h(
    'dialog',
    { className: `dialog ${options.className ?? ''}`.trim(), 'aria-labelledby': titleId },
    header,
    body,
  );
  let isOpen = true;
  const close = () => {
    if (isOpen) dialog.close();
  };
  closeButton.addEventListener('click', close);
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const items = focusables(dialog);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
  // A click on the backdrop (the dialog element itself, outside its content box) closes it.
  dialog.addEventListener('mousedown', (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside) close();
  });
  dialog.addEventListener('close', () => {
    isOpen = false;
    dialog.remove();
    options.onClose?.();
    if (opener?.isConnected) opener.focus();
    else if (openerKey) document.querySelector<HTMLElement>(`[data-key="${CSS.escape(openerKey)}"]`)?.focus();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  return {
    dialog,
    header,
    body,
    titleNode,
    close,
    get open() {
      return isOpen;
    },
  };
}

/** Focus the first field of a dialog (or its first button). */
export function focusFirst(root: Element): void {
  const preferred =
    root.querySelector<HTMLElement>('[autofocus]') ??
    focusables(root).find((el) => el.matches('input, select, textarea')) ??
    focusables(root).find((el) => !el.classList.contains('dialog-close'));
  preferred?.focus();
}
