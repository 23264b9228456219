// Entry of assets/shopdesk-chat.js, the only script every storefront page loads. It draws the launcher,
// keeps the unread badge current, and fetches the conversation UI the first time the shopper opens the chat.
import { createChatApi, type ChatApi } from "./api";
import { createChat } from "./chat";
import { readConfig, type WidgetConfig } from "./config";
import { UI_GLOBAL, type UiContext, type UiHandle } from "./contract";
import { renderLauncher } from "./launcher";
import { createBus, createElection } from "./leader";
import { createPoller } from "./poller";
import { applyResponse, createStore, unreadCount, type StorageLike } from "./store";
import type { ChatResponse } from "./types";

const OPEN_POLL_MS = 1500;
const CLOSED_POLL_MS = 10_000;

// Captured now: document.currentScript is only set while this script runs, and it tells us where our own
// assets live (the Shopify CDN in production, whatever serves the extension in a demo).
const currentScript = document.currentScript as HTMLScriptElement | null;
const scriptUrl =
  currentScript?.src || document.querySelector<HTMLScriptElement>('script[src*="shopdesk-chat.js"]')?.src || "";

/** URL of a sibling asset, keeping the loader's query string (cache-busting `?v=` on theme assets). */
function assetUrl(name: string): string {
  const base = new URL(scriptUrl, location.href);
  const url = new URL(name, base);
  url.search = base.search;
  return url.href;
}

function localStorageOrNull(): StorageLike | null {
  try {
    // Merely reading window.localStorage throws in some privacy modes.
    return window.localStorage;
  } catch {
    return null;
  }
}

function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context; storefronts are HTTPS, but a plain-HTTP preview should not crash.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function boot(config: WidgetConfig): void {
  const storage = localStorageOrNull();
  const key = `shopdesk-chat:${config.shop}`;
  const store = createStore(storage, key);
  const bus = createBus(window, `${key}:tabs`, storage);
  const api = createChatApi({ proxyPath: config.proxyPath, locale: config.locale });
  // Whatever the API answers in this tab, the shopper's other tabs see too: the leader's polls, and our own sends.
  const share = (response: ChatResponse): ChatResponse => {
    const { visitorId, lastSeenId } = store.get();
    if (visitorId) bus?.post({ t: "data", visitorId, response, seen: lastSeenId });
    return response;
  };
  const sharedApi: ChatApi = {
    ...api,
    send: (input) => api.send(input).then(share),
    history: (visitorId, after) => api.history(visitorId, after).then(share),
  };
  const chat = createChat({ api: sharedApi, store, uuid });
  const launcher = renderLauncher(config, document);
  let ui: Promise<UiHandle> | null = null;
  let shown: UiHandle | null = null;

  const poller = createPoller({
    poll: () => chat.poll(),
    interval: () => {
      // Only the leading tab polls; the others get its answers over the bus.
      if (!election.leading()) return null;
      const s = store.get();
      if (s.open) return OPEN_POLL_MS;
      // A closed panel only needs the badge, and only while someone might still answer.
      return s.conversationId && s.status !== "closed" ? CLOSED_POLL_MS : null;
    },
    doc: document,
  });
  let booted = false;
  const election = createElection({
    bus,
    id: uuid(),
    visible: () => !document.hidden,
    // A new leader polls at once: the previous one may have left without answering for a while. Not while booting,
    // which already polls (closed panel) or loads the history first (open panel).
    onChange: (leading) => poller.reschedule(leading && booted),
  });
  bus?.listen((message) => {
    if (message.t !== "data") return;
    store.update((s) => {
      // A tab that has not written yet adopts the visitor another tab created, rather than start a second one.
      if (s.visitorId && s.visitorId !== message.visitorId) return s;
      const next = applyResponse({ ...s, visitorId: message.visitorId }, message.response);
      return { ...next, lastSeenId: Math.max(next.lastSeenId, message.seen) };
    });
  });

  function loadUi(): Promise<UiHandle> {
    ui ??= new Promise<UiHandle>((resolve, reject) => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = assetUrl("shopdesk-chat.css");
      // Wait for the stylesheet so the panel never flashes unstyled; a failed stylesheet must not block chat.
      const cssReady = new Promise<void>((done) => {
        css.onload = css.onerror = () => done();
      });
      launcher.root.appendChild(css);
      const script = document.createElement("script");
      script.src = assetUrl("shopdesk-chat-ui.js");
      script.async = true;
      script.onload = () => {
        const module = window[UI_GLOBAL];
        if (!module) return reject(new Error("UI module missing"));
        const context: UiContext = { config, store, chat, root: launcher.root, launcher: launcher.button, close };
        void cssReady.then(() => resolve(module.mount(context)));
      };
      script.onerror = () => {
        css.remove();
        script.remove();
        reject(new Error("UI script failed to load"));
      };
      document.head.appendChild(script);
    }).catch((error: unknown) => {
      ui = null; // allow the next click to try again
      throw error;
    });
    return ui;
  }

  function open(focus: boolean): void {
    launcher.setBusy(true);
    launcher.setLoadError(null);
    loadUi().then(
      (handle) => {
        launcher.setBusy(false);
        shown = handle;
        store.update((s) => ({ ...s, open: true }));
        handle.show(focus);
        // The shopper is using this tab: it polls, so its replies arrive within one open-panel interval.
        if (focus) election.claim();
        void chat.loadHistory();
        poller.reschedule(true);
      },
      () => {
        launcher.setBusy(false);
        launcher.setLoadError(config.strings.loadError);
      }
    );
  }

  function close(): void {
    shown?.hide();
    store.update((s) => ({ ...s, open: false }));
    launcher.button.focus();
    poller.reschedule();
  }

  launcher.button.addEventListener("click", () => (store.get().open && shown ? close() : open(true)));
  // Start fetching the UI as soon as the shopper shows intent, so the first open feels instant.
  const warm = () => void loadUi().catch(() => undefined);
  launcher.button.addEventListener("pointerenter", warm, { once: true });
  launcher.button.addEventListener("focus", warm, { once: true });
  window.addEventListener("online", () => chat.retryOffline());
  document.addEventListener("visibilitychange", () => (document.hidden ? election.resign() : election.claim()));
  window.addEventListener("focus", () => election.claim());
  window.addEventListener("pagehide", () => {
    election.resign();
    // Another tab may have written its own (empty) outbox over ours since: what is still unsent must survive.
    store.flush();
  });

  const render = () => {
    const s = store.get();
    launcher.setExpanded(s.open && !!shown);
    launcher.setUnread(s.open ? 0 : unreadCount(s));
  };
  store.subscribe(render);
  render();

  // A page the shopper just opened or reloaded is the one they look at.
  election.claim();
  chat.resume();
  // Restore the panel after a navigation without stealing focus from the page the shopper just opened.
  if (store.get().open) open(false);
  else poller.reschedule(true);
  // A logged-in customer may have a message waiting that the shop started (a late or failed delivery): ask once.
  if (config.customerId && !store.get().conversationId) {
    chat.visitorId();
    void chat.poll().then(() => poller.reschedule());
  }
  booted = true;
}

function start(): void {
  if (window.__shopdeskChatLoaded) return; // the embed rendered twice (theme preview, duplicated block)
  const config = readConfig(document);
  if (!config) return;
  window.__shopdeskChatLoaded = true;
  boot(config);
}

// A deferred script runs just before DOMContentLoaded and holds it up; booting one task later lets the theme's own
// DOMContentLoaded handlers run first. The block's config element is already parsed by then either way.
setTimeout(start, 0);
