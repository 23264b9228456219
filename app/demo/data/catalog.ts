import type { Random } from "./random";
import type { DemoProduct, DemoVariant } from "./types";

type ProductSpec = {
  title: string;
  type: string;
  price: number;
  compareAt?: number;
  tags: string[];
  sizes?: string[];
  colors?: string[];
  blurb: string;
};

const APPAREL = ["XS", "S", "M", "L", "XL"];
const BEDDING = ["Twin", "Queen", "King"];

const SPECS: ProductSpec[] = [
  {
    title: "Merino Crew Sweater",
    type: "Sweaters",
    price: 98,
    tags: ["merino", "knitwear", "bestseller"],
    sizes: APPAREL,
    colors: ["Oatmeal", "Navy", "Forest"],
    blurb:
      "A midweight crew knitted from responsibly sourced 18.5-micron merino. Warm without bulk, soft enough to wear next to skin.",
  },
  {
    title: "Waxed Canvas Field Jacket",
    type: "Jackets",
    price: 245,
    compareAt: 289,
    tags: ["outerwear", "waxed-canvas", "sale"],
    sizes: ["S", "M", "L", "XL"],
    colors: ["Tobacco", "Olive"],
    blurb:
      "Water-resistant waxed cotton with a corduroy collar, four bellows pockets and a blanket-flannel lining.",
  },
  {
    title: "Organic Cotton Tee",
    type: "T-Shirts",
    price: 32,
    tags: ["organic", "basics", "bestseller"],
    sizes: APPAREL,
    colors: ["White", "Black", "Heather Grey", "Clay"],
    blurb:
      "Garment-dyed 180 gsm organic cotton jersey with a relaxed fit. Pre-washed, so it keeps its shape.",
  },
  {
    title: "Brushed Flannel Shirt",
    type: "Shirts",
    price: 78,
    tags: ["flannel", "shirts"],
    sizes: APPAREL,
    colors: ["Red Buffalo", "Blue Tartan"],
    blurb:
      "Double-brushed Portuguese flannel with a two-pocket chest and a shirttail hem.",
  },
  {
    title: "Everyday Stretch Chino",
    type: "Pants",
    price: 88,
    tags: ["chinos", "pants"],
    sizes: ["28", "30", "32", "34", "36"],
    colors: ["Khaki", "Navy", "Charcoal"],
    blurb:
      "A slim-straight chino in cotton twill with 2% stretch for days spent moving.",
  },
  {
    title: "Trail Hiking Socks (3-Pack)",
    type: "Socks",
    price: 36,
    tags: ["socks", "merino", "hiking"],
    sizes: ["S/M", "L/XL"],
    colors: ["Assorted"],
    blurb:
      "Cushioned merino-blend hiking socks with a reinforced heel and toe. Three pairs per pack.",
  },
  {
    title: "Recycled Down Puffer Vest",
    type: "Jackets",
    price: 160,
    compareAt: 195,
    tags: ["outerwear", "recycled", "sale"],
    sizes: ["S", "M", "L", "XL"],
    colors: ["Black", "Rust"],
    blurb:
      "650-fill recycled down in a packable ripstop shell. Stuffs into its own pocket.",
  },
  {
    title: "Packable Rain Shell",
    type: "Jackets",
    price: 139,
    tags: ["outerwear", "rain"],
    sizes: APPAREL,
    colors: ["Slate", "Mustard"],
    blurb:
      "A 2.5-layer waterproof, breathable shell with taped seams and an adjustable hood.",
  },
  {
    title: "Ribbed Wool Beanie",
    type: "Accessories",
    price: 28,
    tags: ["accessories", "wool", "gift"],
    colors: ["Charcoal", "Cream", "Burgundy"],
    blurb: "A fisherman-rib beanie in lambswool with a deep turn-up cuff.",
  },
  {
    title: "Full-Grain Leather Belt",
    type: "Accessories",
    price: 64,
    tags: ["accessories", "leather"],
    sizes: ["30", "32", "34", "36", "38"],
    colors: ["Brown", "Black"],
    blurb:
      "Vegetable-tanned full-grain leather with a solid brass buckle. Ages beautifully.",
  },
  {
    title: "Heavyweight Hoodie",
    type: "Sweatshirts",
    price: 92,
    tags: ["fleece", "bestseller"],
    sizes: APPAREL,
    colors: ["Black", "Heather Grey", "Sage"],
    blurb:
      "Loopback 400 gsm cotton fleece, brushed inside, with a double-layer hood.",
  },
  {
    title: "Linen Button-Down Shirt",
    type: "Shirts",
    price: 85,
    tags: ["linen", "shirts", "summer"],
    sizes: APPAREL,
    colors: ["White", "Sky", "Sand"],
    blurb:
      "European flax linen, garment-washed for softness. Breathes on the hottest days.",
  },
  {
    title: "Selvedge Denim Jeans",
    type: "Pants",
    price: 168,
    tags: ["denim", "pants"],
    sizes: ["28", "30", "32", "34", "36"],
    colors: ["Indigo Rinse"],
    blurb:
      "14 oz Japanese selvedge denim in a tapered fit. Unwashed: it fades to your life.",
  },
  {
    title: "Canvas Market Tote",
    type: "Bags",
    price: 45,
    tags: ["bags", "gift"],
    colors: ["Natural", "Black"],
    blurb: "18 oz cotton canvas with leather handles and an inside zip pocket.",
  },
  {
    title: "Stonewashed Linen Duvet Cover",
    type: "Bedding",
    price: 210,
    compareAt: 240,
    tags: ["home", "linen", "bedding", "sale"],
    sizes: BEDDING,
    colors: ["White", "Fog", "Terracotta"],
    blurb:
      "Stonewashed French linen that softens with every wash. Coconut-shell buttons, corner ties.",
  },
  {
    title: "Percale Sheet Set",
    type: "Bedding",
    price: 148,
    tags: ["home", "bedding", "bestseller"],
    sizes: BEDDING,
    colors: ["White", "Dove Grey"],
    blurb:
      "Crisp 300-thread-count long-staple cotton percale: fitted sheet, flat sheet and two pillowcases.",
  },
  {
    title: "Chunky Wool Throw",
    type: "Throws",
    price: 135,
    tags: ["home", "wool", "gift"],
    colors: ["Cream", "Charcoal", "Moss"],
    blurb: "A hand-finished throw in undyed New Zealand wool. 130 x 180 cm.",
  },
  {
    title: "Waffle Bath Towel",
    type: "Bath",
    price: 42,
    tags: ["home", "bath"],
    sizes: ["Hand", "Bath", "Bath Sheet"],
    colors: ["White", "Stone", "Sage"],
    blurb:
      "Turkish cotton waffle weave: light, quick to dry and gets softer over time.",
  },
  {
    title: "Stoneware Mug Set of 4",
    type: "Kitchen",
    price: 56,
    tags: ["home", "kitchen", "gift"],
    colors: ["Speckled White", "Charcoal"],
    blurb:
      "Reactive-glaze stoneware mugs, 350 ml each. Dishwasher and microwave safe.",
  },
  {
    title: "Pre-Seasoned Cast Iron Skillet",
    type: "Kitchen",
    price: 75,
    tags: ["home", "kitchen", "cast-iron"],
    sizes: ['8"', '10"', '12"'],
    blurb:
      "Smooth-milled cast iron seasoned with flaxseed oil. Made to outlive you.",
  },
  {
    title: "Cedar & Sage Soy Candle",
    type: "Home Fragrance",
    price: 34,
    tags: ["home", "candles", "gift"],
    sizes: ["8 oz", "14 oz"],
    blurb:
      "Hand-poured soy wax with a cotton wick. Notes of cedarwood, sage and vetiver. 50-hour burn.",
  },
  {
    title: "Enamel Camp Mug",
    type: "Outdoor",
    price: 18,
    tags: ["outdoor", "gift"],
    colors: ["Cream", "Navy", "Red"],
    blurb: "Enamelled steel with a rolled stainless rim. Campfire-proof.",
  },
  {
    title: "Ceramic Planter with Saucer",
    type: "Decor",
    price: 48,
    tags: ["home", "decor", "plants"],
    sizes: ["Small", "Medium", "Large"],
    colors: ["Terracotta", "Matte White"],
    blurb:
      "Wheel-thrown ceramic planter with drainage hole and matching saucer.",
  },
  {
    title: "Wool Blend Area Rug",
    type: "Rugs",
    price: 320,
    compareAt: 380,
    tags: ["home", "rugs", "sale"],
    sizes: ["5x8 ft", "8x10 ft"],
    colors: ["Ivory/Charcoal"],
    blurb:
      "Hand-loomed wool and cotton flatweave with a subtle diamond pattern.",
  },
  {
    title: "Linen Napkins (Set of 4)",
    type: "Table Linen",
    price: 38,
    tags: ["home", "linen", "kitchen"],
    colors: ["Natural", "Indigo", "Rust"],
    blurb: "Stonewashed linen napkins with mitred corners. 45 x 45 cm.",
  },
  {
    title: "Down Alternative Pillow",
    type: "Bedding",
    price: 69,
    tags: ["home", "bedding"],
    sizes: ["Standard", "King"],
    blurb:
      "Hypoallergenic microfibre fill in a cotton sateen shell. Medium support.",
  },
  {
    title: "Gift Card",
    type: "Gift Cards",
    price: 50,
    tags: ["gift"],
    sizes: ["$25", "$50", "$100"],
    blurb:
      "Can't decide? Our digital gift card is delivered by email and never expires.",
  },
  {
    title: "Leather Card Wallet",
    type: "Accessories",
    price: 55,
    tags: ["accessories", "leather", "gift"],
    colors: ["Tan", "Black"],
    blurb:
      "Four card slots and a centre pocket in full-grain leather, hand-stitched.",
  },
];

