-- Human service by shop, week and agent: first response time, time to resolution, handling time, first-contact
-- resolution and CSAT. Sums travel with the averages so a date range can be re-aggregated exactly.
with conversations as (
    select * from intermediate.int_conversations
    where handled_by = 'person'
),

final as (
    select
        shop,
        week,
        coalesce(agent_id, 'unassigned') as agent_id,
        coalesce(any_value(agent_name), 'Unassigned') as agent_name,
        count(*) as conversations,
        count(first_response_seconds) as responded,
        sum(first_response_seconds) as first_response_seconds_sum,
        round(avg(first_response_seconds), 1) as first_response_seconds_avg,
        round(median(first_response_seconds), 1) as first_response_seconds_p50,
        count(resolution_seconds) as resolved,
        sum(resolution_seconds) as resolution_seconds_sum,
        round(avg(resolution_seconds), 1) as resolution_seconds_avg,
        sum(coalesce(handling_seconds, 0)) as handling_seconds_sum,
        round(avg(coalesce(handling_seconds, 0)), 1) as handling_seconds_avg,
        count(*) filter (where closed_at is not null) as closed,
        count(*) filter (where first_contact_resolved) as first_contact_resolved,
        round(count(*) filter (where first_contact_resolved) / nullif(count(*) filter (where closed_at is not null), 0), 4)
            as first_contact_resolution_rate,
        count(csat_score) as csat_responses,
        sum(csat_score) as csat_sum,
        count(*) filter (where csat_score >= 4) as csat_satisfied,
        round(avg(csat_score), 2) as csat_avg
    from conversations
    group by shop, week, coalesce(agent_id, 'unassigned')
)

select * from final
