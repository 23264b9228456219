-- Why the bot handed conversations to a person, by shop, week, intent and reason.
with conversations as (
    select * from intermediate.int_conversations
),

final as (
    select
        shop,
        week,
        intent,
        coalesce(handoff_reason, 'unknown') as reason,
        count(*) as handoffs
    from conversations
    where handled_by = 'person'
    group by shop, week, intent, coalesce(handoff_reason, 'unknown')
)

select * from final
