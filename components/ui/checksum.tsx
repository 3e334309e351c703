/** The file's SHA-256 (integrity check), folded away behind "Mã kiểm tra": few people need it. */
export function Checksum({ sha256 }: { sha256: string }) {
  return (
    <details className="text-xs text-slate-600">
      <summary className="cursor-pointer select-none">Mã kiểm tra</summary>
      <span className="block break-all font-mono" title="Mã kiểm tra toàn vẹn SHA-256">
        SHA-256 {sha256}
      </span>
    </details>
  );
}
