import { format, type WidgetConfig } from "./config";
import { paletteFor } from "./contrast";
import { el, icon, srOnly } from "./dom";

// Only what the closed widget needs; the panel's styles come with the UI chunk in shopdesk-chat.css.
// Host properties are !important because page styles beat :host rules (a theme's `div { position: relative }`
// would otherwise unpin the widget); `all: initial` stops inherited theme fonts and colours leaking in.
const BASE_CSS = `
:host{all:initial!important;position:fixed!important;z-index:2147483000!important;bottom:16px!important;right:16px!important;left:auto!important;top:auto!important;display:block!important;font:15px/1.4 var(--sd-font)!important;color:#1a1a1a}
:host([data-position=left]){left:16px!important;right:auto!important}
[hidden]{display:none!important}
.sd-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.sd-launcher{position:relative;display:inline-flex;align-items:center;gap:8px;min-height:48px;max-width:calc(100vw - 32px);padding:0 20px 0 14px;border:0;border-radius:24px;background:var(--sd-accent);color:var(--sd-on-accent);font:inherit;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.sd-launcher:focus-visible{outline:3px solid var(--sd-focus);outline-offset:3px}
.sd-launcher[aria-busy=true]{cursor:progress}
.sd-icon{width:24px;height:24px;flex:none}
.sd-badge{position:absolute;top:-6px;right:-6px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;border-radius:10px;background:#c8102e;color:#fff;font-size:12px;line-height:20px;text-align:center}
.sd-load-error{position:absolute;bottom:56px;right:0;width:max-content;max-width:calc(100vw - 32px);padding:8px 12px;border-radius:8px;background:#1a1a1a;color:#fff;font-size:14px}
:host([data-position=left]) .sd-load-error{left:0;right:auto}
@media (forced-colors:active){.sd-launcher{border:2px solid ButtonText}}
`;

const CHAT_ICON =
  "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2z";

export interface LauncherView {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  setUnread(count: number): void;
  setExpanded(open: boolean): void;
  setBusy(busy: boolean): void;
  /** Shows (or with null clears) a note that the conversation UI could not be fetched. */
  setLoadError(text: string | null): void;
}

/** Renders the launcher button into a fresh shadow root appended to the body. */
export function renderLauncher(config: WidgetConfig, doc: Document): LauncherView {
  const palette = paletteFor(config.settings.accentColor);
  // A custom element name: theme CSS targets divs and classes, almost never unknown tags.
  const host = doc.createElement("shopdesk-chat");
  host.setAttribute("data-position", config.settings.position);
  host.style.setProperty("--sd-accent", palette.accent);
  host.style.setProperty("--sd-on-accent", palette.onAccent);
  host.style.setProperty("--sd-focus", palette.focus);
  // Match the theme's typeface without letting any other theme style in.
  const bodyFont = doc.body ? getComputedStyle(doc.body).fontFamily : "";
  host.style.setProperty("--sd-font", bodyFont || 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif');
  const root = host.attachShadow({ mode: "open" });
  root.appendChild(el("style", { text: BASE_CSS }));

  const badge = el("span", { class: "sd-badge", "aria-hidden": "true", hidden: "" });
  const unreadText = srOnly("");
  const button = el(
    "button",
    { type: "button", class: "sd-launcher", "aria-expanded": "false", "aria-controls": "sd-panel" },
    [icon(CHAT_ICON), el("span", { text: config.strings.launcherLabel }), badge, unreadText]
  );
  const loadError = el("p", { class: "sd-load-error", role: "status", hidden: "" });
  root.append(button, loadError);
  doc.body.appendChild(host);

  return {
    host,
    root,
    button,
    setUnread(count) {
      badge.hidden = count === 0;
      badge.textContent = count > 9 ? "9+" : String(count);
      unreadText.textContent = count ? `, ${format(config.strings.unread, { count })}` : "";
    },
    setExpanded(open) {
      button.setAttribute("aria-expanded", String(open));
    },
    setBusy(busy) {
      if (busy) button.setAttribute("aria-busy", "true");
      else button.removeAttribute("aria-busy");
    },
    setLoadError(text) {
      loadError.hidden = text === null;
      loadError.textContent = text ?? "";
    },
  };
}
