-- Handoff and assignment history: handoff, assigned, unassigned, closed, reopened, csat.
with source as (
    select * from raw.events
),

renamed as (
    select
        id as event_id,
        shop,
        conversation_id,
        kind,
        reason,
        actor_id,
        actor_name,
        created_at
    from source
)

select * from renamed
