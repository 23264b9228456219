import { describe, expect, it } from "vitest";
import { extractEntities, suggestEmail, type Catalog, type Entity } from "./entities";

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

// Shoppers writing Chinese, Japanese, Korean, Russian or Arabic glue numbers and addresses to their words, and a CJK
// keyboard in full-width mode types ＃１０２７, ＠ and ．. Values come out in ASCII; spans point at the original text.
describe("extractEntities: code-mixed and full-width text", () => {
  const typed = (text: string) =>
    extractEntities(text).map((e: Entity) => ({ type: e.type, value: e.value, text: e.text }));

  it.each([
    ["我的订单#1027在哪里zoe.parker@example.org", [["order_number", "1027", "1027"], ["email", "zoe.parker@example.org", "zoe.parker@example.org"]]],
    ["注文＃１０２７はどこですかzoe.parker@example.org", [["order_number", "1027", "１０２７"], ["email", "zoe.parker@example.org", "zoe.parker@example.org"]]],
    ["zoe.parker@example.org的订单1027", [["email", "zoe.parker@example.org", "zoe.parker@example.org"], ["order_number", "1027", "1027"]]],
    ["メールはzoe.parker@example.orgです", [["email", "zoe.parker@example.org", "zoe.parker@example.org"]]],
    [
      "订单号：１０２７，邮箱ＺＯＥ．ＰＡＲＫＥＲ＠ＥＸＡＭＰＬＥ．ＯＲＧ",
      [["order_number", "1027", "１０２７"], ["email", "zoe.parker@example.org", "ＺＯＥ．ＰＡＲＫＥＲ＠ＥＸＡＭＰＬＥ．ＯＲＧ"]],
    ],
    ["電話番号は０９０－１２３４－５６７８", [["phone", "09012345678", "０９０－１２３４－５６７８"]]],
    ["電話番号は０９０ー１２３４ー５６７８", [["phone", "09012345678", "０９０ー１２３４ー５６７８"]]],
    ["追跡番号1Z999AA10123456784まだ届かない", [["tracking_number", "1Z999AA10123456784", "1Z999AA10123456784"]]],
    ["주문1027어디있어요zoe.parker@example.org", [["order_number", "1027", "1027"], ["email", "zoe.parker@example.org", "zoe.parker@example.org"]]],
    ["где мой заказ1027zoe.parker@example.org", [["order_number", "1027", "1027"], ["email", "zoe.parker@example.org", "zoe.parker@example.org"]]],
    ["أين طلبي1027zoe.parker@example.org", [["order_number", "1027", "1027"], ["email", "zoe.parker@example.org", "zoe.parker@example.org"]]],
    ["رقم الطلب ١٠٢٧", [["order_number", "1027", "١٠٢٧"]]],
    ["#1027zoe.parker@example.org", [["order_number", "1027", "1027"], ["email", "zoe.parker@example.org", "zoe.parker@example.org"]]],
    ["我的电话13812345678订单1027", [["phone", "13812345678", "13812345678"], ["order_number", "1027", "1027"]]],
    ["电话13812345678zoe.parker@example.org", [["phone", "13812345678", "13812345678"], ["email", "zoe.parker@example.org", "zoe.parker@example.org"]]],
    ["телефон+79161234567заказ1027", [["phone", "+79161234567", "+79161234567"], ["order_number", "1027", "1027"]]],
    ["#1027号订单", [["order_number", "1027", "1027"]]],
    ["1027番の注文", [["order_number", "1027", "1027"]]],
    ["zoe.parker@example.org1027", [["email", "zoe.parker@example.org", "zoe.parker@example.org"], ["order_number", "1027", "1027"]]],
  ])("%j", (text, expected) => {
    expect(typed(text)).toEqual(expected.map(([type, value, written]) => ({ type, value, text: written })));
    for (const e of extractEntities(text)) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it("keeps digits that begin an address when no order or phone word comes before them (QQ addresses are numbers)", () => {
    expect(pick("我的邮箱是12345678@qq.com")).toEqual([{ type: "email", value: "12345678@qq.com" }]);
    expect(pick("メールはabc1027zoe@example.org")).toEqual([{ type: "email", value: "abc1027zoe@example.org" }]);
  });

  it("reads the ideographic full stop as a dot only inside an address", () => {
    expect(pick("zoe。parker＠example。org")).toEqual([{ type: "email", value: "zoe.parker@example.org" }]);
    expect(pick("我的邮箱是zoe@qq.com。Thanks")).toEqual([{ type: "email", value: "zoe@qq.com" }]);
    expect(pick("zoe@example.org。谢谢")).toEqual([{ type: "email", value: "zoe@example.org" }]);
  });
});

describe("extractEntities: e-mails as shoppers write them", () => {
  it.each([
    "zoe.parker @ example.org",
    "zoe.parker@ example.org",
    "zoe.parker@example,org",
    "zoe.parker(at)example.org",
    "zoe.parker [at] example [dot] org",
    "zoe.parker at example.org",
    "zoe.parker@example .org",
    "my email: zoe.parker @ example.org. Thanks!",
  ])("reads %j as zoe.parker@example.org", (text) => {
    const [e] = extractEntities(text);
    expect(e).toMatchObject({ type: "email", value: "zoe.parker@example.org" });
    expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(e.text.startsWith("zoe.parker")).toBe(true);
    expect(e.text.endsWith("org")).toBe(true);
  });

  it.each([
    "look at example.com",
    "I bought order 1027 at shop.com",
    "thanks for nothing @amazon.com",
    "zoe@acme, thanks",
    "write to zoe@example. it is urgent",
  ])("does not make an address of %j", (text) => {
    expect(pick(text).filter((e) => e.type === "email")).toEqual([]);
  });

  it.each([
    ["zoe@gmial.com", "zoe@gmail.com"],
    ["zoe@gmai.com", "zoe@gmail.com"],
    ["zoe@gmail.con", "zoe@gmail.com"],
    ["zoe@gmail.co", "zoe@gmail.com"],
    ["zoe@hotmial.com", "zoe@hotmail.com"],
    ["zoe@hotmial.con", "zoe@hotmail.com"],
    ["zoe@yaho.com", "zoe@yahoo.com"],
    ["zoe@outlok.com", "zoe@outlook.com"],
    ["zoe@icloud.co", "zoe@icloud.com"],
    ["zoe@yaho.co.jp", "zoe@yahoo.co.jp"],
    ["zoe@qq.con", "zoe@qq.com"],
    ["zoe@gmail", "zoe@gmail.com"],
  ])("keeps %j as written and suggests %j", (text, suggestion) => {
    expect(extractEntities(`my email is ${text} thanks`)).toEqual([
      expect.objectContaining({ type: "email", value: text, text, suggestion }),
    ]);
  });

  it.each([
    "zoe@gmail.com",
    "zoe@ymail.com",
    "zoe@email.com",
    "zoe@hotmail.co.uk",
    "zoe@yahoo.co.jp",
    "zoe@life.com",
    "zoe@example.org",
    "zoe@acme.co",
  ])("suggests nothing for %j", (address) => {
    expect(suggestEmail(address)).toBeUndefined();
    expect(extractEntities(address)[0]).not.toHaveProperty("suggestion");
  });
});
