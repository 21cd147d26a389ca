-- An update of catalog items announces a store change only when an item's face changed: what shoppers see, each
-- SKU's stock reduced to whether any is left (20261203124500_stock_reservations). The check was a statement-level
-- trigger comparing catalog_item_face() of the transition tables: every order's stock reservation paid for the
-- tables, a PL/pgSQL call and a query building both faces, about a third of the placing statement's time in a flash
-- sale. Now it is the WHEN of a row-level trigger, a function that compares field by field and stops at the first
-- difference, with no query: a reservation that leaves every SKU on its side of zero calls nothing more.
CREATE FUNCTION catalog_item_face_changed(old_item catalog_items, new_item catalog_items) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE
  AS $$
DECLARE
  old_skus jsonb := old_item.details -> 'skus';
  new_skus jsonb := new_item.details -> 'skus';
BEGIN
  IF (to_jsonb(old_item) - 'updated_at' - 'details') IS DISTINCT FROM (to_jsonb(new_item) - 'updated_at' - 'details') THEN
    RETURN true;
  END IF;
  IF jsonb_typeof(old_skus) IS DISTINCT FROM 'array' OR jsonb_typeof(new_skus) IS DISTINCT FROM 'array' THEN
    RETURN old_item.details IS DISTINCT FROM new_item.details;
  END IF;
  IF (old_item.details - 'skus') IS DISTINCT FROM (new_item.details - 'skus') OR jsonb_array_length(old_skus) <> jsonb_array_length(new_skus) THEN
    RETURN true;
  END IF;
  FOR i IN 0 .. jsonb_array_length(new_skus) - 1 LOOP
    IF (old_skus -> i) - 'stock' IS DISTINCT FROM (new_skus -> i) - 'stock'
      OR (COALESCE((old_skus -> i ->> 'stock')::int, 0) > 0) <> (COALESCE((new_skus -> i ->> 'stock')::int, 0) > 0) THEN
      RETURN true;
    END IF;
  END LOOP;
  RETURN false;
END
$$;

-- Row by row, a bulk edit bumps once per item: a version already at this transaction's id is left as it is (no new
-- row version), and pg_notify keeps one of identical notifications in a transaction.
CREATE OR REPLACE FUNCTION storefront_bump(stores uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  store uuid;
BEGIN
  FOREACH store IN ARRAY stores LOOP
    INSERT INTO storefront_versions AS v (tenant_id, version) VALUES (store, pg_current_xact_id()::text::bigint)
      ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version WHERE v.version <> EXCLUDED.version;
    PERFORM pg_notify('storefront_changed', store::text);
  END LOOP;
END
$$;

CREATE FUNCTION storefront_item_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM storefront_bump(ARRAY[NEW.tenant_id]);
  RETURN NULL;
END
$$;

DROP TRIGGER storefront_update ON "catalog_items";
DROP FUNCTION storefront_items_updated();
DROP FUNCTION catalog_item_face(catalog_items);
CREATE TRIGGER storefront_update AFTER UPDATE ON "catalog_items"
  FOR EACH ROW WHEN (catalog_item_face_changed(OLD, NEW))
  EXECUTE FUNCTION storefront_item_changed();
