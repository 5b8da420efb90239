import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** Landscape A4 in points: wide enough for a collateral table with full asset ids. */
const PAGE = { width: 841.89, height: 595.28, margin: 42 } as const;

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/**
 * A small writer on top of pdf-lib: headings, label/value lines, tables that continue on new
 * pages with their header repeated, and a footer on every page. Standard Helvetica only (no font
 * files): text outside its WinAnsi character set is replaced, never a failure.
 */
export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly charset: Set<number>;

  private constructor(readonly doc: PDFDocument, private readonly font: PDFFont, private readonly bold: PDFFont, private readonly footer: string) {
    this.charset = new Set(font.getCharacterSet());
    this.newPage();
  }

  static async create(title: string, footer: string, at: Date): Promise<PdfWriter> {
    // updateMetadata: false, or pdf-lib writes its own producer over ours on save.
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(title);
    doc.setProducer('Sietch');
    doc.setCreator('Sietch');
    doc.setCreationDate(at);
    doc.setModificationDate(at);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    return new PdfWriter(doc, font, bold, footer);
  }

  /** Replaces what Helvetica (WinAnsi) cannot draw. */
  clean(text: string): string {
    let out = '';
    for (const char of text) out += this.charset.has(char.codePointAt(0)!) ? char : '?';
    return out;
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
    const number = this.doc.getPageCount();
    this.page.drawText(this.clean(`${this.footer} — page ${number}`), { x: PAGE.margin, y: PAGE.margin / 2, size: 7, font: this.font, color: rgb(0.4, 0.4, 0.4) });
  }

  private ensure(height: number): void {
    if (this.y - height < PAGE.margin) this.newPage();
  }

  private fit(text: string, width: number, size: number, font: PDFFont): string {
    let value = this.clean(text);
    if (font.widthOfTextAtSize(value, size) <= width) return value;
    while (value.length > 1 && font.widthOfTextAtSize(`${value}…`, size) > width) value = value.slice(0, -1);
    return `${value}…`;
  }

  heading(text: string, size = 16): void {
    this.ensure(size + 10);
    this.y -= size;
    this.page.drawText(this.clean(text), { x: PAGE.margin, y: this.y, size, font: this.bold });
    this.y -= 8;
  }

  text(text: string, size = 9): void {
    this.ensure(size + 4);
    this.y -= size + 3;
    this.page.drawText(this.fit(text, PAGE.width - 2 * PAGE.margin, size, this.font), { x: PAGE.margin, y: this.y, size, font: this.font });
  }

  gap(points = 8): void {
    this.y -= points;
  }

  /** Label and value pairs, two columns of them per line; a value too wide for half a line gets a whole one. */
  fields(pairs: readonly [string, string][], size = 9): void {
    const full = PAGE.width - 2 * PAGE.margin;
    const half = full / 2;
    const wide = (value: string): boolean => this.bold.widthOfTextAtSize(this.clean(value), size) > half - 160;
    const lines: [string, string][][] = [];
    for (const pair of pairs) {
      const last = lines.at(-1);
      if (last && last.length === 1 && !wide(last[0]![1]) && !wide(pair[1])) last.push(pair);
      else lines.push([pair]);
    }
    for (const line of lines) {
      this.ensure(size + 4);
      this.y -= size + 4;
      line.forEach(([label, value], column) => {
        const x = PAGE.margin + column * half;
        const width = line.length === 1 ? full - 160 : half - 160;
        this.page.drawText(this.fit(label, 150, size, this.font), { x, y: this.y, size, font: this.font, color: rgb(0.35, 0.35, 0.35) });
        this.page.drawText(this.fit(value, width, size, this.bold), { x: x + 155, y: this.y, size, font: this.bold });
      });
    }
  }

  table(columns: readonly Column[], rows: readonly (readonly string[])[], size = 7.5): void {
    const header = (): void => {
      this.ensure(size + 8);
      this.y -= size + 4;
      this.drawRow(columns, columns.map((column) => column.title), size, this.bold);
      this.page.drawLine({ start: { x: PAGE.margin, y: this.y - 2 }, end: { x: PAGE.width - PAGE.margin, y: this.y - 2 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
      this.y -= 3;
    };
    header();
    for (const row of rows) {
      if (this.y - (size + 3) < PAGE.margin) {
        this.newPage();
        header();
      }
      this.y -= size + 3;
      this.drawRow(columns, row, size, this.font);
    }
  }

  private drawRow(columns: readonly Column[], cells: readonly string[], size: number, font: PDFFont): void {
    let x = PAGE.margin;
    columns.forEach((column, index) => {
      const text = this.fit(cells[index] ?? '', column.width - 4, size, font);
      const offset = column.align === 'right' ? column.width - 4 - font.widthOfTextAtSize(text, size) : 0;
      this.page.drawText(text, { x: x + offset, y: this.y, size, font });
      x += column.width;
    });
  }

  async bytes(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: false });
  }
}

/** Money for print: grouped thousands, at least 2 decimals, every micro-unit that is there. */
export function printMoney(micro: bigint): string {
  const negative = micro < 0n;
  const magnitude = negative ? -micro : micro;
  const whole = (magnitude / 1_000_000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let fraction = (magnitude % 1_000_000n).toString().padStart(6, '0');
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
