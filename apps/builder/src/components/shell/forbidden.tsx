import { type Dictionary, format } from "@/i18n";
import { Card } from "../ui/card";

export function Forbidden({ t, role }: { t: Dictionary; role: keyof Dictionary["store"]["roles"] }) {
  return (
    <Card title={t.forbidden.title}>
      <p className="text-sm text-slate-600">{format(t.forbidden.body, { role: t.store.roles[role] })}</p>
    </Card>
  );
}
