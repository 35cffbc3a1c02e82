#!/usr/bin/env bash
# Regenerates fixtures/bad/: inputs that must fail with one clear line each.
# Needs qpdf (Debian: apt-get install qpdf) for the encrypted PDF; the rest is plain shell.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/bad
src=fixtures/corpus/docs/vereshchagino-2021.pdf
mkdir -p "$out"
: > "$out/empty.pdf"
head -c 4096 /dev/urandom > "$out/random-bytes.bin"
{ printf '%%PDF-1.7\n'; head -c 2048 /dev/urandom; } > "$out/pdf-header-random-body.pdf"
head -c 9000 "$src" > "$out/truncated.pdf"
qpdf --encrypt secret secret 256 -- "$src" "$out/encrypted.pdf"
printf 'PK\003\004' > "$out/zip-header-only.docx"; head -c 600 /dev/urandom >> "$out/zip-header-only.docx"
printf 'Привет, это просто письмо без плана мероприятий.\nС уважением, отдел.\n' > "$out/not-a-plan.txt"
printf 'GIF89a\001\000\001\000\000\000\000;' > "$out/image.gif"
