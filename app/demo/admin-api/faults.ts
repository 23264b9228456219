import { createRandom } from "../data/random";

/**
 * A standing fault profile for the Admin API stand-in: the share of requests that fail each way, an added delay,
 * and root fields in outage (every request that touches one fails). Set for the demo and benches with
 * SHOPDESK_ADMIN_FAULTS, e.g. `5xx=0.1,throttle=0.2,timeout=0.02,slow=300,outage=orders+order`, and in tests
 * through the stand-in's `faultProfile` option. Draws come from a seeded generator, so a run is repeatable.
 */
export interface FaultProfile {
  /** Share of requests answered 502/503 (0..1). */
  serverErrors: number;
  /** Share answered 200 with Shopify's THROTTLED error, as when the cost bucket is empty. */
  throttled: number;
  /** Share held until the edge gives up (504 after the stand-in's timeout). */
  timeouts: number;
  /** Milliseconds added to every answer. */
  slowMs: number;
  /** Root fields (`orders`, `order`, `product`…) whose every request fails with 503, the rest unaffected. */
  outage: string[];
  seed: number;
}

export type Fault = { kind: "server"; status: 502 | 503 } | { kind: "throttled" } | { kind: "timeout" };

const NONE: FaultProfile = { serverErrors: 0, throttled: 0, timeouts: 0, slowMs: 0, outage: [], seed: 1 };

/** Reads `5xx=0.1,throttle=0.2,timeout=0.02,slow=300,outage=orders+order,seed=7`; throws a clear error otherwise. */
export function parseFaultProfile(spec: string | undefined): FaultProfile | null {
  if (!spec?.trim()) return null;
  const profile: FaultProfile = { ...NONE, outage: [] };
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [key, value = ""] = part.split("=").map((s) => s.trim());
    const share = () => {
      const n = Number(value);
      if (!(n >= 0 && n <= 1)) throw new Error(`SHOPDESK_ADMIN_FAULTS: ${key} must be a share between 0 and 1, got "${value}"`);
      return n;
    };
    if (key === "5xx") profile.serverErrors = share();
    else if (key === "throttle") profile.throttled = share();
    else if (key === "timeout") profile.timeouts = share();
    else if (key === "slow") {
      profile.slowMs = Number(value.replace(/ms$/, ""));
      if (!(profile.slowMs >= 0)) throw new Error(`SHOPDESK_ADMIN_FAULTS: slow must be milliseconds, got "${value}"`);
    } else if (key === "outage") profile.outage = value.split("+").filter(Boolean);
    else if (key === "seed") profile.seed = Number(value) || 1;
    else throw new Error(`SHOPDESK_ADMIN_FAULTS: unknown key "${key}" (use 5xx, throttle, timeout, slow, outage, seed)`);
  }
  return profile;
}

/** Decides, request by request, which fault (if any) the profile deals; `rootFields` are the operation's. */
export function faultDealer(profile: FaultProfile): (rootFields: string[]) => Fault | null {
  const random = createRandom(profile.seed);
  return (rootFields) => {
    if (rootFields.some((f) => profile.outage.includes(f))) return { kind: "server", status: 503 };
    const draw = random.next();
    if (draw < profile.timeouts) return { kind: "timeout" };
    if (draw < profile.timeouts + profile.serverErrors) return { kind: "server", status: draw < profile.timeouts + profile.serverErrors / 2 ? 502 : 503 };
    if (draw < profile.timeouts + profile.serverErrors + profile.throttled) return { kind: "throttled" };
    return null;
  };
}
