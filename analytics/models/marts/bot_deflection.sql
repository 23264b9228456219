-- Share of conversations the bot resolved without a person, by shop, week, intent and language.
with conversations as (
    select * from intermediate.int_conversations
),

final as (
    select
        shop,
        week,
        intent,
        language,
        count(*) as conversations,
        count(*) filter (where resolved_by_bot) as resolved_by_bot,
        count(*) filter (where handled_by = 'person') as handed_off,
        round(count(*) filter (where resolved_by_bot) / count(*), 4) as deflection_rate
    from conversations
    group by shop, week, intent, language
)

select * from final
