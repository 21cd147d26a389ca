// The templates a store can be built from.
import { z } from "zod";
import { TEMPLATE_IDS, type TemplateDefinition, type TemplateId } from "./template";
import { ecommerce } from "./templates/ecommerce";
import { hotel } from "./templates/hotel";
import { restaurant } from "./templates/restaurant";

export const templateIdSchema = z.enum(TEMPLATE_IDS, { error: "template.unknown" });

export const templates: Record<TemplateId, TemplateDefinition> = { ecommerce, hotel, restaurant };

export const templateList: TemplateDefinition[] = TEMPLATE_IDS.map((id) => templates[id]);
