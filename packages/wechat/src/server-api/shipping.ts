// upload_shipping_info (发货信息管理): once a paid order ships or is picked up, WeChat must be told, or the
// merchant's funds stay frozen. The input schema is the one source of what an upload holds.
import { z } from "zod";
import type { WechatHttp } from "./http";

const LOGISTICS = { express: 1, localDelivery: 2, virtual: 3, pickup: 4 } as const;
const DELIVERY_MODE = { unified: 1, split: 2 } as const;

const shipmentSchema = z.object({
  trackingNo: z.string().trim().min(1).max(128).optional(),
  /** WeChat's carrier id (get_delivery_list), e.g. "SF", "YTO", "ZTO". */
  expressCompany: z.string().trim().min(1).max(128).optional(),
  itemDesc: z.string().trim().min(1).max(120),
  /** Masked receiver phone, needed by WeChat for SF Express only. */
  receiverContact: z.string().trim().max(1024).optional(),
});

export const shippingUploadSchema = z
  .object({
    /** The payment as WeChat knows it: by merchant and out_trade_no, or by WeChat's transaction id. */
    order: z.union([
      z.object({ mchid: z.string().regex(/^\d{1,32}$/), outTradeNo: z.string().min(6).max(32) }),
      z.object({ transactionId: z.string().min(1).max(32) }),
    ]),
    logistics: z.enum(["express", "localDelivery", "virtual", "pickup"]),
    deliveryMode: z.enum(["unified", "split"]).default("unified"),
    /** For split deliveries: whether this upload completes the order. */
    isAllDelivered: z.boolean().optional(),
    shipments: z.array(shipmentSchema).min(1, { error: "shipping.shipments.required" }).max(15, { error: "shipping.shipments.tooMany" }),
    payerOpenid: z.string().min(1),
    uploadedAt: z.date(),
  })
  .refine((upload) => upload.logistics !== "express" || upload.shipments.every((s) => s.trackingNo && s.expressCompany), {
    error: "shipping.tracking.required",
    path: ["shipments"],
  });

export type ShippingUpload = z.input<typeof shippingUploadSchema>;

export async function uploadShippingInfo(http: WechatHttp, accessToken: string, input: ShippingUpload): Promise<void> {
  const upload = shippingUploadSchema.parse(input);
  const orderKey =
    "transactionId" in upload.order
      ? { order_number_type: 2, transaction_id: upload.order.transactionId }
      : { order_number_type: 1, mchid: upload.order.mchid, out_trade_no: upload.order.outTradeNo };
  await http.post("/wxa/sec/order/upload_shipping_info", { access_token: accessToken }, {
    order_key: orderKey,
    logistics_type: LOGISTICS[upload.logistics],
    delivery_mode: DELIVERY_MODE[upload.deliveryMode],
    ...(upload.isAllDelivered === undefined ? {} : { is_all_delivered: upload.isAllDelivered }),
    shipping_list: upload.shipments.map((shipment) => ({
      ...(shipment.trackingNo ? { tracking_no: shipment.trackingNo } : {}),
      ...(shipment.expressCompany ? { express_company: shipment.expressCompany } : {}),
      item_desc: shipment.itemDesc,
      ...(shipment.receiverContact ? { contact: { receiver_contact: shipment.receiverContact } } : {}),
    })),
    upload_time: upload.uploadedAt.toISOString(),
    payer: { openid: upload.payerOpenid },
  });
}
