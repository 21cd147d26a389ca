import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ZodWithoutEval } from "@/components/ui/zod-without-eval";
import { currentDictionary } from "@/i18n/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await currentDictionary();
  return { title: t.meta.title, description: t.meta.description };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale } = await currentDictionary();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <ZodWithoutEval />
        {children}
      </body>
    </html>
  );
}
