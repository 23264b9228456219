-- One row per message; the text stays in the app (free text can hold personal data the warehouse must not keep).
with source as (
    select * from raw.messages
),

renamed as (
    select
        id as message_id,
        shop,
        conversation_id,
        author,
        intent,
        confidence,
        sentiment,
        coalesce(angry, false) as is_angry,
        language,
        agent_id,
        agent_name,
        skill,
        order_id,
        created_at
    from source
)

select * from renamed
