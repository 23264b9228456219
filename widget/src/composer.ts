import { format, MAX_MESSAGE_LENGTH, type Strings } from "./config";
import { el, icon, srOnly } from "./dom";

const SEND_ICON = "M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z";

export interface Composer {
  element: HTMLFormElement;
  input: HTMLTextAreaElement;
  /** True when the draft is over the limit (the panel shows why). */
  tooLong(): boolean;
}

/**
 * Text box, character counter and send button. Enter sends, Shift+Enter adds a line; Enter while an IME is
 * composing (Japanese, Chinese) only confirms the composition.
 */
export function createComposer(t: Strings, onSend: (text: string) => boolean, onChange: () => void): Composer {
  const input = el("textarea", {
    id: "sd-input",
    class: "sd-input",
    rows: "1",
    placeholder: t.placeholder,
    "aria-describedby": "sd-counter-text",
    enterkeyhint: "send",
  });
  const counter = el("span", { class: "sd-counter", "aria-hidden": "true" });
  const counterText = srOnly("");
  counterText.id = "sd-counter-text";
  const send = el("button", { type: "submit", class: "sd-send", "aria-label": t.send }, [icon(SEND_ICON)]);
  const element = el("form", { class: "sd-composer" }, [
    el("label", { for: "sd-input", class: "sd-sr", text: t.inputLabel }),
    input,
    el("div", { class: "sd-composer-side" }, [send, counter, counterText]),
  ]);

  // No maxlength attribute: it would silently cut a pasted text; the counter and a message explain instead.
  const length = () => input.value.trim().length;
  const refresh = (notify = true) => {
    const count = length();
    const over = count > MAX_MESSAGE_LENGTH;
    counter.textContent = `${count}/${MAX_MESSAGE_LENGTH}`;
    counter.classList.toggle("sd-over", over);
    counterText.textContent = format(t.counter, { count, max: MAX_MESSAGE_LENGTH });
    if (over) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    if (notify) onChange();
  };
  const submit = () => {
    if (length() > MAX_MESSAGE_LENGTH) return;
    if (onSend(input.value)) {
      input.value = "";
      refresh();
    }
  };

  element.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
    input.focus();
  });
  input.addEventListener("keydown", (event) => {
    // keyCode 229 is how Safari reports keys that belong to an IME composition.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  });
  input.addEventListener("input", () => refresh());
  refresh(false);

  return { element, input, tooLong: () => length() > MAX_MESSAGE_LENGTH };
}
