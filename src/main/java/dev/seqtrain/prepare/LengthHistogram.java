package dev.seqtrain.prepare;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static dev.seqtrain.batch.PreparedColumns.LENGTH;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;

/**
 * {@code length_histogram.png}: how many documents have each sequence length (before padding), with {@code maxlen}
 * marked, so a user sees at a glance what truncation costs. The counts are reduced on executors into at most
 * {@value #BINS} bins; only those reach the driver.
 */
public final class LengthHistogram {
    static final int BINS = 60;

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private LengthHistogram() {
    }

    public static byte[] png(Dataset<Row> indexed, long maxLength, int maxlen, String title) {
        int width = (int) Math.max(1, (maxLength + BINS) / BINS);
        List<Row> bins = indexed.groupBy(floor(col(LENGTH).divide(width)).as("bin")).count().collectAsList();
        XYSeries series = new XYSeries("documents");
        for (Row r : bins) series.add(r.getLong(0) * width + width / 2.0, r.getLong(1));
        XYBarRenderer bars = new XYBarRenderer(0.05);
        bars.setSeriesPaint(0, new Color(0x4C72B0));
        bars.setShadowVisible(false);
        bars.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        NumberAxis lengthAxis = new NumberAxis("tokens per document");
        lengthAxis.setRange(0, Math.max(maxLength, maxlen) * 1.05 + 1); // maxlen visible even beyond the data
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), lengthAxis, new NumberAxis("documents"), bars);
        ValueMarker cut = new ValueMarker(maxlen, Color.RED, new BasicStroke(2f));
        cut.setLabel("maxlen " + maxlen);
        plot.addDomainMarker(cut);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 800, 450);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
