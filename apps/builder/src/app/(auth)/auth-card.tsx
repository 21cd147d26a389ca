import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** The frame of the sign-in and sign-up pages: heading, lead, the form, and a link to the other page. */
export function AuthCard({ title, lead, children, switchPrompt, switchLabel, switchHref, className }: {
  title: string;
  lead: string;
  children: ReactNode;
  switchPrompt: string;
  switchLabel: string;
  switchHref: string;
  className?: string;
}) {
  return (
    <Card className={className}>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600">{lead}</p>
      {children}
      <p className="mt-5 text-center text-sm text-slate-600">
        {switchPrompt} <Link href={switchHref} className="font-medium text-brand-700 underline">{switchLabel}</Link>
      </p>
    </Card>
  );
}
