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
# A valid one-page PDF with prose and no table (xref offsets left to the reader's repair).
cat > "$out/no-plan-table.pdf" <<'PDF'
%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 120 >> stream
BT /F1 12 Tf 72 760 Td (Dear colleagues, the meeting is moved to Friday.) Tj 0 -16 Td (Regards, the office.) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R /Size 6 >>
%%EOF
PDF
