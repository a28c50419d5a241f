-- What GET /v1/reviews/{id}/score reads: the review, its raters, its site
-- (scope check) and every rating set with its stored scorecard.
SELECT * FROM reviews WHERE id = :review;
SELECT rater_id FROM review_raters WHERE review_id = :review ORDER BY seq;
SELECT s.* FROM sites s JOIN reviews r ON r.site_id = s.id WHERE r.id = :review;
SELECT * FROM rating_sets WHERE review_id = :review;
SELECT * FROM ratings WHERE review_id = :review ORDER BY rater_key, seq;
