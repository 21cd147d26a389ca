-- An order reserves SKU stock by changing catalog_items.details. Shoppers' cached answers need to change only when
-- what they show changes: a SKU selling out or coming back, not every count going down by one (a flash sale would
-- otherwise reload the store's whole catalog in every shop-api process once per order). So an update of items is
-- compared as shoppers see it, with each SKU's stock reduced to whether any is left; the exact count is read live
-- (shop-api's stock route) and guaranteed by the reservation's conditional UPDATE.

CREATE FUNCTION catalog_item_face(item catalog_items) RETURNS jsonb
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT (to_jsonb(item) - 'updated_at' - 'details') || jsonb_build_object('details',
      CASE WHEN jsonb_typeof(item.details -> 'skus') = 'array' THEN
        jsonb_set(item.details, '{skus}', COALESCE((
          SELECT jsonb_agg((sku - 'stock') || jsonb_build_object('inStock', COALESCE((sku ->> 'stock')::int, 0) > 0) ORDER BY position)
          FROM jsonb_array_elements(item.details -> 'skus') WITH ORDINALITY AS skus(sku, position)), '[]'::jsonb))
      ELSE item.details END)
  $$;

CREATE FUNCTION storefront_items_updated() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM storefront_bump(ARRAY(
    SELECT DISTINCT n.tenant_id FROM new_rows n
    LEFT JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
    WHERE o.id IS NULL OR catalog_item_face(o) IS DISTINCT FROM catalog_item_face(n)));
  RETURN NULL;
END
$$;

DROP TRIGGER storefront_update ON "catalog_items";
CREATE TRIGGER storefront_update AFTER UPDATE ON "catalog_items" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION storefront_items_updated();
