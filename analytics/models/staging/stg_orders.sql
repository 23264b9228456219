-- Orders from the Admin API (or the synthetic history); only the region of the shipping address is kept.
with source as (
    select * from raw.orders
),

renamed as (
    select
        id as order_id,
        shop,
        customer_id,
        lower(trim(email)) as email,
        phone,
        created_at as ordered_at,
        updated_at,
        cancelled_at,
        total_price,
        currency,
        financial_status,
        fulfillment_status,
        carrier,
        country_code,
        case
            when country_code is null then null
            when province_code is null then country_code
            else country_code || '-' || province_code
        end as region,
        product
    from source
)

select * from renamed
