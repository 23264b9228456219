import { format, type Strings } from "./config";
import { appendMessageText, el, srOnly } from "./dom";
import type { ChatState, Outgoing } from "./store";
import type { Message } from "./types";

/** Who wrote a message, as read out before its text. */
export function authorName(message: Message, t: Strings): string {
  if (message.author === "shopper") return t.you;
  if (message.author === "agent") return message.agentName || t.agent;
  if (message.author === "bot") return t.assistant;
  return "";
}

function messageNode(message: Message, t: Strings): HTMLLIElement {
  const li = el("li", { class: `sd-msg sd-msg-${message.author}` });
  const name = authorName(message, t);
  // Agents are people: show their name. Otherwise the side and colour of the bubble tell sighted shoppers.
  if (message.author === "agent") li.appendChild(el("span", { class: "sd-author", text: name }));
  else if (name) li.appendChild(srOnly(`${name}: `));
  const bubble = el("div", { class: "sd-bubble" });
  // Only replies from the shop get links; a shopper's own text stays exactly as typed.
  if (message.author === "bot" || message.author === "agent") appendMessageText(bubble, message.text, t.newTab);
  else bubble.textContent = message.text;
  li.appendChild(bubble);
  return li;
}

/** The line under a pending or failed message, or null for a message still sending without fuss. */
export function outboxStatus(item: Outgoing, t: Strings, now: number): string {
  if (item.state === "sending") return t.sending;
  const kind = item.error?.kind;
  if (kind === "offline") return t.offline;
  if (kind === "too_long") return format(t.tooLong, { max: 2000 });
  if (kind === "rate_limited") {
    const seconds = Math.max(0, Math.ceil(((item.retryAt ?? now) - now) / 1000));
    const countdown = format(t.rateLimited, { seconds });
    // The server's wording first when it sent one; the countdown tells when the automatic retry happens.
    return item.error?.message ? `${item.error.message} (${seconds} s)` : countdown;
  }
  return t.error;
}

interface OutboxView {
  node: HTMLLIElement;
  update(item: Outgoing, now: number): void;
}

function outboxNode(item: Outgoing, t: Strings, onRetry: (id: string) => void): OutboxView {
  const status = el("span", { class: "sd-status" });
  const retry = el("button", { type: "button", class: "sd-retry", text: t.retry });
  retry.addEventListener("click", () => onRetry(item.clientMessageId));
  const bubble = el("div", { class: "sd-bubble" });
  bubble.textContent = item.text;
  const node = el("li", { class: "sd-msg sd-msg-shopper sd-pending" }, [
    srOnly(`${t.you}: `),
    bubble,
    el("div", { class: "sd-meta" }, [status, retry]),
  ]);
  return {
    node,
    update(current, now) {
      node.classList.toggle("sd-failed", current.state === "failed");
      status.textContent = outboxStatus(current, t, now);
      // A 429 retries by itself and a too-long message cannot succeed, so neither gets a button.
      const kind = current.error?.kind;
      retry.hidden = current.state !== "failed" || kind === "rate_limited" || kind === "too_long";
    },
  };
}

export interface MessageList {
  element: HTMLOListElement;
  render(state: ChatState, now: number): void;
}

/**
 * The conversation as an ordered list. Confirmed messages never change, so their nodes are built once and kept;
 * nodes are moved rather than rebuilt so focus (on a Retry button, a link) survives re-renders.
 */
export function createMessageList(t: Strings, greeting: string, onRetry: (id: string) => void): MessageList {
  const element = el("ol", { class: "sd-messages" });
  const greetingNode = el("li", { class: "sd-msg sd-msg-bot" }, [
    srOnly(`${t.assistant}: `),
    el("div", { class: "sd-bubble", text: greeting }),
  ]);
  const typing = el("li", { class: "sd-msg sd-msg-bot sd-typing" }, [
    el("div", { class: "sd-bubble", "aria-hidden": "true" }, [
      el("span", { class: "sd-dot", text: "." }),
      el("span", { class: "sd-dot", text: "." }),
      el("span", { class: "sd-dot", text: "." }),
    ]),
    srOnly(t.typing),
  ]);
  const confirmed = new Map<number, HTMLLIElement>();
  const pending = new Map<string, OutboxView>();

  return {
    element,
    render(state, now) {
      const nodes: HTMLElement[] = [greetingNode];
      for (const message of state.messages) {
        let node = confirmed.get(message.id);
        if (!node) confirmed.set(message.id, (node = messageNode(message, t)));
        nodes.push(node);
      }
      const live = new Set<string>();
      for (const item of state.outbox) {
        let view = pending.get(item.clientMessageId);
        if (!view) pending.set(item.clientMessageId, (view = outboxNode(item, t, onRetry)));
        view.update(item, now);
        live.add(item.clientMessageId);
        nodes.push(view.node);
      }
      for (const id of pending.keys()) if (!live.has(id)) pending.delete(id);
      // "…" while the bot (or a person) is working on an answer to something we sent.
      if (state.outbox.some((o) => o.state === "sending")) nodes.push(typing);
      nodes.forEach((node, index) => {
        if (element.children[index] !== node) element.insertBefore(node, element.children[index] ?? null);
      });
      while (element.children.length > nodes.length) element.lastElementChild?.remove();
    },
  };
}
