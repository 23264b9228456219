import { format, type Strings } from "./config";
import { el } from "./dom";

export interface Csat {
  element: HTMLElement;
  /** `ask`: a rating is due; `ended`: the conversation is closed (the thanks stays until a new one starts). */
  render(ask: boolean, ended: boolean): void;
}

/** The 1–5 rating asked once a conversation is closed, with an optional comment. */
export function createCsat(
  t: Strings,
  rate: (score: number, comment: string) => Promise<boolean>,
  announce: (text: string) => void
): Csat {
  let score = 0;
  let thanked = false;
  const scores = [1, 2, 3, 4, 5].map((value) => {
    const button = el("button", {
      type: "button",
      class: "sd-score",
      text: String(value),
      "aria-label": format(t.csatScore, { score: value }),
      "aria-pressed": "false",
    });
    button.addEventListener("click", () => {
      score = value;
      scores.forEach((b, i) => b.setAttribute("aria-pressed", String(i + 1 === value)));
    });
    return button;
  });
  // The API accepts up to 1000 characters of comment; a cut-off comment is harmless, unlike a cut-off message.
  const comment = el("textarea", {
    id: "sd-csat-comment",
    class: "sd-input sd-csat-comment",
    rows: "2",
    maxlength: "1000",
  });
  const submit = el("button", { type: "submit", class: "sd-button", text: t.csatSubmit });
  const form = el("form", { class: "sd-csat-form" }, [
    el("div", { class: "sd-scores", role: "group", "aria-labelledby": "sd-csat-title" }, scores),
    el("label", { for: "sd-csat-comment", class: "sd-csat-label", text: t.csatComment }),
    comment,
    submit,
  ]);
  const thanks = el("p", { class: "sd-csat-thanks", text: t.csatThanks, hidden: "" });
  const element = el("section", { class: "sd-csat", "aria-labelledby": "sd-csat-title", hidden: "" }, [
    el("p", { id: "sd-csat-title", class: "sd-csat-title", text: t.csatPrompt }),
    form,
    thanks,
  ]);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!score) {
      scores[0].focus();
      return;
    }
    submit.disabled = true;
    void rate(score, comment.value.trim()).then((ok) => {
      submit.disabled = false;
      if (!ok) return announce(t.error);
      thanked = true;
      form.hidden = true;
      thanks.hidden = false;
      announce(t.csatThanks);
    });
  });

  return {
    element,
    render(ask, ended) {
      if (!ended && thanked) {
        // A new conversation began: the next close asks again, from a clean form.
        thanked = false;
        score = 0;
        comment.value = "";
        scores.forEach((b) => b.setAttribute("aria-pressed", "false"));
        form.hidden = false;
        thanks.hidden = true;
      }
      element.hidden = !(ask || (thanked && ended));
    },
  };
}
