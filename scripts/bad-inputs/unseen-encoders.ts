/**
 * PDF stream encoders the project's dependencies do not offer (they only decode): LZW,
 * RunLength, ASCIIHex and ASCII85, so a decompression bomb can be written behind every
 * standard filter, not only Flate.
 */

/**
 * LZW as PDF writes it (9-bit codes, MSB first, EarlyChange 1). The table is cleared every
 * 240 codes so the code width never grows past 9 bits: simpler than tracking the decoder's
 * width changes, and a run of one byte still compresses ~100:1.
 */
export function lzwEncode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  const write = (code: number) => {
    acc = (acc << 9) | code;
    bits += 9;
    while (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  };
  let table = new Map<number, number>();
  let next = 258;
  let emitted = 0;
  write(256);
  let cur = data[0]!;
  for (let i = 1; i < data.length; i++) {
    const c = data[i]!;
    const key = cur * 256 + c;
    const known = table.get(key);
    if (known !== undefined) {
      cur = known;
      continue;
    }
    write(cur);
    table.set(key, next++);
    cur = c;
    if (++emitted >= 240) {
      write(256);
      table = new Map();
      next = 258;
      emitted = 0;
    }
  }
  write(cur);
  write(257);
  if (bits > 0) out.push((acc << (8 - bits)) & 0xff);
  return Uint8Array.from(out);
}

/** `count` copies of `byte` as RunLengthDecode data: 128 bytes per two-byte run, then EOD. */
export function runLengthOf(byte: number, count: number): Uint8Array {
  const runs = Math.ceil(count / 128);
  const out = new Uint8Array(runs * 2 + 1);
  for (let i = 0; i < runs; i++) {
    out[i * 2] = 257 - 128;
    out[i * 2 + 1] = byte;
  }
  out[runs * 2] = 128;
  return out;
}

export function asciiHex(data: Uint8Array): Uint8Array {
  return Buffer.from(`${Buffer.from(data).toString('hex')}>`, 'latin1');
}

export function ascii85(data: Uint8Array): Uint8Array {
  let s = '';
  for (let i = 0; i < data.length; i += 4) {
    const chunk = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
    let n = ((chunk[0]! << 24) | (chunk[1]! << 16) | (chunk[2]! << 8) | chunk[3]!) >>> 0;
    const take = Math.min(4, data.length - i) + 1;
    if (n === 0 && take === 5) {
      s += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (n % 85)));
      n = Math.floor(n / 85);
    }
    s += digits.slice(0, take).join('');
  }
  return Buffer.from(`${s}~>`, 'latin1');
}
