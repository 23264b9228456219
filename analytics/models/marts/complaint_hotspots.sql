-- Complaints and negative conversations by shop, week, intent, product, carrier and region, with a spike flag
-- when a week is well above its own trailing four-week baseline. Besides the full detail, rollups (a dimension set to
-- 'all') let a spike show where the detail is too thin to cross the threshold, e.g. one product across carriers.
with conversations as (
    select * from intermediate.int_conversations
),

weekly as (
    select
        shop,
        week,
        case when grouping(intent) = 1 then 'all' else intent end as intent,
        case when grouping(product) = 1 then 'all' else product end as product,
        case when grouping(carrier) = 1 then 'all' else carrier end as carrier,
        case when grouping(region) = 1 then 'all' else region end as region,
        case
            when grouping(intent, product, carrier, region) = 0 then 'detail'
            else concat_ws('+',
                case when grouping(intent) = 0 then 'intent' end,
                case when grouping(product) = 0 then 'product' end,
                case when grouping(carrier) = 0 then 'carrier' end,
                case when grouping(region) = 0 then 'region' end)
        end as grain,
        count(*) as conversations,
        count(*) filter (where is_complaint) as complaints,
        count(*) filter (where is_negative) as negative_conversations,
        count(*) filter (where is_complaint or is_negative) as complaint_or_negative
    from conversations
    group by grouping sets (
        (shop, week, intent, product, carrier, region),
        (shop, week, intent),
        (shop, week, product),
        (shop, week, carrier),
        (shop, week, region),
        (shop, week, intent, product),
        (shop, week, carrier, region)
    )
    having count(*) filter (where is_complaint or is_negative) > 0
),

with_baseline as (
    select
        *,
        -- Weeks without a row had zero complaints, so the sum over the range divided by 4 is the true average.
        coalesce(
            sum(complaint_or_negative) over (
                partition by shop, intent, product, carrier, region
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
        intent,
        product,
        carrier,
        region,
        grain,
        conversations,
        complaints,
        negative_conversations,
        complaint_or_negative,
        round(baseline_weekly_avg, 2) as baseline_weekly_avg,
        -- A spike needs a full four-week baseline, volume (>= 5) and at least double the baseline, so the first
        -- weeks of history and one angry shopper are not alarms.
        (
            week >= first_week + interval 28 day
            and complaint_or_negative >= 5
            and complaint_or_negative >= 2 * baseline_weekly_avg
        ) as is_spike
    from with_baseline
)

select * from final
