package org.provenance.ledger.api.report;

import org.provenance.ledger.projections.lot.Lineage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The upstream lineage as a vector drawing: one column per depth (the reported lot at the right,
 * its origins to the left), a box per lot with its custodian, an arrow per transformation edge
 * labelled with the stage. Large graphs are cut at a fixed number of lots per column, said so.
 */
final class LineageDrawing {

    static final int MAX_COLUMNS = 6;
    static final int MAX_ROWS = 8;
    private static final float BOX_H = 26;

    private LineageDrawing() {
    }

    /** Draws the graph; answers a note about what was left out, or null. */
    static String draw(PdfPages pages, Lineage lineage, Map<String, String> facilityNames) {
        Map<Integer, List<Lineage.LotNode>> columns = new TreeMap<>();
        lineage.lots().stream().sorted(Comparator.comparingInt(Lineage.LotNode::depth).thenComparing(Lineage.LotNode::lotId))
               .forEach(l -> columns.computeIfAbsent(l.depth(), d -> new ArrayList<>()).add(l));
        int depth = Math.min(columns.size(), MAX_COLUMNS);
        int rows = columns.values().stream().limit(MAX_COLUMNS).mapToInt(c -> Math.min(c.size(), MAX_ROWS)).max().orElse(1);
        float height = rows * (BOX_H + 12) + 24;
        float bottom = pages.area(height);
        float columnWidth = PdfPages.WIDTH / Math.max(depth, 1);
        float boxW = Math.min(columnWidth - 26, 150);
        Map<String, float[]> at = new HashMap<>();
        int shown = 0;
        for (Map.Entry<Integer, List<Lineage.LotNode>> column : columns.entrySet()) {
            int d = column.getKey();
            if (d >= MAX_COLUMNS) {
                break;
            }
            float x = PdfPages.MARGIN + (depth - 1 - d) * columnWidth;
            List<Lineage.LotNode> lots = column.getValue();
            for (int r = 0; r < Math.min(lots.size(), MAX_ROWS); r++) {
                Lineage.LotNode lot = lots.get(r);
                float y = bottom + height - 8 - (r + 1) * (BOX_H + 12);
                box(pages, x, y, boxW, lot, facilityNames.getOrDefault(lot.custodianId(), lot.custodianId()), d == 0);
                at.put(lot.lotId(), new float[]{x, y});
                shown++;
            }
        }
        for (Lineage.TransformationEdge edge : lineage.transformations()) {
            for (Lineage.MassOfLot output : edge.outputs()) {
                float[] to = at.get(output.lotId());
                for (Lineage.MassOfLot input : edge.inputs()) {
                    float[] from = at.get(input.lotId());
                    if (to != null && from != null) {
                        arrow(pages, from[0] + boxW, from[1] + BOX_H / 2, to[0], to[1] + BOX_H / 2, edge.stage());
                    }
                }
            }
        }
        int total = lineage.lots().size();
        return shown < total ? "The drawing shows " + shown + " of the " + total + " lots upstream; the table lists "
                + "every transformation." : null;
    }

    private static void box(PdfPages pages, float x, float y, float w, Lineage.LotNode lot, String custodian,
                            boolean reported) {
        try {
            var content = pages.content();
            content.setNonStrokingColor(reported ? 0.86f : 0.94f, reported ? 0.92f : 0.95f, reported ? 1f : 0.97f);
            content.addRect(x, y, w, BOX_H);
            content.fill();
            content.setNonStrokingColor(0f, 0f, 0f);
            content.setLineWidth(0.6f);
            content.addRect(x, y, w, BOX_H);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pages.textAt(pages.bold, 7, x + 3, y + BOX_H - 9, fit(pages, lot.lotId(), w - 6, 7));
        pages.textAt(pages.regular, 6.5f, x + 3, y + BOX_H - 17,
                     fit(pages, lot.form() + ", " + lot.initialMassKg().toPlainString() + " kg", w - 6, 6.5f));
        pages.textAt(pages.regular, 6.5f, x + 3, y + 3, fit(pages, "at " + custodian, w - 6, 6.5f));
    }

    private static void arrow(PdfPages pages, float x1, float y1, float x2, float y2, String stage) {
        pages.line(x1, y1, x2, y2, 0.3f);
        try {
            var content = pages.content();
            double angle = Math.atan2(y2 - y1, x2 - x1);
            content.setNonStrokingColor(0.3f, 0.3f, 0.3f);
            content.moveTo(x2, y2);
            content.lineTo((float) (x2 - 5 * Math.cos(angle - 0.4)), (float) (y2 - 5 * Math.sin(angle - 0.4)));
            content.lineTo((float) (x2 - 5 * Math.cos(angle + 0.4)), (float) (y2 - 5 * Math.sin(angle + 0.4)));
            content.closePath();
            content.fill();
            content.setNonStrokingColor(0f, 0f, 0f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pages.textAt(pages.regular, 5.5f, (x1 + x2) / 2 - 14, (y1 + y2) / 2 + 2, stage.toLowerCase());
    }

    private static String fit(PdfPages pages, String text, float width, float size) {
        String fitted = text;
        while (fitted.length() > 3 && pages.width(pages.regular, size, fitted) > width) {
            fitted = fitted.substring(0, fitted.length() - 2);
        }
        return fitted.equals(text) ? text : fitted + "~";
    }
}
