// Every node is built with DOM APIs and every string goes in through textContent or setAttribute:
// the widget never parses markup, so a message cannot inject any.
import { linkify } from "./linkify";

type Props = { class?: string; text?: string } & Record<string, string | undefined>;

/** Creates an element with attributes, optional text and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: (Node | null | undefined | false)[] = []
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** A 24×24 decorative icon from one path; hidden from assistive technology (the button carries the name). */
export function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "sd-icon");
  const p = document.createElementNS(SVG_NS, "path");
  p.setAttribute("d", path);
  p.setAttribute("fill", "currentColor");
  svg.appendChild(p);
  return svg;
}

/** Text for screen readers only. */
export function srOnly(text: string): HTMLSpanElement {
  return el("span", { class: "sd-sr", text });
}

/** Appends message text: plain text nodes, plus anchors for http(s) URLs that open in a new tab. */
export function appendMessageText(parent: HTMLElement, text: string, newTabLabel: string): void {
  for (const segment of linkify(text)) {
    if (segment.kind === "text") {
      parent.appendChild(document.createTextNode(segment.text));
      continue;
    }
    const link = el("a", { href: segment.href, target: "_blank", rel: "noopener noreferrer", class: "sd-link" });
    link.textContent = segment.text;
    link.appendChild(srOnly(` (${newTabLabel})`));
    parent.appendChild(link);
  }
}
