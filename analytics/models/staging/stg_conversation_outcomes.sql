-- What a conversation led to: cancel, address_change, return, refund, replacement, resolved.
with source as (
    select * from raw.outcomes
),

renamed as (
    select
        id as outcome_id,
        shop,
        conversation_id,
        kind,
        order_id,
        amount,
        currency,
        created_at
    from source
)

select * from renamed
