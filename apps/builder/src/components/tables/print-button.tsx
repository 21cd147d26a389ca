"use client";
import { Button } from "../ui/button";

export function PrintButton({ label }: { label: string }) {
  return <Button type="button" onClick={() => window.print()}>{label}</Button>;
}
