import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../test/fixtures";
import { ArticleInput, createArticle, deleteArticle, knowledgeDocs, listArticles, updateArticle } from "./knowledge.server";
import { searchKnowledge } from "./search";

const A = "kb-a.myshopify.com";
const B = "kb-b.myshopify.com";
const article = (over: Partial<ArticleInput> = {}): ArticleInput => ({
  title: "Do you ship to Canada?",
  body: "Yes: Canada Post, 5 to 8 business days, duties included.",
  language: "en",
  kind: "faq",
  published: true,
  ...over,
});

beforeEach(resetDatabase);

describe("knowledge base", () => {
  it("keeps each shop's articles to itself, for edits and deletes too", async () => {
    const mine = await createArticle(A, article());
    await createArticle(B, article({ title: "B's secret" }));
    expect((await listArticles(A)).map((a) => a.title)).toEqual(["Do you ship to Canada?"]);
    expect(await updateArticle(B, mine.id, article({ title: "hijacked" }))).toBe(false);
    expect(await deleteArticle(B, mine.id)).toBe(false);
    expect((await listArticles(A))[0].title).toBe("Do you ship to Canada?");
  });

  it("refuses an article without a real title or body", () => {
    const result = ArticleInput.safeParse({ ...article(), title: "a", body: "" });
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(["title", "body"]);
  });

  it("quotes drafts never, and prefers the shopper's language", async () => {
    await createArticle(A, article({ published: false, title: "Draft shipping", body: "Canada shipping draft text" }));
    await createArticle(A, article({ language: "fr", title: "Livrez-vous au Canada ?", body: "Oui : Postes Canada, 5 à 8 jours ouvrés." }));
    const fr = await knowledgeDocs(A, "fr", []);
    expect(fr.map((d) => d.title)).toEqual(["Livrez-vous au Canada ?"]);
    const en = await knowledgeDocs(A, "en", []);
    expect(en.map((d) => d.title)).not.toContain("Draft shipping");
  });

  it("quotes the sentence that holds what was asked: the price for 'how much', the days for 'how long'", () => {
    const body = [
      "We ship from Portland with carriers we trust, and every parcel is packed by hand in recycled boxes so it arrives in good shape.",
      "Standard shipping takes 3 to 6 business days within the United States, and you get a tracking link by email the moment your parcel leaves us.",
      "Parcels are insured for their full value, and a signature is never needed unless you ask for one at checkout.",
      "Standard shipping costs $8, and it is free on orders over $100.",
    ].join(" ");
    const docs = [{ id: "SHIPPING_POLICY", source: "Shipping policy", title: "Shipping policy", body, kind: "SHIPPING_POLICY" }];
    expect(body.length).toBeGreaterThan(320);
    const price = searchKnowledge(docs, "how much is standard shipping?")[0].excerpt;
    expect(price).toContain("Standard shipping costs $8, and it is free on orders over $100.");
    expect(price.length).toBeLessThanOrEqual(320);
    const time = searchKnowledge(docs, "how long does standard shipping take?")[0].excerpt;
    expect(time).toContain("3 to 6 business days");
  });

  it("finds nothing rather than quoting at random", () => {
    const docs = [{ id: "1", source: "Shipping", title: "Shipping times", body: "3 to 5 business days.", kind: "faq" }];
    expect(searchKnowledge(docs, "what is the capital of peru")).toEqual([]);
    expect(searchKnowledge(docs, "how many days does shipping take")[0].doc.id).toBe("1");
  });
});
