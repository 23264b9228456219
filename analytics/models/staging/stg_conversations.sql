-- One row per conversation, as the app stores it (state and CSAT comments are not copied into the warehouse).
with source as (
    select * from raw.conversations
),

renamed as (
    select
        id as conversation_id,
        shop,
        channel,
        visitor_id,
        customer_id,
        lower(trim(customer_email)) as customer_email,
        status,
        coalesce(language, 'en') as language,
        assignee_id,
        assignee_name,
        handoff_reason,
        sentiment,
        csat_score,
        created_at,
        updated_at,
        last_message_at,
        first_human_reply_at,
        closed_at
    from source
)

select * from renamed
