-- Returns by shop, week, reason and product, with a spike flag when a reason (for a product) is well above its own
-- trailing four-week baseline: "Merino Crew Sweater, too small" climbing is a sizing-chart problem to fix, not
-- something support can answer away. Reasons come from the chat's returns (the shopper picks one before the yes).
with outcomes as (
    select * from staging.stg_conversation_outcomes
),

orders as (
    select * from staging.stg_orders
),

returns as (
    select
        r.shop,
        date_trunc('week', r.created_at)::date as week,
        coalesce(r.reason, 'UNKNOWN') as return_reason,
        coalesce(o.product, 'unknown') as product
    from outcomes as r
    left join orders as o on o.shop = r.shop and o.order_id = r.order_id
    where r.kind = 'return'
),

weekly as (
    select
        shop,
        week,
        return_reason,
        case when grouping(product) = 1 then 'all' else product end as product,
        count(*) as returns
    from returns
    group by grouping sets ((shop, week, return_reason, product), (shop, week, return_reason))
),

with_baseline as (
    select
        *,
        sum(returns) over (partition by shop, week, product) as returns_that_week,
        -- Weeks without a row had no such returns, so the sum over the range divided by 4 is the true average.
        coalesce(
            sum(returns) over (
                partition by shop, return_reason, product
                order by week
                range between interval 28 day preceding and interval 7 day preceding
            ),
            0
        ) / 4.0 as baseline_weekly_avg,
        min(week) over (partition by shop) as first_week
    from weekly
),

final as (
    select
        shop,
        week,
        return_reason,
        product,
        returns,
        round(returns / returns_that_week, 4) as share_of_week,
        round(baseline_weekly_avg, 2) as baseline_weekly_avg,
        -- Same rule as complaint hotspots: a full baseline, volume (>= 5) and at least double the baseline.
        (
            week >= first_week + interval 28 day
            and returns >= 5
            and returns >= 2 * baseline_weekly_avg
        ) as is_spike
    from with_baseline
)

select * from final
