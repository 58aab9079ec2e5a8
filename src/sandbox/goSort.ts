/**
 * Go's `sort.SliceStable` (insertion-sorted blocks of 20 merged by SymMerge), step for step.
 * The API server orders merged lists with a `less` that is not a strict order (it answers
 * true whenever an element is missing from the reference list), so only the same sequence of
 * comparisons and swaps gives the same result as the server.
 */
type Less<T> = (a: T, b: T) => boolean;

class Sorter<T> {
  constructor(
    private readonly data: T[],
    private readonly less: Less<T>,
  ) {}

  private lessAt(i: number, j: number): boolean {
    return this.less(this.data[i] as T, this.data[j] as T);
  }

  private swap(i: number, j: number): void {
    const t = this.data[i] as T;
    this.data[i] = this.data[j] as T;
    this.data[j] = t;
  }

  private insertionSort(a: number, b: number): void {
    for (let i = a + 1; i < b; i++) {
      for (let j = i; j > a && this.lessAt(j, j - 1); j--) this.swap(j, j - 1);
    }
  }

  private swapRange(a: number, b: number, n: number): void {
    for (let i = 0; i < n; i++) this.swap(a + i, b + i);
  }

  private rotate(a: number, m: number, b: number): void {
    let i = m - a;
    let j = b - m;
    while (i !== j) {
      if (i > j) {
        this.swapRange(m - i, m, j);
        i -= j;
      } else {
        this.swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    this.swapRange(m - i, m, i);
  }

  private symMerge(a: number, m: number, b: number): void {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (this.lessAt(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) this.swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!this.lessAt(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) this.swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const n = mid + m;
    let start = m > mid ? n - b : a;
    let r = m > mid ? mid : m;
    const p = n - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!this.lessAt(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = n - start;
    if (start < m && m < end) this.rotate(start, m, end);
    if (a < start && start < mid) this.symMerge(a, start, mid);
    if (mid < end && end < b) this.symMerge(mid, end, b);
  }

  stable(): void {
    const n = this.data.length;
    let blockSize = 20;
    let a = 0;
    let b = blockSize;
    while (b <= n) {
      this.insertionSort(a, b);
      a = b;
      b += blockSize;
    }
    this.insertionSort(a, n);
    while (blockSize < n) {
      a = 0;
      b = 2 * blockSize;
      while (b <= n) {
        this.symMerge(a, a + blockSize, b);
        a = b;
        b += 2 * blockSize;
      }
      const m = a + blockSize;
      if (m < n) this.symMerge(a, m, n);
      blockSize *= 2;
    }
  }
}

/** Sorts `data` in place as Go's sort.SliceStable would with this `less`. */
export function goSliceStable<T>(data: T[], less: Less<T>): T[] {
  new Sorter(data, less).stable();
  return data;
}