const GIFT_CARD_PRICES: Record<string, number> = {
  $25: 25,
  $50: 50,
  $100: 100,
};

function handleOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function skuPart(value: string): string {
  return (
    value
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 3)
      .toUpperCase() || "X"
  );
}

/** The shop's catalogue: some variants sold out, some low, sale items with compare-at prices. */
export function buildCatalog(
  rand: Random,
  storefront: string,
  daysAgo: (d: number) => string
): DemoProduct[] {
  let variantSeq = 0;
  return SPECS.map((spec, i) => {
    const productNum = 8_412_300_000_000 + (i + 1) * 97;
    const id = `gid://shopify/Product/${productNum}`;
    const handle = handleOf(spec.title);
    const createdAt = daysAgo(400 - i * 7);
    const optionDefs: { name: string; values: string[] }[] = [];
    if (spec.sizes)
      optionDefs.push({
        name: spec.title === "Gift Card" ? "Denomination" : "Size",
        values: spec.sizes,
      });
    if (spec.colors) optionDefs.push({ name: "Color", values: spec.colors });
    const combos: { name: string; value: string }[][] = optionDefs.length
      ? optionDefs.reduce<{ name: string; value: string }[][]>(
          (acc, def) =>
            acc.flatMap((combo) =>
              def.values.map((value) => [...combo, { name: def.name, value }])
            ),
          [[]]
        )
      : [[{ name: "Title", value: "Default Title" }]];
    const prefix = spec.title
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]/.test(w))
      .slice(0, 3)
      .map((w) => w[0].toUpperCase())
      .join("");
    const variants: DemoVariant[] = combos.map((selectedOptions, position) => {
      variantSeq += 1;
      // A realistic stock spread: most in stock, a tenth sold out, a tenth down to the last few.
      const roll = rand.next();
      const stock =
        roll < 0.1 ? 0 : roll < 0.2 ? rand.int(1, 4) : rand.int(8, 120);
      const giftPrice = GIFT_CARD_PRICES[selectedOptions[0].value];
      const price = giftPrice ?? spec.price;
      return {
        id: `gid://shopify/ProductVariant/${
          45_100_200_000_000 + variantSeq * 13
        }`,
        productId: id,
        title: selectedOptions.map((o) => o.value).join(" / "),
        sku: [
          prefix,
          ...selectedOptions
            .filter((o) => o.value !== "Default Title")
            .map((o) => skuPart(o.value)),
        ].join("-"),
        barcode: `0${String(840_000_000_000 + variantSeq * 7919).slice(0, 11)}`,
        price: price.toFixed(2),
        compareAtPrice: spec.compareAt ? spec.compareAt.toFixed(2) : null,
        inventoryQuantity: spec.type === "Gift Cards" ? 0 : stock,
        // Gift cards are never "out of stock".
        inventoryPolicy: spec.type === "Gift Cards" ? "CONTINUE" : "DENY",
        position: position + 1,
        taxable: spec.type !== "Gift Cards",
        selectedOptions,
        createdAt,
        updatedAt: createdAt,
      };
    });
    return {
      id,
      title: spec.title,
      handle,
      productType: spec.type,
      vendor: "Northwind Outfitters",
      tags: spec.tags,
      status: "ACTIVE",
      description: spec.blurb,
      descriptionHtml: `<p>${spec.blurb}</p>`,
      onlineStoreUrl: `https://${storefront}/products/${handle}`,
      options: optionDefs.length
        ? optionDefs.map((def, k) => ({
            id: `gid://shopify/ProductOption/${
              10_500_000_000 + (i + 1) * 10 + k
            }`,
            name: def.name,
            position: k + 1,
            values: def.values,
          }))
        : [
            {
              id: `gid://shopify/ProductOption/${
                10_500_000_000 + (i + 1) * 10
              }`,
              name: "Title",
              position: 1,
              values: ["Default Title"],
            },
          ],
      variants,
      publishedAt: createdAt,
      createdAt,
      updatedAt: createdAt,
    };
  });
}
