-- Placing an order is one statement (packages/orders/src/server/place-order.ts): the SKU reservations, the day's
-- order number, the order, its lines and first event, with COMMIT sent right behind it so the item's row is locked
-- for one round trip. When a line cannot be reserved the statement calls this, so the statement fails and its
-- transaction keeps nothing, the other lines' reservations included. The SQLSTATE is ours, for the caller to tell
-- a refusal from a fault.
CREATE FUNCTION order_not_placed(reason text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'KD409', MESSAGE = reason;
END
$$;
