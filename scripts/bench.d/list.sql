-- What GET /v1/reviews?limit=50 reads: a page of reviews and their raters.
SELECT * FROM reviews ORDER BY id LIMIT 50;
SELECT review_id, rater_id FROM review_raters WHERE review_id IN (SELECT id FROM reviews ORDER BY id LIMIT 50) ORDER BY review_id, seq;
