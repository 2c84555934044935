package org.provenance.ledger.api.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A top-to-bottom writer of A4 pages with PDFBox: headings, wrapped text, simple tables and a
 * drawing area. Text uses the standard Helvetica fonts (WinAnsi): characters they cannot show are
 * printed as '?', never dropped silently.
 */
final class PdfPages implements AutoCloseable {

    static final float MARGIN = 48;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument document = new PDDocument();
    final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    final PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private PDPageContentStream content;
    private float y;
    private final String footer;
    private int pages;

    PdfPages(String footer) {
        this.footer = footer;
        newPage();
    }

    void heading(String text) {
        space(28);
        y -= 8;
        text(bold, 13, MARGIN, text);
        y -= 18;
    }

    void title(String text) {
        text(bold, 18, MARGIN, text);
        y -= 26;
    }

    /** A paragraph wrapped to the page width. */
    void paragraph(String text, float size) {
        for (String line : wrap(text, regular, size, WIDTH)) {
            space(size + 4);
            text(regular, size, MARGIN, line);
            y -= size + 4;
        }
    }

    void monoLine(String text, float size) {
        for (String line : wrap(text, mono, size, WIDTH)) {
            space(size + 3);
            text(mono, size, MARGIN, line);
            y -= size + 3;
        }
    }

    /** A table: columns as fractions of the width; the header in bold; cells wrapped within their column. */
    void table(List<String> header, float[] widths, List<List<String>> rows) {
        row(header, widths, bold);
        if (rows.isEmpty()) {
            paragraph("(none)", 9);
        }
        for (List<String> row : rows) {
            row(row, widths, regular);
        }
        y -= 4;
    }

    private void row(List<String> cells, float[] widths, PDType1Font font) {
        float size = 8.5f;
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> cell = wrap(cells.get(i) == null ? "" : cells.get(i), font, size, widths[i] * WIDTH - 4);
            wrapped.add(cell);
            lines = Math.max(lines, cell.size());
        }
        float height = lines * (size + 2.5f) + 3;
        space(height);
        float x = MARGIN;
        for (int i = 0; i < wrapped.size(); i++) {
            float lineY = y;
            for (String line : wrapped.get(i)) {
                textAt(font, size, x, lineY, line);
                lineY -= size + 2.5f;
            }
            x += widths[i] * WIDTH;
        }
        y -= height;
        line(MARGIN, y + size - 1, MARGIN + WIDTH, y + size - 1, 0.85f);
    }

    /** Reserves a drawing area of the given height and answers its bottom-left corner's y. */
    float area(float height) {
        space(height);
        y -= height;
        return y;
    }

    PDPageContentStream content() {
        return content;
    }

    void textAt(PDType1Font font, float size, float x, float atY, String text) {
        try {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, atY);
            content.showText(printable(text));
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(float x1, float y1, float x2, float y2, float grey) {
        try {
            content.setStrokingColor(grey, grey, grey);
            content.setLineWidth(0.5f);
            content.moveTo(x1, y1);
            content.lineTo(x2, y2);
            content.stroke();
            content.setStrokingColor(0f, 0f, 0f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float width(PDType1Font font, float size, String text) {
        try {
            return font.getStringWidth(printable(text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        try {
            content.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        document.close();
    }

    private void text(PDType1Font font, float size, float x, String text) {
        textAt(font, size, x, y, text);
    }

    private void space(float needed) {
        if (y - needed < MARGIN + 16) {
            newPage();
        }
    }

    private void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            pages++;
            textAt(regular, 7.5f, MARGIN, MARGIN - 20, footer + "  -  page " + pages);
            y = PDRectangle.A4.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> wrap(String text, PDType1Font font, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : printable(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, candidate) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(word);
                // a single word wider than the column is cut
                while (width(font, size, line.toString()) > maxWidth && line.length() > 1) {
                    int cut = line.length() - 1;
                    while (cut > 1 && width(font, size, line.substring(0, cut)) > maxWidth) {
                        cut--;
                    }
                    lines.add(line.substring(0, cut));
                    line.delete(0, cut);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Only what WinAnsi Helvetica can show: printable ASCII and Latin-1; the rest becomes '?'. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\n' || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) ? c : '?');
        }
        return out.toString();
    }
}
