-- Hotel bookings are orders (delivery "stay") with a stay row each; the rooms they take are counted on the room
-- type's nights, held while awaiting payment and sold once paid, and moved only by one conditional statement.
-- AlterTable
ALTER TABLE "room_nights" ADD COLUMN     "held" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sold" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "stays" (
    "tenant_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "check_in" DATE NOT NULL,
    "check_out" DATE NOT NULL,
    "guests" INTEGER NOT NULL,
    "guest_name" TEXT NOT NULL,
    "guest_phone" TEXT NOT NULL,
    "nights" JSONB NOT NULL,
    "cancellation" JSONB NOT NULL,

    CONSTRAINT "stays_pkey" PRIMARY KEY ("tenant_id","order_id")
);

-- CreateIndex
CREATE INDEX "stays_tenant_id_check_in_idx" ON "stays"("tenant_id", "check_in");

-- CreateIndex
CREATE INDEX "stays_tenant_id_check_out_idx" ON "stays"("tenant_id", "check_out");

-- CreateIndex
CREATE INDEX "stays_tenant_id_item_id_check_in_idx" ON "stays"("tenant_id", "item_id", "check_in");

-- AddForeignKey
ALTER TABLE "stays" ADD CONSTRAINT "stays_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A night never has more rooms taken than zero or more; the conditional statements keep held + sold within the rooms
-- offered, a merchant may still lower the offer below what is already booked (the calendar then shows 0 left).
ALTER TABLE "room_nights" ADD CONSTRAINT "room_nights_booked_check" CHECK ("held" >= 0 AND "sold" >= 0);
ALTER TABLE "stays" ADD CONSTRAINT "stays_dates_check" CHECK ("check_out" > "check_in" AND "guests" > 0);

ALTER TABLE "stays" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stays" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stays" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- A booking is an order with delivery "stay"; its statuses after payment: checked in, a no-show, cancelled by the guest.
ALTER TABLE "orders" DROP CONSTRAINT "orders_delivery_check";
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery_check" CHECK ("delivery" IN ('express', 'pickup', 'stay'));
ALTER TABLE "orders" DROP CONSTRAINT "orders_status_check";
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_check"
  CHECK ("status" IN ('pendingPayment', 'paid', 'shipped', 'completed', 'cancelled', 'refunded', 'checkedIn', 'noShow', 'stayCancelled'));
