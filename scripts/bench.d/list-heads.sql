-- What a repeated GET /v1/reviews?limit=50 reads when its kept answer is
-- still current: the ids and versions of the page, same filter and order.
SELECT r.id, r.version FROM reviews r ORDER BY r.id LIMIT 50;
