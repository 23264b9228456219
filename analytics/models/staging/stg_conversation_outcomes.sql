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
        -- A return's Shopify ReturnReason (SIZE_TOO_SMALL, DEFECTIVE…), the parcel option a shopper picked (wait).
        reason,
        created_at
    from source
)

select * from renamed
