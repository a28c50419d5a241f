-- What GET /v1/reviews?limit=50 reads: a page of reviews with their raters,
-- in one statement.
SELECT r.*, COALESCE((SELECT string_agg(rr.rater_id, ',' ORDER BY rr.seq) FROM review_raters rr WHERE rr.review_id = r.id), '') AS raters
FROM reviews r ORDER BY r.id LIMIT 50;
