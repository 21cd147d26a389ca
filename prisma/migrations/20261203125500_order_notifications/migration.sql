-- The merchant's live order inbox: every new order, and every change of an order's status, refund request or
-- payment problem, is announced on the `orders_changed` channel (sent at commit, so only committed changes), by a
-- trigger so no writer can forget to. Each dashboard process LISTENs once and passes a store's announcements to that
-- store's open inboxes (packages/orders/src/server/order-feed.ts). The payload names the store, the order, its number and
-- status, and whether it has just been paid (the inbox's sound); nothing a shopper typed.
CREATE FUNCTION orders_announce() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('orders_changed', json_build_object(
    'tenant', NEW.tenant_id,
    'order', NEW.id,
    'number', NEW.number,
    'status', NEW.status,
    'newlyPaid', NEW.status = 'paid' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'paid')
  )::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER orders_announce_insert AFTER INSERT ON "orders"
  FOR EACH ROW EXECUTE FUNCTION orders_announce();
-- Timer bookkeeping (shipping upload attempts) changes nothing the inbox shows, so it announces nothing.
CREATE TRIGGER orders_announce_update AFTER UPDATE ON "orders"
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
    OR OLD.refund_requested IS DISTINCT FROM NEW.refund_requested
    OR OLD.payment_problem IS DISTINCT FROM NEW.payment_problem
    OR OLD.refunded_fen IS DISTINCT FROM NEW.refunded_fen)
  EXECUTE FUNCTION orders_announce();
