import { formatList, formatMoney } from "../i18n";
import { tokens } from "../../knowledge/search";
import type { CatalogProduct } from "../catalog.server";
import type { Skill, SkillContext } from "./context";
import { refusal } from "./context";

export const PRODUCT_QUERY = `#graphql
  query ShopperProduct($id: ID!) {
    product(id: $id) {
      id
      title
      onlineStoreUrl
      handle
      variants(first: 50) {
        nodes { id title price availableForSale inventoryQuantity selectedOptions { name value } }
      }
    }
  }
`;

interface ProductAnswer {
  product: {
    id: string;
    title: string;
    onlineStoreUrl: string | null;
    handle: string;
    variants: {
      nodes: {
        id: string;
        title: string;
        price: string;
        availableForSale: boolean;
        inventoryQuantity: number | null;
        selectedOptions: { name: string; value: string }[];
      }[];
    };
  } | null;
}

const LOW_STOCK = 5;

/**
 * The product whose whole title the message holds, longest title first; also glued to Chinese or Japanese text
 * ("Ribbed Wool BeanieのBurgundy"), which has no spaces to split on. Very short titles are left to the word match.
 */
export function productNamedIn(text: string, catalog: CatalogProduct[]): CatalogProduct | undefined {
  const lower = text.toLowerCase();
  return catalog
    .filter((p) => p.title.length >= 6 && lower.includes(p.title.toLowerCase()))
    .sort((a, b) => b.title.length - a.title.length)[0];
}

/** The product a message is about: the NLU's catalog match, else the title sharing the most words with it. */
export function matchProduct(text: string, catalog: CatalogProduct[], entityIds: string[]): CatalogProduct | undefined {
  const byEntity = catalog.find((p) => entityIds.includes(p.id));
  if (byEntity) return byEntity;
  const named = productNamedIn(text, catalog);
  if (named) return named;
  const words = new Set(tokens(text));
  let best: { p: CatalogProduct; score: number } | undefined;
  for (const p of catalog) {
    const title = tokens(p.title);
    const score = title.filter((t) => words.has(t)).length / title.length;
    if (score >= 0.5 && (!best || score > best.score)) best = { p, score };
  }
  return best?.p;
}

/** Option values named in the message ("M", "blue"), matched against the product's options. */
export function requestedOptions(text: string, product: CatalogProduct): string[] {
  // A title may hold an option word ("Linen Napkins (Set of 4)"): only the words around it name options.
  const lower = text.toLowerCase().replaceAll(product.title.toLowerCase(), " ");
  return product.options.flatMap((o) => o.values.filter((v) => namesValue(lower, v.toLowerCase())));
}

/**
 * True when `value` stands as a word of its own in `text`: not inside a longer Latin word or number ("M" is not the
 * m of "merino"), but glued to Chinese or Japanese it counts ("BeanieのBurgundy", "King还有吗").
 */
function namesValue(text: string, value: string): boolean {
  let from = 0;
  for (let i = text.indexOf(value, from); i >= 0; i = text.indexOf(value, from)) {
    const before = text[i - 1] ?? " ";
    const after = text[i + value.length] ?? " ";
    if (!/[\p{Script=Latin}\p{N}]/u.test(before) && !/[\p{Script=Latin}\p{N}]/u.test(after)) return true;
    from = i + 1;
  }
  return false;
}

/** "Is the linen shirt in stock in M?", "how much is …": price, options and live stock. */
export const productQuestion: Skill = async (ctx: SkillContext) => {
  const mentioned = ctx.nlu.entities.products.map((p) => p.id);
  // "and in L?" after a product answer is about the same product.
  const match =
    matchProduct(ctx.text, ctx.catalog, mentioned) ??
    (ctx.state.topic === "product" ? ctx.catalog.find((p) => p.id === ctx.state.productId) : undefined);
  if (!match) return refusal(ctx.tr("product.notFound"), [ctx.tr("quick.human")]);
  const { product } = await ctx.graphql<ProductAnswer>(PRODUCT_QUERY, { id: match.id });
  if (!product) return refusal(ctx.tr("product.notFound"), [ctx.tr("quick.human")]);
  // "how many are left?" about the same product keeps the options asked before.
  const named = requestedOptions(ctx.text, match);
  const wanted = named.length || ctx.state.productId !== match.id ? named : (ctx.state.productOptions ?? []);
  const variants = product.variants.nodes;
  const prices = [...new Set(variants.map((v) => Number(v.price)))].sort((a, b) => a - b);
  const price =
    prices.length > 1
      ? `${formatMoney(prices[0], ctx.profile.currencyCode, ctx.locale)} – ${formatMoney(prices[prices.length - 1], ctx.profile.currencyCode, ctx.locale)}`
      : formatMoney(prices[0] ?? 0, ctx.profile.currencyCode, ctx.locale);
  // A stock question is answered yes or no first, for the variant asked; price and options follow.
  const lines: string[] = [];
  const summary = ctx.tr("product.summary", { title: product.title, price });
  const chosen = wanted.length
    ? variants.filter((v) => wanted.every((w) => v.selectedOptions.some((o) => o.value.toLowerCase() === w.toLowerCase())))
    : [];
  const inStock = variants.filter((v) => v.availableForSale && (v.inventoryQuantity ?? 0) > 0);
  const single = variants.length === 1 && variants[0].title === "Default Title";
  if (chosen.length) {
    for (const v of chosen.slice(0, 3)) {
      const label = `${product.title} (${v.title})`;
      const qty = v.inventoryQuantity ?? 0;
      if (!v.availableForSale || qty <= 0) lines.push(ctx.tr("product.noOutOfStock", { variant: label }));
      else if (qty <= LOW_STOCK) lines.push(ctx.tr("product.yesLowStock", { variant: label, count: qty }));
      else lines.push(ctx.tr("product.yesInStock", { variant: label }));
    }
    lines.push(summary);
    const allOut = chosen.every((v) => !v.availableForSale || (v.inventoryQuantity ?? 0) <= 0);
    if (allOut && inStock.length) lines.push(ctx.tr("product.otherOptions", { options: formatList(inStock.slice(0, 12).map((v) => v.title), ctx.locale) }));
  } else if (!inStock.length) {
    lines.push(ctx.tr("product.noneInStock", { title: product.title }), summary);
  } else if (single) {
    const qty = inStock[0].inventoryQuantity ?? 0;
    lines.push(
      qty <= LOW_STOCK
        ? ctx.tr("product.yesLowStock", { variant: product.title, count: qty })
        : ctx.tr("product.yesInStock", { variant: product.title }),
      summary,
    );
  } else {
    lines.push(
      ctx.tr("product.yesOptions", { title: product.title, options: formatList(inStock.slice(0, 12).map((v) => v.title), ctx.locale) }),
      summary,
    );
  }
  ctx.state.topic = "product";
  ctx.state.productId = product.id;
  ctx.state.productOptions = wanted;
  const url = product.onlineStoreUrl ?? `${ctx.profile.primaryDomain.url.replace(/\/$/, "")}/products/${product.handle}`;
  lines.push(ctx.tr("product.link", { url }));
  return { replies: [{ text: lines.join("\n"), meta: { productId: product.id } }], outcome: { kind: "resolved" } };
};
