import { z } from "zod";
import { list, select, textarea } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_BLOCKS = 20;

// Structured blocks instead of HTML: the Mini Program shows each block as text, so merchant input can never
// become markup.
const block = z.object({
  style: select(
    t("样式", "Style"),
    ["heading", "paragraph", "quote"],
    { heading: t("标题", "Heading"), paragraph: t("段落", "Paragraph"), quote: t("引用", "Quote") },
    "paragraph",
  ),
  text: textarea(t("内容", "Text"), { max: 2000, min: 1, default: "在这里介绍你的店铺。" }),
});

export const richText = defineSection({
  type: "rich-text",
  label: t("图文介绍", "Rich text"),
  description: t("标题与段落组成的图文说明", "Headings and paragraphs about the store"),
  limits: { maxPerPage: 6, maxItems: MAX_BLOCKS },
  settings: z.object({
    blocks: list(t("内容块", "Blocks"), block, {
      min: 1,
      max: MAX_BLOCKS,
      default: [{ style: "heading", text: "关于我们" }, { style: "paragraph", text: "在这里介绍你的店铺。" }],
    }),
  }),
});
