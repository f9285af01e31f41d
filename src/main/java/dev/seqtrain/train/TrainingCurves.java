package dev.seqtrain.train;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code curves.png}: training and validation loss per epoch, and below it the monitored metric (early stopping's,
 * else validation accuracy when the task has one), with the best epoch marked. Drawn off-screen (headless AWT).
 */
public final class TrainingCurves {
    static {
        // a driver on a server has no display; AWT must not look for one (set before any AWT class loads)
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private TrainingCurves() {
    }

    /** The metric drawn in the lower panel: a monitored accuracy, else val_accuracy when present, else none. */
    static String secondMetric(List<EpochRecord> history, String monitor) {
        if (monitor != null && !monitor.endsWith("loss")) return monitor;
        boolean hasAccuracy = !history.isEmpty() && history.get(0).validation().containsKey("accuracy");
        return hasAccuracy ? "val_accuracy" : null;
    }

    /** The PNG bytes; {@code bestEpoch} 0 draws no marker. */
    public static byte[] png(String title, List<EpochRecord> history, String monitor, int bestEpoch) {
        XYSeries loss = new XYSeries("loss");
        XYSeries valLoss = new XYSeries("val_loss");
        String metric = secondMetric(history, monitor);
        XYSeries second = metric == null ? null : new XYSeries(metric);
        for (EpochRecord r : history) {
            loss.add(r.epoch(), r.loss());
            valLoss.add(r.epoch(), r.monitored("val_loss"));
            if (second != null) second.add(r.epoch(), r.monitored(metric));
        }
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(12);
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(loss);
        losses.addSeries(valLoss);
        plot.add(panel(losses, "loss", bestEpoch), 3);
        if (second != null) plot.add(panel(new XYSeriesCollection(second), metric, bestEpoch), 2);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 800, 600);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw curves.png", e);
        }
        return out.toByteArray();
    }

    private static XYPlot panel(XYSeriesCollection data, String label, int bestEpoch) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot p = new XYPlot(data, null, axis, renderer);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        if (bestEpoch > 0) {
            ValueMarker best = new ValueMarker(bestEpoch, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[]{4f, 4f}, 0f));
            p.addDomainMarker(best);
        }
        return p;
    }
}
