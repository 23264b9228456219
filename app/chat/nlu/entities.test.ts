import { describe, expect, it } from "vitest";
import { extractEntities, type Catalog } from "./entities";

const pick = (text: string, catalog?: Catalog) =>
  extractEntities(text, { catalog }).map((e) => ({
    type: e.type,
    value: e.value,
  }));

describe("extractEntities", () => {
  it.each([
    ["where is #1001?", "1001"],
    ["order 1001 has not arrived", "1001"],
    ["order no. 48213", "48213"],
    ["dónde está mi pedido 1001", "1001"],
    ["订单1001到哪了", "1001"],
    ["注文番号：5521", "5521"],
    ["wheres 1234??", "1234"],
  ])("reads the order number in %j", (text, value) => {
    expect(pick(text)).toContainEqual({ type: "order_number", value });
  });

  it("does not read an order number as a phone", () => {
    const types = pick("order 1001 and 1002 please").map((e) => e.type);
    expect(types).not.toContain("phone");
    expect(
      pick("order 1001 and 1002 please").filter(
        (e) => e.type === "order_number"
      )
    ).toHaveLength(2);
  });

  it("does not read a phone number as an order number", () => {
    expect(pick("call me at (415) 555-2671")).toEqual([
      { type: "phone", value: "4155552671" },
    ]);
    expect(pick("my number is +44 20 7946 0958")).toEqual([
      { type: "phone", value: "+442079460958" },
    ]);
    expect(pick("phone: 0612345678")).toEqual([
      { type: "phone", value: "0612345678" },
    ]);
  });

  it("keeps prices, quantities and years out of order numbers", () => {
    expect(pick("it cost $1200")).toEqual([]);
    expect(pick("I ordered 2 shirts in 2024")).toEqual([]);
  });

  it("finds e-mails glued to Chinese or Japanese text without taking the text along", () => {
    expect(pick("我的邮箱是li.wei@qq.com订单1043")).toContainEqual({ type: "email", value: "li.wei@qq.com" });
    expect(pick("注文#1042はどこ？yuki@mail.jp")).toContainEqual({ type: "email", value: "yuki@mail.jp" });
  });

  it("finds e-mails", () => {
    expect(pick("reach me at Jane.Doe+shop@example.co.uk")).toEqual([
      { type: "email", value: "jane.doe+shop@example.co.uk" },
    ]);
  });

  it.each([
    ["1Z999AA10123456784", "ups"],
    ["9400 1000 0000 0000 0000 00", "usps"],
    ["9205590164917312751089", "usps"],
    ["tracking 123456789012", "fedex"],
    ["DHL waybill 1234567890", "dhl"],
    ["LX123456789CN", "other"],
    ["tracking number: JD0146000039", "other"],
  ])("finds the tracking number in %j (%s)", (text, carrier) => {
    const found = extractEntities(text).filter(
      (e) => e.type === "tracking_number"
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ carrier });
  });

  const catalog: Catalog = {
    products: [
      {
        id: "gid://shopify/Product/1",
        title: "Linen Shirt",
        variants: [
          { id: "v-s", title: "S / White", options: ["S", "White"] },
          { id: "v-m", title: "M / White", options: ["M", "White"] },
          { id: "v-m-blue", title: "M / Blue", options: ["M", "Blue"] },
        ],
      },
      {
        id: "gid://shopify/Product/2",
        title: "Canvas Tote",
        variants: [{ id: "t1", title: "Default", options: ["Default Title"] }],
      },
    ],
  };

  it("matches a product and its size option from the catalog", () => {
    const [product] = extractEntities("is the Linen Shirt in stock in M?", {
      catalog,
    });
    expect(product).toMatchObject({
      type: "product",
      productId: "gid://shopify/Product/1",
      options: ["M"],
    });
    expect(product).not.toHaveProperty("variantId", "v-s");
  });

  it("resolves the variant when the options pick one out", () => {
    const [product] = extractEntities(
      "do you have the linen shirt in M in blue",
      { catalog }
    );
    expect(product).toMatchObject({
      type: "product",
      variantId: "v-m-blue",
      options: ["M", "Blue"],
    });
  });

  it("does not take the word 'I'm' or 'a' as a size", () => {
    const [product] = extractEntities("I'm looking for a linen shirt", {
      catalog,
    });
    expect(product).toMatchObject({ type: "product", options: [] });
  });
});
