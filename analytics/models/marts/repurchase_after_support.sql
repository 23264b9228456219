-- Do customers buy again after talking to support? 30/60/90-day repurchase after a customer's first conversation,
-- split by who handled it, complaint or not, and the remedy, against customers who never contacted support
-- (anchored on their first order). A window only counts customers observed for its full length.
with conversations as (
    select * from intermediate.int_conversations
    where customer_id is not null
),

orders as (
    select * from staging.stg_orders
    where customer_id is not null and cancelled_at is null
),

as_of as (
    select max(ordered_at) as as_of from staging.stg_orders
),

first_contact as (
    select
        shop,
        customer_id,
        arg_min(created_at, created_at) as anchor_at,
        arg_min(handled_by, created_at) as handled_by,
        arg_min(is_complaint, created_at) as is_complaint,
        arg_min(remedy, created_at) as remedy
    from conversations
    group by shop, customer_id
),

no_contact as (
    select
        o.shop,
        o.customer_id,
        min(o.ordered_at) as anchor_at,
        'none' as handled_by,
        false as is_complaint,
        'none' as remedy
    from orders as o
    anti join first_contact as f on f.shop = o.shop and f.customer_id = o.customer_id
    group by o.shop, o.customer_id
),

anchors as (
    select 'contacted' as cohort, * from first_contact
    union all
    select 'no_contact' as cohort, * from no_contact
),

next_order as (
    select
        a.shop,
        a.customer_id,
        min(o.ordered_at) as next_order_at
    from anchors as a
    inner join orders as o
        on o.shop = a.shop
        and o.customer_id = a.customer_id
        and o.ordered_at > a.anchor_at
    group by a.shop, a.customer_id
),

measured as (
    select
        a.*,
        date_trunc('week', a.anchor_at)::date as week,
        epoch(n.next_order_at - a.anchor_at) / 86400 as days_to_repurchase,
        epoch(x.as_of - a.anchor_at) / 86400 as days_observed
    from anchors as a
    left join next_order as n on n.shop = a.shop and n.customer_id = a.customer_id
    cross join as_of as x
),

final as (
    select
        shop,
        week,
        cohort,
        handled_by,
        is_complaint,
        remedy,
        count(*) as customers,
        count(*) filter (where days_observed >= 30) as eligible_30d,
        count(*) filter (where days_observed >= 30 and days_to_repurchase <= 30) as repurchased_30d,
        count(*) filter (where days_observed >= 60) as eligible_60d,
        count(*) filter (where days_observed >= 60 and days_to_repurchase <= 60) as repurchased_60d,
        count(*) filter (where days_observed >= 90) as eligible_90d,
        count(*) filter (where days_observed >= 90 and days_to_repurchase <= 90) as repurchased_90d
    from measured
    group by shop, week, cohort, handled_by, is_complaint, remedy
)

select * from final
