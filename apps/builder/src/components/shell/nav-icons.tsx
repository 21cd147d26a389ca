// Outline icons for the store sections, drawn inline so no icon font or CDN is needed.
const paths = {
  overview: "M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1v-9.5Z",
  design: "M4 20c3 0 4-1.5 4-3.5A2.5 2.5 0 0 1 10.5 14L19 5.5a2.1 2.1 0 0 0-3-3L7.5 11A2.5 2.5 0 0 1 5 13.5C3 13.5 4 17 4 20Z",
  catalog: "M3.5 7.5 12 3l8.5 4.5v9L12 21l-8.5-4.5v-9Zm0 0L12 12m0 0 8.5-4.5M12 12v9",
  rates: "M4 5h16a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm-1 5h18M8 3v4m8-4v4m-9 7h2m3 0h2m3 0h2m-12 3h2m3 0h2",
  tables: "M4 5h5v5H4V5Zm11 0h5v5h-5V5ZM4 14h5v5H4v-5Zm11 0h2v2h-2v-2Zm3 3h2v2h-2v-2Zm-3 2h1m4-5h-1",
  queue: "M8 7a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm8 2a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM2 21v-3a5 5 0 0 1 10 0v3m2 0v-2.5a4 4 0 0 1 8 0V21",
  coupons: "M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4V7Zm12-2v2m0 4v2m0 4v2",
  members: "M3 6a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6Zm6 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM5 17c.6-1.8 2.2-2.5 4-2.5s3.4.7 4 2.5m2-7h4m-4 3.5h3",
  orders: "M6 3h12a1 1 0 0 1 1 1v16l-3-2-2 2-2-2-2 2-2-2-3 2V4a1 1 0 0 1 1-1Zm3 5h6m-6 4h6m-6 4h3",
  analytics: "M4 20V10m6 10V4m6 16v-7m4 7H3",
  publish: "M12 15V3m0 0-4.5 4.5M12 3l4.5 4.5M4 14v5a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-5",
  wechat: "M9 4.5c-3.9 0-7 2.6-7 5.8 0 1.8 1 3.4 2.6 4.5L4 17l2.6-1.3c.8.2 1.6.4 2.4.4M16 9.5c-3.3 0-6 2.2-6 4.9s2.7 4.9 6 4.9c.6 0 1.2-.1 1.8-.2L20 20l-.6-2c1.6-.9 2.6-2.3 2.6-3.9 0-2.6-2.7-4.6-6-4.6ZM6.5 8.5h.01M11.5 8.5h.01M14 13.5h.01M18 13.5h.01",
  settings: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2-1.2L14.5 3h-5l-.4 2.6a7.5 7.5 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2 1.2l.4 2.6h5l.4-2.6a7.5 7.5 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2Z",
} as const;

export type NavIconName = keyof typeof paths;

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round">
      <path d={paths[name]} />
    </svg>
  );
}
