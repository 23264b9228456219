-- Customers seen on orders.
with source as (
    select * from raw.customers
),

renamed as (
    select
        id as customer_id,
        shop,
        lower(trim(email)) as email,
        phone,
        created_at,
        updated_at
    from source
)

select * from renamed
