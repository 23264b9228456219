import type { DuckDBConnection } from "@duckdb/node-api";
import fs from "node:fs";
import { all, openWarehouse, type Row } from "./duck";

/**
 * The app's only door into the warehouse: read-only queries over the marts for the admin Analytics page. Every
 * query takes the signed-in shop as a bound parameter; nothing here can be asked about another shop.
 */

export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
}

/** One connection runs one query at a time: run the page's queries in turn (each takes milliseconds). */
async function inOrder<const T extends readonly (() => Promise<unknown>)[]>(
  tasks: T
): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const task of tasks) out.push(await task());
  return out as { [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Validates a range from the URL; falls back to the last `weeks` weeks ending today. */
export function parseRange(from: string | null, to: string | null, today = new Date(), weeks = 12): DateRange {
  const end = to && DATE.test(to) ? to : today.toISOString().slice(0, 10);
  const start =
    from && DATE.test(from) ? from : new Date(Date.parse(end) - weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  return start <= end ? { from: start, to: end } : { from: end, to: start };
}

// Marts are weekly; a week belongs to the range when its Monday falls between the Monday of `from` and `to`.
const IN_RANGE = `shop = $shop and week between date_trunc('week', $from::date) and $to::date`;
const params = (shop: string, r: DateRange) => ({ shop, from: r.from, to: r.to });

/** Complaint hotspots: weekly totals, the worst product/carrier/region/intent cells, and the spikes. */
export async function complaintHotspots(
  conn: DuckDBConnection,
  shop: string,
  range: DateRange,
  options: { includeUnclassified?: boolean } = {}
) {
  const p = params(shop, range);
  // A cell whose topic the bot did not recognise, or with no order linked (so no product, carrier or region), says
  // nothing a merchant can act on: it stays out of the top list unless asked for, and is counted on its own.
  const unclassified = `(intent = 'unknown' or (product = 'unknown' and carrier = 'unknown' and region = 'unknown'))`;
  const [weekly, top, spikes, unclassifiedTotal] = await inOrder([
    () =>
      all(
        conn,
        `select week::varchar as week, sum(complaints)::bigint as complaints, sum(negative_conversations)::bigint as negative,
         (select count(*) from marts.complaint_hotspots s where s.shop = $shop and s.week = h.week and s.is_spike)::bigint as spikes
       from marts.complaint_hotspots h where ${IN_RANGE} and grain = 'detail' group by week order by week`,
        p
      ),
    () =>
      all(
        conn,
        `select intent, product, carrier, region, sum(complaint_or_negative)::bigint as total, sum(complaints)::bigint as complaints,
         bool_or(is_spike) as spiked
       from marts.complaint_hotspots where ${IN_RANGE} and grain = 'detail'${
         options.includeUnclassified ? "" : ` and not ${unclassified}`
       }
       group by intent, product, carrier, region order by total desc, intent, product limit 10`,
        p
      ),
    () =>
      all(
        conn,
        `select week::varchar as week, grain, intent, product, carrier, region, complaint_or_negative::bigint as total,
         baseline_weekly_avg as baseline
       from marts.complaint_hotspots where ${IN_RANGE} and is_spike order by week desc, total desc limit 10`,
        p
      ),
    () =>
      all(
        conn,
        `select coalesce(sum(complaint_or_negative), 0)::bigint as total from marts.complaint_hotspots
         where ${IN_RANGE} and grain = 'detail' and ${unclassified}`,
        p
      ),
  ]);
  return { weekly, top, spikes, unclassified: Number(unclassifiedTotal[0]?.total ?? 0) };
}

/** Bot deflection: weekly share resolved without a person, by intent and language, and the handoff reasons. */
export async function botDeflection(conn: DuckDBConnection, shop: string, range: DateRange) {
  const p = params(shop, range);
  const [weekly, byIntent, byLanguage, reasons] = await inOrder([
    () =>
      all(
        conn,
        `select week::varchar as week, sum(conversations)::bigint as conversations, sum(resolved_by_bot)::bigint as resolved_by_bot,
         round(sum(resolved_by_bot) / sum(conversations), 4) as rate
       from marts.bot_deflection where ${IN_RANGE} group by week order by week`,
        p
      ),
    () =>
      all(
        conn,
        `select intent, sum(conversations)::bigint as conversations, round(sum(resolved_by_bot) / sum(conversations), 4) as rate
       from marts.bot_deflection where ${IN_RANGE} group by intent order by conversations desc limit 15`,
        p
      ),
    () =>
      all(
        conn,
        `select language, sum(conversations)::bigint as conversations, round(sum(resolved_by_bot) / sum(conversations), 4) as rate
       from marts.bot_deflection where ${IN_RANGE} group by language order by conversations desc`,
        p
      ),
    () =>
      all(
        conn,
        `select reason, sum(handoffs)::bigint as handoffs from marts.handoff_reasons where ${IN_RANGE}
       group by reason order by handoffs desc`,
        p
      ),
  ]);
  return { weekly, byIntent, byLanguage, reasons };
}

/** Service KPIs re-aggregated exactly over the range (sums, not averages of averages), overall, weekly and by agent. */
export async function serviceKpis(conn: DuckDBConnection, shop: string, range: DateRange) {
  const p = params(shop, range);
  const measures = `sum(conversations)::bigint as conversations,
    round(sum(first_response_seconds_sum) / nullif(sum(responded), 0), 1) as first_response_seconds,
    round(sum(resolution_seconds_sum) / nullif(sum(resolved), 0), 1) as resolution_seconds,
    round(sum(handling_seconds_sum) / nullif(sum(conversations), 0), 1) as handling_seconds,
    round(sum(first_contact_resolved) / nullif(sum(closed), 0), 4) as fcr_rate,
    round(sum(csat_sum) / nullif(sum(csat_responses), 0), 2) as csat_avg,
    sum(csat_responses)::bigint as csat_responses`;
  const [overall, weekly, byAgent] = await inOrder([
    () => all(conn, `select ${measures} from marts.service_kpis where ${IN_RANGE}`, p),
    () =>
      all(
        conn,
        `select week::varchar as week, ${measures} from marts.service_kpis where ${IN_RANGE} group by week order by week`,
        p
      ),
    () =>
      all(
        conn,
        `select agent_id, any_value(agent_name) as agent_name, ${measures} from marts.service_kpis where ${IN_RANGE}
       group by agent_id order by conversations desc`,
        p
      ),
  ]);
  return { overall: overall[0] ?? null, weekly, byAgent };
}

/** Repurchase within 30/60/90 days per segment (contacted vs not, bot vs person, complaint, remedy). */
export async function repurchaseAfterSupport(conn: DuckDBConnection, shop: string, range: DateRange) {
  const rates = `sum(customers)::bigint as customers,
    round(sum(repurchased_30d) / nullif(sum(eligible_30d), 0), 4) as rate_30d,
    round(sum(repurchased_60d) / nullif(sum(eligible_60d), 0), 4) as rate_60d,
    round(sum(repurchased_90d) / nullif(sum(eligible_90d), 0), 4) as rate_90d`;
  const segment = `case
      when cohort = 'no_contact' then '1 No contact'
      when handled_by = 'bot' then '2 Contacted: bot only'
      else '3 Contacted: a person'
    end`;
  const rows = await all(
    conn,
    `select ${segment} as segment, ${rates} from marts.repurchase_after_support where ${IN_RANGE} group by 1
     union all
     select case when is_complaint then '4 Complaint' else '5 Not a complaint' end, ${rates}
       from marts.repurchase_after_support where ${IN_RANGE} and cohort = 'contacted' group by 1
     union all
     select case remedy when 'refund' then '6 Refunded' when 'replacement' then '7 Replaced' when 'both' then '8 Refund and replacement' else '9 No remedy' end,
       ${rates}
       from marts.repurchase_after_support where ${IN_RANGE} and cohort = 'contacted' group by 1
     order by 1`,
    params(shop, range)
  );
  return rows.map((r: Row) => ({
    segment: String(r.segment).slice(2),
    customers: Number(r.customers),
    rate_30d: r.rate_30d == null ? null : Number(r.rate_30d),
    rate_60d: r.rate_60d == null ? null : Number(r.rate_60d),
    rate_90d: r.rate_90d == null ? null : Number(r.rate_90d),
  }));
}

/** Why shoppers return things: reasons over the range, the products most returned for each, and spiking cells. */
export async function returnReasons(conn: DuckDBConnection, shop: string, range: DateRange) {
  const p = params(shop, range);
  const [byReason, top] = await inOrder([
    () =>
      all(
        conn,
        `select return_reason, sum(returns)::bigint as returns, bool_or(is_spike) as spiked
         from marts.return_reasons where ${IN_RANGE} and product = 'all'
         group by return_reason order by returns desc, return_reason`,
        p
      ),
    () =>
      all(
        conn,
        `select product, return_reason, sum(returns)::bigint as returns, bool_or(is_spike) as spiked
         from marts.return_reasons where ${IN_RANGE} and product not in ('all', 'unknown')
         group by product, return_reason order by returns desc, product, return_reason limit 10`,
        p
      ),
  ]);
  const total = byReason.reduce((n, r) => n + Number(r.returns), 0);
  return {
    byReason: byReason.map((r) => ({
      reason: String(r.return_reason),
      returns: Number(r.returns),
      share: total ? Number(r.returns) / total : 0,
      spiked: Boolean(r.spiked),
    })),
    top: top.map((r) => ({ product: String(r.product), reason: String(r.return_reason), returns: Number(r.returns), spiked: Boolean(r.spiked) })),
  };
}

export type AnalyticsData = {
  range: DateRange;
  hotspots: Awaited<ReturnType<typeof complaintHotspots>>;
  deflection: Awaited<ReturnType<typeof botDeflection>>;
  service: Awaited<ReturnType<typeof serviceKpis>>;
  repurchase: Awaited<ReturnType<typeof repurchaseAfterSupport>>;
  returns: Awaited<ReturnType<typeof returnReasons>>;
  loadedAt: string | null;
};

export type AnalyticsAnswer = { status: "ok"; data: AnalyticsData } | { status: "empty" | "busy"; message: string };

/**
 * Everything the Analytics page shows for one shop. The file is opened read-only per request and closed again, so a
 * `warehouse load` (which needs the write lock) is never blocked by an open admin page.
 */
export async function analyticsForShop(
  warehousePath: string,
  shop: string,
  range: DateRange,
  options: { includeUnclassified?: boolean } = {}
): Promise<AnalyticsAnswer> {
  if (!fs.existsSync(warehousePath)) {
    return { status: "empty", message: "The warehouse has not been loaded yet. Run `npm run warehouse -- load`." };
  }
  let wh: Awaited<ReturnType<typeof openWarehouse>>;
  try {
    wh = await openWarehouse(warehousePath, { readOnly: true });
  } catch (error) {
    if (/lock/i.test(String(error)))
      return { status: "busy", message: "The warehouse is being loaded. Try again in a minute." };
    throw error;
  }
  try {
    const hasMarts = await all(
      wh.conn,
      "select 1 from duckdb_tables() where schema_name = 'marts' and table_name = 'service_kpis'"
    );
    if (!hasMarts.length)
      return { status: "empty", message: "The warehouse has no models yet. Run `npm run warehouse -- load`." };
    const [hotspots, deflection, service, repurchase, returns, loaded] = await inOrder([
      () => complaintHotspots(wh.conn, shop, range, options),
      () => botDeflection(wh.conn, shop, range),
      () => serviceKpis(wh.conn, shop, range),
      () => repurchaseAfterSupport(wh.conn, shop, range),
      () => returnReasons(wh.conn, shop, range),
      () => all(wh.conn, "select max(loaded_at)::varchar as loaded_at from meta.watermarks"),
    ]);
    return {
      status: "ok",
      data: { range, hotspots, deflection, service, repurchase, returns, loadedAt: (loaded[0]?.loaded_at as string) ?? null },
    };
  } finally {
    wh.close();
  }
}
