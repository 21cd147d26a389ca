import { z } from "zod";
import { list, text } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_TABLE_TYPES = 4;

const tableType = z.object({
  label: text(t("桌型", "Table type"), { max: 10, min: 1, default: "小桌" }),
  seats: text(t("人数", "Party size"), { max: 10, min: 1, default: "1-2 人" }),
});

export const queueTicket = defineSection({
  type: "queue-ticket",
  label: t("排队取号", "Queue ticket"),
  description: t(
    "顾客选择人数在线取号，查看前面还有几桌；叫号时收到提醒。未开启线上取号时显示这里的桌型，请顾客到店取号",
    "Guests pick their party size, take a number and see how many are ahead, and are told when called. With online numbers off, it shows these table types and asks guests to take a number in the shop",
  ),
  limits: { maxPerPage: 1, maxItems: MAX_TABLE_TYPES },
  settings: z.object({
    title: text(t("标题", "Title"), { max: 20, default: "排队取号" }),
    tableTypes: list(t("桌型", "Table types"), tableType, {
      min: 1,
      max: MAX_TABLE_TYPES,
      default: [
        { label: "小桌", seats: "1-2 人" },
        { label: "中桌", seats: "3-4 人" },
        { label: "大桌", seats: "5 人以上" },
      ],
    }),
    note: text(t("提示", "Note"), { max: 40, default: "过号请重新取号" }),
  }),
});
