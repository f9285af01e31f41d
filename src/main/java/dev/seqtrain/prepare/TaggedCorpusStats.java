package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.text.LabelIndex;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Locale;

import static dev.seqtrain.batch.PreparedColumns.LENGTH;
import static dev.seqtrain.batch.PreparedColumns.TAGS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Statistics of prepared tagging rows, computed on executors: {@link CorpusStats} with sentences as
 * documents and the tag distribution counted per token (the tokens kept after truncation), plus the tokens lost to
 * truncation and the validation tokens whose tag training never saw (neither is scored).
 */
public record TaggedCorpusStats(CorpusStats sentences, long truncatedTokens, long unknownTags) {

    public static TaggedCorpusStats of(Dataset<Row> indexed, long distinctTokens, int maxlen, LabelIndex tags,
                                       long rejected, long unknownTags) {
        List<CorpusStats.LabelCount> tagCounts = indexed.select(explode(col(TAGS)).as("t"))
                .filter(col("t").geq(0)).groupBy("t").count().orderBy("t").collectAsList().stream()
                .map(r -> new CorpusStats.LabelCount(tags.label(r.getInt(0)), r.getLong(1)))
                .toList();
        Row cut = indexed.agg(sum(greatest(col(LENGTH).minus(maxlen), lit(0)))).first();
        return new TaggedCorpusStats(CorpusStats.of(indexed, distinctTokens, maxlen, tagCounts, rejected),
                cut.isNullAt(0) ? 0 : cut.getLong(0), unknownTags);
    }

    /** {@code documents} are sentences; {@code labels} holds tag counts per token. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = sentences.toJson(json);
        n.put("unit", "sentence");
        n.put("truncated_tokens", truncatedTokens);
        n.put("unknown_tags", unknownTags);
        n.set("tags", n.remove("labels"));
        return n;
    }

    public String describe(String split) {
        String base = sentences.describe(split).replaceFirst(" documents,", " sentences,")
                .replaceFirst("  labels:", "  tags (per token):");
        return base + String.format(Locale.ROOT, "%n  tokens cut by truncation: %,d; tokens with a tag unseen in "
                + "training: %,d", truncatedTokens, unknownTags);
    }
}
