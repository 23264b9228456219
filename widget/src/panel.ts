import { trapTab, createAnnouncer } from "./a11y";
import { createComposer } from "./composer";
import { format, type QuickReplyKey, type Strings } from "./config";
import type { UiContext, UiHandle } from "./contract";
import { createCsat } from "./csat";
import { el, icon } from "./dom";
import { authorName, createMessageList } from "./messages";
import { maxId, needsRating, type ChatState } from "./store";

const CLOSE_ICON =
  "M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z";

const QUICK_REPLY_STRING: Record<QuickReplyKey, keyof Strings> = {
  trackOrder: "quickTrackOrder",
  startReturn: "quickStartReturn",
  talkToPerson: "quickTalkToPerson",
};

// Below this width the panel covers the screen, so it becomes modal (focus stays inside it).
const FULL_SCREEN = "(max-width: 480px)";

/** Builds the conversation panel inside the widget's shadow root and keeps it in sync with the store. */
export function mountPanel({ config, store, chat, root, close }: UiContext): UiHandle {
  const t = config.strings;
  const live = el("div", { class: "sd-sr", "aria-live": "polite" });
  const announce = createAnnouncer(live);

  const list = createMessageList(t, t.greeting, (id) => {
    chat.retry(id);
    composer.input.focus(); // the Retry button disappears; keep focus somewhere useful
  });
  const scroller = el("div", { class: "sd-log", tabindex: "0", role: "region", "aria-label": t.log }, [list.element]);
  const quick = el("div", { class: "sd-quick" });
  const notice = el("p", { class: "sd-notice", role: "status" });
  const reload = el("button", { type: "button", class: "sd-retry", text: t.retry, hidden: "" });
  const composer = createComposer(
    t,
    (text) => chat.send(text),
    () => render()
  );
  const csat = createCsat(t, (score, comment) => chat.rate(score, comment), announce);
  const subtitle = el("p", { class: "sd-subtitle", hidden: "" });
  const closeButton = el("button", { type: "button", class: "sd-close", "aria-label": t.close }, [icon(CLOSE_ICON)]);
  const panel = el(
    "section",
    { id: "sd-panel", class: "sd-panel", role: "dialog", "aria-labelledby": "sd-title", hidden: "" },
    [
      el("header", { class: "sd-header" }, [
        el("div", { class: "sd-heading" }, [el("h2", { id: "sd-title", class: "sd-title", text: t.title }), subtitle]),
        closeButton,
      ]),
      scroller,
      el("div", { class: "sd-notice-row" }, [notice, reload]),
      csat.element,
      quick,
      composer.element,
      live,
    ]
  );
  root.appendChild(panel);

  const fullScreen = window.matchMedia(FULL_SCREEN);
  let announcedUpTo: number | null = null;
  let quickKey = "";
  let countdown: ReturnType<typeof setInterval> | undefined;
  // A failed outbox entry is a new object each time it fails, so each failure is announced exactly once.
  const announcedFailures = new WeakSet<object>();

  // Follow the newest message unless the shopper has scrolled up to read. Measuring this inside render() was wrong:
  // by then new messages or a notice, the rating form or a taller composer had already moved the end out of view.
  let stickToEnd = true;
  const scrollToEnd = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };
  scroller.addEventListener("scroll", () => {
    stickToEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
  });
  // The log also shrinks or grows without a store change (composer growing with the text, the window resizing).
  new ResizeObserver(() => {
    if (stickToEnd && !panel.hidden) scrollToEnd();
  }).observe(scroller);

  closeButton.addEventListener("click", close);
  reload.addEventListener("click", () => void chat.loadHistory());
  root.addEventListener("keydown", (event) => {
    const e = event as KeyboardEvent;
    if (e.key === "Escape" && !panel.hidden) {
      e.preventDefault();
      close();
    } else if (!panel.hidden && fullScreen.matches) {
      trapTab(e, panel, root.activeElement);
    }
  });
  window.addEventListener("online", () => render());
  window.addEventListener("offline", () => render());

  function quickReplies(state: ChatState): string[] {
    if (state.outbox.length) return [];
    const last = state.messages[state.messages.length - 1];
    if (last) return last.author === "bot" && last.quickReplies ? last.quickReplies : [];
    return state.historyLoaded ? config.settings.quickReplies.map((key) => t[QUICK_REPLY_STRING[key]]) : [];
  }

  function renderQuickReplies(replies: string[]): void {
    const key = replies.join("\n");
    if (key === quickKey) return; // rebuilding would drop keyboard focus on a reply button
    quickKey = key;
    quick.replaceChildren(
      ...replies.map((text) => {
        const button = el("button", { type: "button", class: "sd-chip", text });
        button.addEventListener("click", () => {
          chat.send(text);
          composer.input.focus();
        });
        return button;
      })
    );
    quick.hidden = replies.length === 0;
  }

  function announceNew(state: ChatState): void {
    // The history that is already there when the panel opens is not read out, only what arrives afterwards.
    if (!state.historyLoaded) return;
    if (announcedUpTo === null) {
      announcedUpTo = maxId(state.messages);
      return;
    }
    const fresh = state.messages.filter((m) => m.id > (announcedUpTo ?? 0) && m.author !== "shopper");
    announcedUpTo = maxId(state.messages);
    if (fresh.length) announce(fresh.map((m) => `${authorName(m, t)}: ${m.text}`).join("\n"));
  }

  function noticeText(state: ChatState): string {
    if (state.loadError) return t.loadError;
    if (composer.tooLong()) return format(t.tooLong, { max: 2000 });
    if (!navigator.onLine) return t.offline;
    if (state.status === "closed") return t.closed;
    return "";
  }

  function render(): void {
    if (panel.hidden) return;
    const state = store.get();
    const now = Date.now();
    list.render(state, now);
    renderQuickReplies(quickReplies(state));
    const text = noticeText(state);
    if (notice.textContent !== text) notice.textContent = text;
    notice.hidden = !text;
    reload.hidden = !state.loadError;
    subtitle.hidden = state.status !== "waiting";
    subtitle.textContent = t.waiting;
    csat.render(needsRating(state), state.status === "closed");
    announceNew(state);
    for (const item of state.outbox) {
      if (item.state === "failed" && item.error && !announcedFailures.has(item)) {
        announcedFailures.add(item);
        announce(item.error.kind === "rate_limited" && item.error.message ? item.error.message : t.error);
      }
    }
    // Tick the 429 countdown once a second while a retry is scheduled.
    const waiting = state.outbox.some((o) => o.retryAt && o.retryAt > now);
    if (waiting && !countdown) countdown = setInterval(render, 1000);
    if (!waiting && countdown) countdown = void clearInterval(countdown);
    if (!document.hidden) queueMicrotask(() => chat.markSeen());
    // Last, after the notice, rating form and quick replies have taken their room from the log.
    if (stickToEnd) scrollToEnd();
  }
  store.subscribe(render);

  return {
    show(focus) {
      panel.hidden = false;
      panel.setAttribute("aria-modal", String(fullScreen.matches));
      stickToEnd = true;
      render();
      if (focus) composer.input.focus();
    },
    hide() {
      panel.hidden = true;
      if (countdown) countdown = void clearInterval(countdown);
    },
  };
}
