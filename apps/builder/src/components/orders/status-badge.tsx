import { orderStatusName, type DeliveryMethod, type Locale, type OrderStatus } from "@kaidian/orders";
import { Badge } from "../ui/badge";

const TONES: Record<OrderStatus, "neutral" | "good" | "warn" | "bad"> = {
  pendingPayment: "neutral",
  paid: "warn",
  shipped: "good",
  completed: "good",
  cancelled: "neutral",
  refunded: "bad",
  // Hotel stays
  checkedIn: "good",
  noShow: "bad",
  stayCancelled: "neutral",
  ready: "good",
};

/** The order's status as shoppers and merchants name it; a paid order is "waiting": the merchant's turn. */
export function OrderStatusBadge({ status, delivery, locale }: { status: OrderStatus; delivery: DeliveryMethod; locale: Locale }) {
  return <Badge tone={TONES[status]}>{orderStatusName(status, delivery, locale)}</Badge>;
}
