-- What a repeated GET /v1/sites/{id} reads when its kept answer is still
-- current: the site's head (Store.GetSiteHead).
SELECT s.path, s.version,
  EXISTS (SELECT 1 FROM sites c WHERE c.parent_id = s.id),
  COALESCE((SELECT string_agg(r.id || '@' || CAST(r.version AS TEXT), ',' ORDER BY r.id) FROM reviews r WHERE r.site_id = s.id), ''),
  COALESCE((SELECT string_agg(l.type || '/' || l.id || '/' || l.visit_end, ',' ORDER BY l.type, l.scale_id, l.scale_version)
    FROM site_latest l WHERE l.site_id = s.id), '')
FROM sites s WHERE s.id = :site;
