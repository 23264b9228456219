import type { CurrencyCode, Money, MoneyBag } from "./types";

/** Exchange rates used when the demo orders were "placed" (presentment units per USD). */
export const DEMO_RATES: Record<CurrencyCode, number> = {
  USD: 1,
  EUR: 0.92,
  CAD: 1.37,
  GBP: 0.79,
  AUD: 1.52,
};

export function money(amount: number, currencyCode: CurrencyCode): Money {
  return { amount: amount.toFixed(2), currencyCode };
}

/** A MoneyBag from an amount in the shop's currency, converted at the order's rate. */
export function moneyBag(
  shopAmount: number,
  shopCurrency: CurrencyCode,
  presentmentCurrency: CurrencyCode,
  rate: number
): MoneyBag {
  return {
    shopMoney: money(shopAmount, shopCurrency),
    presentmentMoney: money(
      shopCurrency === presentmentCurrency ? shopAmount : shopAmount * rate,
      presentmentCurrency
    ),
  };
}

/** Rounds to cents, so sums of money stay exact. */
export function cents(n: number): number {
  return Math.round(n * 100) / 100;
}
