const FOCUSABLE = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), [tabindex="0"]';

/** Visible, focusable elements inside `container`, in tab order. */
export function focusables(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (node) => !node.closest("[hidden]") && node.getClientRects().length > 0
  );
}

/**
 * Keeps Tab inside `container` (used when the panel covers the whole screen, where the page behind is
 * unreachable anyway). `active` is the shadow root's focused element, since document.activeElement is the host.
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement, active: Element | null): void {
  if (event.key !== "Tab") return;
  const items = focusables(container);
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/** A polite live region; re-announces identical text by clearing it first. */
export function createAnnouncer(region: HTMLElement): (text: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (text) => {
    clearTimeout(timer);
    region.textContent = "";
    // A short gap makes screen readers treat the new text as a change even when it repeats the last one.
    timer = setTimeout(() => {
      region.textContent = text;
    }, 50);
  };
}
