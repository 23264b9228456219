/** Words a merchant reads for the codes the bot records (handoff reasons, intents); unknown codes pass through. */
export const HANDOFF_REASON_LABELS: Record<string, string> = {
  explicit_request: "Asked for a person",
  low_confidence: "Bot unsure",
  angry: "Upset shopper",
  complaint: "Complaint",
  failed_action: "Action failed",
  verification_locked: "Verification locked",
  account_request: "Account request",
  carrier_claim: "Carrier claim (late parcel)",
  reship: "Replacement requested",
  refund_shipping: "Shipping refund requested",
  shop_unavailable: "Shopify unreachable",
};

/** Shopify's ReturnReason codes in a merchant's words (the chat asks the shopper for one before each return). */
export const RETURN_REASON_LABELS: Record<string, string> = {
  SIZE_TOO_SMALL: "Too small",
  SIZE_TOO_LARGE: "Too large",
  COLOR: "Colour not as expected",
  DEFECTIVE: "Damaged or defective",
  NOT_AS_DESCRIBED: "Not as described",
  WRONG_ITEM: "Wrong item sent",
  UNWANTED: "Changed their mind",
  STYLE: "Style",
  OTHER: "Other reason",
  UNKNOWN: "No reason given",
};

export const INTENT_LABELS: Record<string, string> = {
  track_order: "Where is my order",
  delivery_period: "Delivery time",
  delivery_options: "Shipping options",
  cancel_order: "Cancel an order",
  change_order: "Change an order",
  change_shipping_address: "Change the address",
  set_up_shipping_address: "Shipping address",
  return_item: "Return an item",
  get_refund: "Refund",
  track_refund: "Refund status",
  check_refund_policy: "Refund policy",
  check_cancellation_fee: "Cancellation fee",
  complaint: "Complaint",
  product_question: "Product question",
  promotion_question: "Discounts",
  payment_issue: "Payment problem",
  check_payment_methods: "Payment methods",
  check_invoice: "Invoice",
  get_invoice: "Invoice",
  contact_human_agent: "Asked for a person",
  contact_customer_service: "Customer service",
  unknown: "Outside the shop's topics",
  // Codes older data and the LLM tools record for the same topics.
  order_status: "Where is my order",
  late_delivery: "Late delivery",
  damaged_item: "Damaged item",
  missing_item: "Missing item",
  wrong_item: "Wrong item sent",
  return_request: "Return an item",
  refund_request: "Refund",
  change_address: "Change the address",
  policy_question: "Shop policies",
  human_agent: "Asked for a person",
  faq: "Shop policies",
};

export const label = (labels: Record<string, string>, code: unknown) => {
  const key = String(code ?? "");
  return labels[key] ?? key.replace(/_/g, " ");
};
