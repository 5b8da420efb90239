import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';

/**
 * The text drawn on each page of a PDF, read back from the file itself: pdf-lib parses it, each
 * page's content streams are inflated (FlateDecode) and the strings of the text operators (Tj)
 * decoded (WinAnsi, as Helvetica writes them). One string per Tj, in drawing order.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[][]; title: string | undefined; producer: string | undefined }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false }); // reading must not rewrite the producer
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref as PDFRef)) : [contents];
    const text: string[] = [];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const filter = stream.dict.get(PDFName.of('Filter'));
      const raw = filter === PDFName.of('FlateDecode') ? inflateSync(stream.getContents()) : Buffer.from(stream.getContents());
      for (const match of raw.toString('latin1').matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) text.push(decodeWinAnsi(Buffer.from(match[1]!, 'hex')));
    }
    return text;
  });
  return { pages, title: doc.getTitle(), producer: doc.getProducer() };
}

/** WinAnsi bytes to text: Latin-1 with the 0x80–0x9F block as Windows-1252 places it. */
function decodeWinAnsi(bytes: Buffer): string {
  const high: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x99: '™' };
  return [...bytes].map((byte) => high[byte] ?? String.fromCharCode(byte)).join('');
}
