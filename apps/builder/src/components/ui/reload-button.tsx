"use client";

/** Reloads the page to show what someone else saved; what the form held is then replaced by it. */
export function ReloadButton({ label }: { label: string }) {
  return (
    <button
      type="button" onClick={() => window.location.reload()}
      className="ml-2 rounded-md bg-amber-600 px-3 py-1 text-sm font-medium text-white focus-visible:outline-2 focus-visible:outline-amber-700"
    >
      {label}
    </button>
  );
}
