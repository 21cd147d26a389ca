import { currentDictionary } from "@/i18n/server";

export default async function PreviewLinkNotFound() {
  const { t } = await currentDictionary();
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center p-6 text-center" data-testid="preview-link-invalid">
      <h1 className="text-lg font-semibold text-slate-900">{t.preview.mobile.invalidTitle}</h1>
      <p className="mt-2 text-sm text-slate-600">{t.preview.mobile.invalidBody}</p>
    </main>
  );
}
