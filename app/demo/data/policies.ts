import type { DemoPolicy, DemoPolicyType } from "./types";

/** Days a shopper has to start a return; the refund policy text and the return checks both use it. */
export const RETURN_WINDOW_DAYS = 30;

const TEXT: Record<
  DemoPolicyType,
  { title: string; handle: string; paragraphs: string[] }
> = {
  REFUND_POLICY: {
    title: "Refund policy",
    handle: "refund-policy",
    paragraphs: [
      `We have a ${RETURN_WINDOW_DAYS}-day return policy, which means you have ${RETURN_WINDOW_DAYS} days after receiving your item to request a return.`,
      "To be eligible for a return, your item must be in the same condition that you received it: unworn or unused, with tags, and in its original packaging. You will also need the receipt or proof of purchase.",
      "To start a return, contact us at support@northwind-outfitters.example or use the chat on our website. If your return is accepted, we will send you a prepaid return shipping label and instructions on how and where to send your package. Items sent back to us without first requesting a return will not be accepted. Return shipping is free within the United States and Canada; international customers pay return shipping unless the item arrived damaged or wrong.",
      "Damages and issues: please inspect your order on arrival and contact us immediately if the item is defective, damaged or if you received the wrong item, so that we can evaluate the issue and make it right.",
      "Exceptions and non-returnable items: certain items cannot be returned, including personalised or custom-made items, gift cards, candles once burned, and sale items marked final sale. Please get in touch if you have questions or concerns about your specific item.",
      "Exchanges: the fastest way to make sure you get what you want is to return the item you have, and once the return is accepted, make a separate purchase for the new item.",
      "European Union 14-day cooling-off period: notwithstanding the above, if the merchandise is being shipped into the European Union, you have the right to cancel or return your order within 14 days, for any reason and without a justification.",
      "Refunds: we will notify you once we have received and inspected your return, and let you know if the refund was approved. If approved, you will be automatically refunded on your original payment method within 10 business days. Please remember it can take some time for your bank or credit card company to process and post the refund too. If more than 15 business days have passed since we approved your return, please contact us.",
    ],
  },
  SHIPPING_POLICY: {
    title: "Shipping policy",
    handle: "shipping-policy",
    paragraphs: [
      "Orders are processed within 1 to 2 business days (Monday to Friday, excluding holidays) from our warehouse in Portland, Oregon. You will receive a shipping confirmation email with a tracking number as soon as your order leaves us.",
      "United States: Standard shipping (USPS or UPS Ground, 3 to 6 business days) is free on orders over $100 and $8 otherwise. Expedited (FedEx 2Day) is $18. Overnight (FedEx Priority Overnight) is $35 for orders placed before 12 pm Pacific.",
      "Canada: Canada Post Expedited, 4 to 8 business days, $15 (free over $150). Duties and taxes are prepaid at checkout, so there is nothing to pay on delivery.",
      "Europe, United Kingdom and Australia: DHL Express, 3 to 7 business days, from $25. Duties and taxes are calculated at checkout for the EU and the UK; Australian orders under AUD 1,000 arrive duty-free.",
      "Order changes and cancellations: we can change the shipping address or cancel an order until it has been fulfilled. Once a tracking number has been issued, please contact the carrier to redirect the package.",
      "Lost or late packages: if your tracking has not updated for 5 business days, or your package is more than 3 business days past its estimated delivery date, contact us and we will open a claim with the carrier and send a replacement or refund once the claim is settled.",
    ],
  },
  PRIVACY_POLICY: {
    title: "Privacy policy",
    handle: "privacy-policy",
    paragraphs: [
      'This Privacy Policy describes how Northwind Outfitters (the "Site", "we", "us") collects, uses and discloses your personal information when you visit, use our services, or make a purchase from our store.',
      "Personal information we collect includes contact details (name, address, phone number, email), order information (products purchased, payment confirmation, shipping and billing details), account information, and conversations you have with us, including through our customer-service chat.",
      "We use your personal information to provide our services, process payments, fulfil orders, answer your questions, send you order and shipping updates, and, with your consent, marketing. Chat transcripts are kept for up to 24 months to improve our service and then deleted.",
      "We share personal information with service providers who help us run the store (Shopify, payment processors, shipping carriers, customer-support tools) under contracts that protect it. We do not sell your personal information.",
      "Depending on where you live, you may have the right to access, correct, delete or port your personal information, and to object to its processing. To exercise these rights, contact privacy@northwind-outfitters.example. Residents of the EEA and the UK may also complain to their data protection authority.",
    ],
  },
  TERMS_OF_SERVICE: {
    title: "Terms of service",
    handle: "terms-of-service",
    paragraphs: [
      'This website is operated by Northwind Outfitters. By visiting our site and/or purchasing something from us, you engage in our "Service" and agree to be bound by the following terms and conditions.',
      "Products and prices: we reserve the right to modify prices and to limit quantities of any product. We make every effort to display colours accurately, but cannot guarantee that your screen shows them exactly.",
      "Accuracy of billing and account information: we reserve the right to refuse or cancel any order, for example when the payment cannot be verified or the product is out of stock. If we cancel an order after you have been charged, we will refund the full amount to the original payment method.",
      "Returns and refunds are governed by our Refund policy. Shipping times and costs are described in our Shipping policy.",
      "Limitation of liability: to the fullest extent permitted by law, Northwind Outfitters is not liable for indirect or consequential damages arising from the use of our products or the Service. These terms are governed by the laws of the State of Oregon, United States, without prejudice to mandatory consumer-protection rules of your country of residence.",
    ],
  },
};

/** The shop's legal policies, with realistic multi-paragraph bodies in HTML. */
export function buildPolicies(
  storefront: string,
  shopNum: number,
  createdAt: string
): DemoPolicy[] {
  return (Object.keys(TEXT) as DemoPolicyType[]).map((type, i) => {
    const t = TEXT[type];
    return {
      id: `gid://shopify/ShopPolicy/${shopNum * 10 + i + 1}`,
      type,
      title: t.title,
      body: t.paragraphs.map((p) => `<p>${p}</p>`).join("\n"),
      url: `https://${storefront}/policies/${t.handle}`,
      createdAt,
      updatedAt: createdAt,
    };
  });
}
