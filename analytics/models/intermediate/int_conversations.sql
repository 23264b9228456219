-- One row per conversation with everything the marts slice by: who handled it, what it was about, how it went,
-- which order (and so which product, carrier and region) it concerned.
with conversations as (
    select * from staging.stg_conversations
),

messages as (
    select * from staging.stg_messages
),

events as (
    select * from staging.stg_conversation_events
),

outcomes as (
    select * from staging.stg_conversation_outcomes
),

orders as (
    select * from staging.stg_orders
),

-- Intents (the bot's NLU taxonomy) that mean the shopper is unhappy with an order, whatever the sentiment says.
complaint_intents as (
    select unnest([
        'complaint',
        'get_refund',
        'return_item'
    ]) as intent
),

-- One ordered pass over the messages: the gap before each message (for handling time) and the facts per
-- conversation come out of the same scan. Handling time counts the gap before each agent message, capped at five
-- minutes (a longer gap is waiting, not working).
ordered_messages as (
    select
        *,
        least(
            epoch(created_at - lag(created_at) over (partition by conversation_id order by message_id)),
            300
        ) as gap_seconds
    from messages
),

message_facts as (
    select
        conversation_id,
        arg_min(
            {'intent': intent, 'language': language, 'at': created_at},
            message_id
        ) filter (where author = 'shopper') as first_shopper,
        arg_min({'agent_id': agent_id, 'agent_name': agent_name, 'at': created_at}, message_id)
            filter (where author = 'agent') as first_agent,
        arg_min(intent, message_id) filter (where author = 'shopper' and intent is not null) as first_intent,
        min(sentiment) filter (where author = 'shopper') as min_sentiment,
        coalesce(bool_or(is_angry) filter (where author = 'shopper'), false) as any_angry,
        count(*) filter (where author = 'shopper') as shopper_messages,
        count(*) filter (where author = 'bot') as bot_messages,
        count(*) filter (where author = 'agent') as agent_messages,
        sum(gap_seconds) filter (where author = 'agent') as handling_seconds,
        arg_min(order_id, message_id) filter (where order_id is not null) as message_order_id
    from ordered_messages
    group by conversation_id
),

event_facts as (
    select
        conversation_id,
        min(created_at) filter (where kind = 'handoff') as handoff_at,
        arg_min(reason, event_id) filter (where kind = 'handoff') as handoff_reason,
        count(*) filter (where kind = 'reopened') > 0 as was_reopened,
        max(created_at) filter (where kind = 'closed') as closed_event_at
    from events
    group by conversation_id
),

outcome_facts as (
    select
        conversation_id,
        count(*) filter (where kind = 'refund') > 0 as has_refund,
        count(*) filter (where kind = 'replacement') > 0 as has_replacement,
        count(*) filter (where kind = 'resolved') > 0 as has_resolved,
        arg_min(order_id, outcome_id) filter (where order_id is not null) as outcome_order_id
    from outcomes
    group by conversation_id
),

as_of as (
    select max(last_message_at) as as_of from conversations
),

joined as (
    select
        c.conversation_id,
        c.shop,
        c.channel,
        c.customer_id,
        coalesce(c.customer_id, 'visitor:' || c.visitor_id) as contact_key,
        c.status,
        coalesce(m.first_shopper.language, c.language) as language,
        coalesce(m.first_intent, 'unknown') as intent,
        c.created_at,
        date_trunc('week', c.created_at)::date as week,
        c.last_message_at,
        coalesce(c.closed_at, e.closed_event_at) as closed_at,
        e.handoff_at,
        coalesce(e.handoff_reason, c.handoff_reason) as handoff_reason,
        coalesce(e.was_reopened, false) as was_reopened,
        m.first_shopper.at as first_shopper_at,
        coalesce(c.first_human_reply_at, m.first_agent.at) as first_agent_at,
        coalesce(c.assignee_id, m.first_agent.agent_id) as agent_id,
        coalesce(c.assignee_name, m.first_agent.agent_name) as agent_name,
        coalesce(m.shopper_messages, 0) as shopper_messages,
        coalesce(m.bot_messages, 0) as bot_messages,
        coalesce(m.agent_messages, 0) as agent_messages,
        m.handling_seconds,
        least(coalesce(m.min_sentiment, 0), coalesce(c.sentiment, 0)) as min_sentiment,
        coalesce(m.any_angry, false) as any_angry,
        c.csat_score,
        coalesce(o.has_refund, false) as has_refund,
        coalesce(o.has_replacement, false) as has_replacement,
        coalesce(o.has_resolved, false) as has_resolved,
        coalesce(o.outcome_order_id, m.message_order_id) as order_id,
        a.as_of
    from conversations as c
    left join message_facts as m on m.conversation_id = c.conversation_id
    left join event_facts as e on e.conversation_id = c.conversation_id
    left join outcome_facts as o on o.conversation_id = c.conversation_id
    cross join as_of as a
),

with_next_contact as (
    select
        *,
        lead(created_at) over (partition by shop, contact_key order by created_at, conversation_id) as next_contact_at
    from joined
),

final as (
    select
        j.conversation_id,
        j.shop,
        j.channel,
        j.customer_id,
        j.contact_key,
        j.status,
        j.language,
        j.intent,
        j.created_at,
        j.week,
        j.closed_at,
        j.handoff_at,
        j.handoff_reason,
        case when j.handoff_at is not null or j.agent_messages > 0 then 'person' else 'bot' end as handled_by,
        -- Resolved without a person: never handed off, and closed, marked resolved, or quiet for a day.
        (
            j.handoff_at is null
            and j.agent_messages = 0
            and (j.status = 'closed' or j.has_resolved or j.last_message_at < j.as_of - interval 1 day)
        ) as resolved_by_bot,
        j.intent in (select intent from complaint_intents) as is_complaint,
        (j.min_sentiment <= -0.5 or j.any_angry) as is_negative,
        j.agent_id,
        j.agent_name,
        j.shopper_messages,
        j.bot_messages,
        j.agent_messages,
        epoch(j.first_agent_at - coalesce(j.handoff_at, j.first_shopper_at, j.created_at)) as first_response_seconds,
        epoch(j.closed_at - j.created_at) as resolution_seconds,
        j.handling_seconds,
        -- First-contact resolution: closed, never reopened, and the same contact did not come back within 7 days.
        (
            j.closed_at is not null
            and not j.was_reopened
            and (j.next_contact_at is null or j.next_contact_at > j.closed_at + interval 7 day)
        ) as first_contact_resolved,
        j.csat_score,
        j.has_refund,
        j.has_replacement,
        case
            when j.has_refund and j.has_replacement then 'both'
            when j.has_refund then 'refund'
            when j.has_replacement then 'replacement'
            else 'none'
        end as remedy,
        j.order_id,
        coalesce(o.product, 'unknown') as product,
        coalesce(o.carrier, 'unknown') as carrier,
        coalesce(o.region, 'unknown') as region
    from with_next_contact as j
    left join orders as o on o.shop = j.shop and o.order_id = j.order_id
)

select * from final
