-- Reports built before this version spelled question types as game.created carries them (SINGLE_CHOICE); the API
-- and newer reports spell them single-choice, multiple-choice, true-false, type-answer, poll.
UPDATE game_reports r
SET report = jsonb_set(r.report, '{questions}', (
        SELECT jsonb_agg(CASE WHEN q ? 'type' AND jsonb_typeof(q -> 'type') = 'string'
                              THEN jsonb_set(q, '{type}', to_jsonb(replace(lower(q ->> 'type'), '_', '-')))
                              ELSE q END ORDER BY ord)
        FROM jsonb_array_elements(r.report -> 'questions') WITH ORDINALITY AS t(q, ord)))
WHERE jsonb_typeof(r.report -> 'questions') = 'array' AND jsonb_array_length(r.report -> 'questions') > 0;
