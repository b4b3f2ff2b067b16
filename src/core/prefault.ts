// Pre-faulting: write one byte of every 4 KiB page of the typed arrays an object graph holds, so the
// kernel's memory is mapped before the first order instead of page by page during trading.
// Why: a typed array of more than ~128 KiB comes zero-filled from mmap; its pages are mapped on first touch.
// In `hftbot run` orders are rare (a few a second), so for a long time nearly every order touched some
// page for the first time: measured on this VM, 0.8 minor page faults per risk accept and a median accept
// of ~35 us, against ~0.15 us for the whole check in the benchmark (src/risk/bench.ts). A demand-zero
// fault in a VM is an exit to the hypervisor (tens of microseconds here). C++ engines do the same with
// MAP_POPULATE / mlockall at startup.
// The walk follows own enumerable properties and array elements (depth-limited, each object once) and
// touches each ArrayBuffer once, with an atomic add of 0: a real write (so the page is mapped writable,
// not to the shared zero page) that leaves every value as it was and that no compiler can drop.
// Cold path (startup).

const PAGE = 4096;

/** Touches every page of every ArrayBuffer reachable from `root`; returns the pages touched. */
export function prefault(root: unknown, maxDepth = 6): number {
  const seenObj = new Set<object>();
  const seenBuf = new Set<ArrayBufferLike>();
  let pages = 0;
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || seenObj.has(v)) return;
    seenObj.add(v);
    if (ArrayBuffer.isView(v)) {
      const buf = v.buffer;
      if (seenBuf.has(buf)) return;
      seenBuf.add(buf);
      const bytes = new Int8Array(buf);
      for (let i = 0; i < bytes.length; i += PAGE) Atomics.add(bytes, i, 0);
      pages += Math.ceil(bytes.length / PAGE);
      return;
    }
    if (depth >= maxDepth) return;
    if (v instanceof Map) {
      for (const x of v.values()) visit(x, depth + 1);
      return;
    }
    for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(root, 0);
  return pages;
}
