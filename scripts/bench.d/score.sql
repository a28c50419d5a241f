-- What GET /v1/reviews/{id}/score reads: the review with its raters, its
-- site (scope check) and every rating set head with its stored scorecard.
SELECT r.*, COALESCE((SELECT string_agg(rr.rater_id, ',' ORDER BY rr.seq) FROM review_raters rr WHERE rr.review_id = r.id), '') AS raters
FROM reviews r WHERE r.id = :review;
SELECT s.* FROM sites s JOIN reviews r ON r.site_id = s.id WHERE r.id = :review;
SELECT review_id, rater_key, submitted, submitted_at, updated_at, version, scorecard FROM rating_sets WHERE review_id = :review ORDER BY rater_key;
