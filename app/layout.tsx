import "@fontsource/be-vietnam-pro/400.css";
import "@fontsource/be-vietnam-pro/500.css";
import "@fontsource/be-vietnam-pro/600.css";
import "@fontsource/be-vietnam-pro/700.css";
import "./globals.css";
import type { Metadata } from "next";
import { connection } from "next/server";

export const metadata: Metadata = {
  title: { default: "Văn phòng điện tử", template: "%s · Văn phòng điện tử" },
  description: "Văn phòng điện tử liên thông",
};

// Every page is rendered per request: the nonce of the Content-Security-Policy (proxy.ts) must be
// on its scripts, and a page prerendered at build time would carry none (e.g. the 404 page).
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="vi">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
