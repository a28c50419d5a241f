-- What GET /v1/sites/{id} reads: the site and its latest finalised review.
SELECT * FROM sites WHERE id = :site;
SELECT * FROM reviews WHERE site_id = :site AND status = 'finalised' ORDER BY visit_end DESC, id DESC LIMIT 1;
