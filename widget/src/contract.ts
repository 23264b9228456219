// The hand-off between the loader (always on the page) and the conversation UI (fetched on first open).
// Type-only, so neither bundle pulls in the other's code.
import type { Chat } from "./chat";
import type { WidgetConfig } from "./config";
import type { Store } from "./store";

export interface UiContext {
  config: WidgetConfig;
  store: Store;
  chat: Chat;
  /** The widget's shadow root; the panel is appended here. */
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  /** Closes the panel and returns focus to the launcher. */
  close(): void;
}

export interface UiHandle {
  /** Shows the panel; `focus` is false when it is restored after a navigation rather than opened by the shopper. */
  show(focus: boolean): void;
  hide(): void;
}

export interface UiModule {
  mount(context: UiContext): UiHandle;
}

/** Global through which the UI script hands its module to the loader (classic scripts cannot export). */
export const UI_GLOBAL = "__shopdeskChatUi";

declare global {
  interface Window {
    __shopdeskChatUi?: UiModule;
    __shopdeskChatLoaded?: boolean;
  }
}
